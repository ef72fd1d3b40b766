// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/NetworkCall.h"

#include <QDateTime>

namespace Replicall {

// The body of PUT /recordings/{id}: metadata, audio or both.
struct CommitRequest {
    QString recordingId;
    QString tenant;
    QDateTime start;
    std::optional<QJsonObject> metadata;
    struct Audio {
        QString uploadId; // empty when the target already holds audio with this sha256
        qint64 size = 0;
        QByteArray sha256; // hex
        QString fileName;
    };
    std::optional<Audio> audio;
};

// What the target says it stored.
struct CommitResult {
    bool created = false; // false: it already held the recording (or updated it)
    QString targetPath;   // relative to the target's data dir; empty without audio
    QByteArray audioSha256;
    QByteArray metadataSha256;
};

// Commits one recording. Succeeds only when the target's answer shows the very
// SHA-256 values that were sent; anything else fails the recording.
class CommitCall : public NetworkCall {
    Q_OBJECT
public:
    CommitCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
               const CommitRequest &commit, QObject *parent = nullptr);

    void start();
    const CommitResult &result() const { return m_result; }

    // Why the target would refuse this commit without asking it; empty when none.
    static QString problemWith(const CommitRequest &commit);
    // The JSON body of PUT /recordings/{id} (also carried by a single-request upload).
    static QByteArray payload(const CommitRequest &commit);
    // Reads the target's answer to a commit into *result; an error unless it shows
    // the very SHA-256 values that were sent.
    static TransferError readAnswer(const CommitRequest &commit, const QString &targetHost,
                                    const QByteArray &body, int status, CommitResult *result);

private:
    CommitRequest m_commit;
    CommitResult m_result;
};

} // namespace Replicall
