// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/NetworkCall.h"

#include <QHash>
#include <QList>

namespace Replicall {

struct LookupEntry {
    QString id;
    QByteArray sha256; // hex; empty when not known yet
};

// What the target holds for one recording id.
struct HeldRecording {
    bool held = false;
    QString tenant;
    QByteArray sha256;         // hex of the held audio; empty when none
    qint64 size = -1;          // of the held audio; -1 when none
    QByteArray metadataSha256; // empty when no metadata is held
    bool match = false;        // the asked sha256 equals the held audio's
};

// POST /recordings/lookup for any number of ids, sent in batches of at most
// maxBatch one after the other.
class LookupCall : public NetworkCall {
    Q_OBJECT
public:
    LookupCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
               const QList<LookupEntry> &entries, QObject *parent = nullptr);

    // From TargetInfo::maxLookupBatch; 1000 by default.
    void setMaxBatch(int maxBatch) { m_maxBatch = qMax(1, maxBatch); }
    void start();
    // One entry per asked id once ok().
    const QHash<QString, HeldRecording> &result() const { return m_result; }

private:
    void sendBatch();
    bool readBatch(const QByteArray &body, qsizetype first, qsizetype count);

    QList<LookupEntry> m_entries;
    qsizetype m_next = 0;
    int m_maxBatch = 1000;
    QHash<QString, HeldRecording> m_result;
};

} // namespace Replicall
