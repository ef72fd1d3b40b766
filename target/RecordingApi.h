// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"
#include "ServerConfig.h"
#include "TokenStore.h"
#include "UploadStore.h"

namespace Replicall::Target {

struct StoredRecording;

// PUT /recordings/{id} (commit) and POST /recordings/lookup.
class RecordingApi {
public:
    RecordingApi(const ServerConfig &config, UploadStore &uploads);

    HttpResponse commit(const Token &token, const QString &id, const QByteArray &body);
    HttpResponse lookup(const Token &token, const QByteArray &body);

    // "acme/2026/11/20/c-000123.wav": the stored audio's place below the data directory.
    static QString audioPath(const QString &tenant, const QDateTime &start, const QString &id,
                             const QString &fileName);

private:
    struct AudioClaim {
        QString upload;
        qint64 size = 0;
        QString sha256;
        QString fileName;
    };

    std::optional<Problem> readAudioClaim(const QJsonObject &audio, AudioClaim *claim) const;
    // Puts the claimed audio into `recording`, moving a finished upload into storage.
    std::optional<Problem> takeAudio(const Token &token, const AudioClaim &claim, bool held,
                                     StoredRecording *recording, QString *committedUpload);
    std::optional<Problem> moveIntoStorage(const Upload &upload, const QString &relativePath);

    const ServerConfig &m_config;
    UploadStore &m_uploads;
};

} // namespace Replicall::Target
