// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"
#include "ServerConfig.h"
#include "TokenStore.h"
#include "UploadStore.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace Replicall::Target {

struct StoredRecording;

// PUT /recordings/{id} (commit) and POST /recordings/lookup; also the commit that
// a small recording carries in its single upload request (TusApi, "commit" in
// Upload-Metadata).
class RecordingApi {
public:
    struct AudioClaim {
        QString upload;
        qint64 size = 0;
        QString sha256;
        QString fileName;
    };
    // A commit as the sender asked for it, already checked against the token.
    struct CommitClaim {
        QString id;
        QString tenant;
        QDateTime start;
        std::optional<QJsonObject> metadata;
        std::optional<AudioClaim> audio;
    };

    RecordingApi(const ServerConfig &config, UploadStore &uploads);

    HttpResponse commit(const Token &token, const QString &id, const QByteArray &body);
    HttpResponse lookup(const Token &token, const QByteArray &body);

    // Reads and checks a commit body (the JSON of PUT /recordings/{id}).
    std::optional<Problem> readCommit(const Token &token, const QString &id, const QByteArray &body,
                                      CommitClaim *claim) const;
    // Commits `received`, the complete upload of claim.audio, whose lock the caller holds
    // and whose bytes it saw arrive with this SHA-256 (hex; empty: hash the file).
    HttpResponse commitReceived(const Token &token, const CommitClaim &claim,
                                const Upload &received, const QString &receivedSha256);

    // "acme/2026/11/20/c-000123.wav": the stored audio's place below the data directory.
    static QString audioPath(const QString &tenant, const QDateTime &start, const QString &id,
                             const QString &fileName);

private:
    std::optional<Problem> readAudioClaim(const QJsonObject &audio, AudioClaim *claim) const;
    HttpResponse store(const Token &token, const CommitClaim &claim, const Upload *received,
                       const QString &receivedSha256);
    // Puts the claimed audio into `recording`, moving a finished upload into storage.
    std::optional<Problem> takeAudio(const Token &token, const AudioClaim &claim, bool held,
                                     const Upload *received, const QString &receivedSha256,
                                     StoredRecording *recording, QString *committedUpload);
    std::optional<Problem> moveIntoStorage(const Upload &upload, const QString &relativePath);

    const ServerConfig &m_config;
    UploadStore &m_uploads;
};

} // namespace Replicall::Target
