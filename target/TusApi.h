// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"
#include "RecordingApi.h"
#include "ServerConfig.h"
#include "Storage.h"
#include "TokenStore.h"
#include "UploadStore.h"

#include <functional>

namespace Replicall::Target {

// tus 1.0.0 at /uploads: core, creation, creation-with-upload, checksum, termination,
// expiration. Bodies stream through a ChunkWriter straight into the upload's file.
//
// A small recording is sent in one request: creation-with-upload of the whole file
// whose Upload-Metadata carries the commit ("commit", the JSON of PUT /recordings/{id}
// without audio.upload). Once the body arrived and its Upload-Checksum matched, the
// recording is committed in the same request and the 201 carries the commit answer.
class TusApi {
public:
    // Runs once a whole upload arrived in one request, with its SHA-256 (raw; empty
    // when unknown); its answer is the request's.
    using OnUploadComplete = std::function<HttpResponse(const Upload &, const QByteArray &sha256)>;

    TusApi(const ServerConfig &config, UploadStore &uploads, const Storage &storage,
           RecordingApi &recordings);

    static void addTusHeaders(HttpResponse *response);
    // 412 unless the request speaks tus 1.0.0.
    static std::optional<Problem> checkResumable(const HttpRequest &request);

    HttpResponse options() const;
    Routed create(const HttpRequest &request, const Token &token);
    HttpResponse head(const QString &id, const Token &token);
    Routed patch(const HttpRequest &request, const QString &id, const Token &token);
    HttpResponse terminate(const QString &id, const Token &token);

private:
    std::optional<Problem> findOwned(const QString &id, const Token &token, Upload *upload);
    // Content type, size limits and disk space of a body that is about to be appended.
    std::optional<Problem> checkChunk(const HttpRequest &request, const Upload &upload,
                                      qint64 *maxBytes) const;
    // For creation-with-upload that commits: the claim read from Upload-Metadata.
    std::optional<Problem> readInlineCommit(const HttpRequest &request, const Token &token,
                                            const Upload &upload, const QString &commitJson,
                                            RecordingApi::CommitClaim *claim) const;
    Routed receiveBody(const HttpRequest &request, const Upload &requested, bool creating,
                       OnUploadComplete onComplete = {});
    std::optional<Problem> checkOffsetUnchanged(const Upload &requested, Upload *current);

    const ServerConfig &m_config;
    UploadStore &m_uploads;
    const Storage &m_storage;
    RecordingApi &m_recordings;
};

} // namespace Replicall::Target
