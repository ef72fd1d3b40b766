// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/NetworkCall.h"

#include <QDateTime>
#include <QStringList>

namespace Replicall {

// What GET /info tells about the target and the token ("Test connection").
struct TargetInfo {
    QString serverName;
    QString serverVersion;
    QString serverHost;
    QString tokenName;
    QStringList tenants;
    QStringList data;  // "audio", "metadata", "users"
    QDateTime expires; // invalid when the token never expires
    qint64 maxChunkSize = 0;
    qint64 maxUploadSize = 0;
    qint64 maxJsonSize = 0;
    int maxLookupBatch = 1000;
    qint64 freeBytes = -1;
    qint64 totalBytes = -1;
    QStringList tusExtensions;
};

class InfoCall : public NetworkCall {
    Q_OBJECT
public:
    InfoCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
             QObject *parent = nullptr);

    void start();
    const TargetInfo &info() const { return m_info; }

private:
    void read(const QByteArray &body);

    TargetInfo m_info;
};

} // namespace Replicall
