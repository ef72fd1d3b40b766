// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DirectoryApi.h"
#include "HttpMessage.h"
#include "RecordingApi.h"
#include "ServerConfig.h"
#include "Storage.h"
#include "TusApi.h"
#include "UploadStore.h"

namespace Replicall::Target {

// The router of /api/replication/v1: authenticates, checks scope-independent preconditions,
// and hands each call to its API class (docs/wire-protocol.md).
class ReplicationApi : public RequestRouter {
public:
    explicit ReplicationApi(const ServerConfig &config);

    Routed route(const HttpRequest &request) override;
    UploadStore &uploads() { return m_uploads; }

private:
    Routed routeAuthenticated(const HttpRequest &request, const QString &path, const Token &token);
    HttpResponse info(const Token &token) const;
    // Buffers a JSON body of at most maxJsonSize bytes, then calls `handle` with it.
    Routed jsonBody(const HttpRequest &request,
                    std::function<HttpResponse(const QByteArray &)> handle);

    ServerConfig m_config;
    Storage m_storage;
    UploadStore m_uploads;
    RecordingApi m_recordings;
    TusApi m_tus; // commits small recordings through m_recordings
};

} // namespace Replicall::Target
