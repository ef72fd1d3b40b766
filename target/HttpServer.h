// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <atomic>

struct MHD_Daemon;

namespace Replicall::Target {

Q_DECLARE_LOGGING_CATEGORY(lcTarget)

// The HTTP(S) layer on libmicrohttpd. Bodies are handed to a BodyHandler piece by
// piece as they arrive; limits are enforced by the daemon (header memory, timeout,
// connection cap) and by the router on the first call, before any body is read.
class HttpServer {
public:
    struct Settings {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 0;
        QByteArray tlsCertificate; // PEM; HTTPS when both are set
        QByteArray tlsKey;
        int maxConnections = 64;
        // Each request holds its thread through its fsyncs; 16 lets a sender's 8
        // workers (and a second job) wait on the disk together, where the
        // filesystem batches their journal commits, instead of in turn.
        int threads = 16;
        int timeoutSeconds = 120;
    };

    // Request headers may total at most this much (docs/wire-protocol.md).
    static constexpr qint64 MaxHeaderBytes = 16 * 1024;
    // Refused bodies up to this size are read and dropped so the answer reaches the client.
    static constexpr qint64 RefusedBodyDrainLimit = 1024 * 1024;

    explicit HttpServer(RequestRouter &router);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    bool start(const Settings &settings, QString *error);
    void stop();
    bool isTls() const { return m_tls; }

private:
    struct RequestContext;
    struct Callbacks;

    RequestRouter &m_router;
    MHD_Daemon *m_daemon = nullptr;
    Settings m_settings;
    bool m_tls = false;
    std::atomic<int> m_openConnections{0};
};

} // namespace Replicall::Target
