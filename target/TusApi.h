// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"
#include "ServerConfig.h"
#include "Storage.h"
#include "TokenStore.h"
#include "UploadStore.h"

namespace Replicall::Target {

// tus 1.0.0 at /uploads: core, creation, creation-with-upload, checksum, termination,
// expiration. Bodies stream through a ChunkWriter straight into the upload's file.
class TusApi {
public:
    TusApi(const ServerConfig &config, UploadStore &uploads, const Storage &storage);

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
    Routed receiveBody(const HttpRequest &request, const Upload &requested, bool creating);
    std::optional<Problem> checkOffsetUnchanged(const Upload &requested, Upload *current);

    const ServerConfig &m_config;
    UploadStore &m_uploads;
    const Storage &m_storage;
};

} // namespace Replicall::Target
