// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpServer.h"

#include <QElapsedTimer>
#include <arpa/inet.h>
#include <cstring>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace Replicall::Target {

Q_LOGGING_CATEGORY(lcTarget, "replicall.target")

// Per request state, owned by libmicrohttpd's con_cls slot from the first call of the
// access handler until the completion callback.
struct HttpServer::RequestContext {
    QElapsedTimer timer;
    QByteArray method;
    QString path;
    QString tokenName;
    std::unique_ptr<BodyHandler> handler;
    std::unique_ptr<HttpResponse> pending; // decided on the first call, sent on the next
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    int status = 0;
    bool finished = false;
};

namespace {

MHD_Result collectHeader(void *cls, MHD_ValueKind, const char *key, const char *value) {
    auto *request = static_cast<HttpRequest *>(cls);
    const QByteArray name = QByteArray(key).toLower();
    const QByteArray text(value ? value : "");
    // Repeated headers are joined as RFC 9110 allows for list-valued fields.
    if (request->headers.contains(name))
        request->headers[name] += ", " + text;
    else
        request->headers.insert(name, text);
    return MHD_YES;
}

qint64 headerBytes(const HttpRequest &request) {
    qint64 total = 0;
    for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it)
        total += it.key().size() + it.value().size() + 4; // ": " and CRLF
    return total;
}

MHD_Result send(MHD_Connection *connection, const HttpResponse &response, qint64 *bytesOut) {
    MHD_Response *mhd = MHD_create_response_from_buffer(
        size_t(response.body.size()), const_cast<char *>(response.body.constData()),
        MHD_RESPMEM_MUST_COPY);
    if (!mhd)
        return MHD_NO;
    if (!response.contentType.isEmpty())
        MHD_add_response_header(mhd, MHD_HTTP_HEADER_CONTENT_TYPE,
                                response.contentType.constData());
    for (const auto &header : response.headers)
        MHD_add_response_header(mhd, header.first.constData(), header.second.constData());
    const MHD_Result result = MHD_queue_response(connection, unsigned(response.status), mhd);
    MHD_destroy_response(mhd);
    *bytesOut = response.body.size();
    return result;
}

template <typename Function> HttpResponse guarded(Function function) {
    // No exception may unwind into C code; an unexpected one becomes a 500.
    try {
        return function();
    } catch (const std::exception &e) {
        qCCritical(lcTarget) << "unexpected exception:" << e.what();
    } catch (...) {
        qCCritical(lcTarget) << "unexpected exception";
    }
    return HttpResponse::problem(QStringLiteral("internal"),
                                 QStringLiteral("The target failed unexpectedly; see its log."));
}

bool parseBodyHeaders(HttpRequest *request, HttpResponse *problem) {
    const QByteArray encoding = request->header("transfer-encoding").trimmed().toLower();
    request->chunked = encoding == "chunked";
    const QByteArray length = request->header("content-length").trimmed();
    if (length.isEmpty())
        return true;
    bool ok = false;
    request->contentLength = length.toLongLong(&ok);
    if (!ok || request->contentLength < 0) {
        *problem = HttpResponse::problem(QStringLiteral("bad-request"),
                                         QStringLiteral("Content-Length '%1' is not a byte count.")
                                             .arg(QString::fromLatin1(length)));
        return false;
    }
    return true;
}

} // namespace

// The C callbacks of libmicrohttpd; `cls` is the HttpServer.
struct HttpServer::Callbacks {
    static MHD_Result access(void *cls, MHD_Connection *connection, const char *url,
                             const char *method, const char *, const char *uploadData,
                             size_t *uploadDataSize, void **conCls) {
        auto *server = static_cast<HttpServer *>(cls);
        auto *context = static_cast<RequestContext *>(*conCls);
        if (!context) {
            context = new RequestContext;
            *conCls = context;
            context->timer.start();
            context->method = method;
            context->path = QString::fromUtf8(url);
            return firstCall(server, connection, context);
        }
        if (*uploadDataSize > 0) {
            const size_t size = *uploadDataSize;
            *uploadDataSize = 0;
            context->bytesIn += qint64(size);
            acknowledgeAtOnce(connection);
            if (context->handler && !context->handler->receive(uploadData, size))
                return MHD_NO; // closes the connection; abandon() runs on completion
            return MHD_YES;
        }
        if (context->pending) {
            const std::unique_ptr<HttpResponse> pending = std::move(context->pending);
            return send(connection, *pending, &context->bytesOut);
        }
        if (context->handler && !context->finished) {
            context->finished = true;
            HttpResponse response = guarded([&] { return context->handler->finish(); });
            context->status = response.status;
            return send(connection, response, &context->bytesOut);
        }
        return MHD_YES;
    }

    // Clients that leave Nagle's algorithm on (Qt's QNetworkAccessManager does) hold
    // the last piece of a body back until the bytes before it are acknowledged, and
    // a delayed ACK waits 40 ms: every kept-alive upload took 40 ms longer than its
    // work. Quick-ACK mode is not sticky, so it is asked for again as data arrives.
    static void acknowledgeAtOnce(MHD_Connection *connection) {
#ifdef TCP_QUICKACK
        const MHD_ConnectionInfo *info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        const int on = 1;
        if (info)
            ::setsockopt(info->connect_fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#else
        Q_UNUSED(connection)
#endif
    }

    static MHD_Result firstCall(HttpServer *server, MHD_Connection *connection,
                                RequestContext *context) {
        HttpRequest request;
        request.method = context->method;
        request.path = context->path;
        MHD_get_connection_values(connection, MHD_HEADER_KIND, collectHeader, &request);

        HttpResponse response;
        if (server->m_openConnections.load() > server->m_settings.maxConnections) {
            response = HttpResponse::problem(
                QStringLiteral("too-many-connections"),
                QStringLiteral("The target serves at most %1 connections at once; retry later.")
                    .arg(server->m_settings.maxConnections));
        } else if (headerBytes(request) > MaxHeaderBytes) {
            response = HttpResponse::problem(
                QStringLiteral("headers-too-large"),
                QStringLiteral("The request headers total %1 bytes; at most %2 are accepted.")
                    .arg(headerBytes(request))
                    .arg(MaxHeaderBytes));
        } else if (!parseBodyHeaders(&request, &response)) {
            // response holds the problem
        } else {
            Routed routed;
            response = guarded([&] {
                routed = server->m_router.route(request);
                return routed.response;
            });
            context->tokenName = routed.tokenName;
            if (routed.handler) {
                context->handler = std::move(routed.handler);
                return MHD_YES; // the body (possibly empty) follows
            }
        }
        context->finished = true;
        context->status = response.status;
        // A small refused body is read and dropped before the answer: closing the
        // connection with unread bytes makes the kernel reset it, and the client would
        // never see the answer. A large one is refused unread, as the limits require.
        if (!request.mayHaveBody() ||
            (!request.chunked && request.contentLength <= RefusedBodyDrainLimit)) {
            // Answering on the next call keeps the connection alive; answering now would
            // make the daemon close it, which is only wanted to refuse an unread body.
            context->pending = std::make_unique<HttpResponse>(std::move(response));
            return MHD_YES;
        }
        return send(connection, response, &context->bytesOut);
    }

    static void completed(void *cls, MHD_Connection *, void **conCls,
                          MHD_RequestTerminationCode code) {
        Q_UNUSED(cls);
        auto *context = static_cast<RequestContext *>(*conCls);
        if (!context)
            return;
        *conCls = nullptr;
        if (context->handler && !context->finished)
            context->handler->abandon();
        const QString token =
            context->tokenName.isEmpty() ? QStringLiteral("-") : context->tokenName;
        if (code == MHD_REQUEST_TERMINATED_COMPLETED_OK) {
            qCInfo(lcTarget).noquote()
                << context->method << context->path << context->status << "in" << context->bytesIn
                << "out" << context->bytesOut << context->timer.elapsed() << "ms token" << token;
        } else {
            qCWarning(lcTarget).noquote()
                << context->method << context->path << "aborted (" << reason(code) << ") in"
                << context->bytesIn << context->timer.elapsed() << "ms token" << token;
        }
        delete context;
    }

    static void connection(void *cls, MHD_Connection *, void **,
                           MHD_ConnectionNotificationCode code) {
        auto *server = static_cast<HttpServer *>(cls);
        if (code == MHD_CONNECTION_NOTIFY_STARTED)
            ++server->m_openConnections;
        else
            --server->m_openConnections;
    }

    static const char *reason(MHD_RequestTerminationCode code) {
        switch (code) {
        case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED:
            return "timeout";
        case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN:
            return "server shutdown";
        case MHD_REQUEST_TERMINATED_CLIENT_ABORT:
        case MHD_REQUEST_TERMINATED_READ_ERROR:
            return "client hung up";
        default:
            return "error";
        }
    }

    static void log(void *, const char *format, va_list args) {
        char text[512];
        std::vsnprintf(text, sizeof text, format, args);
        qCWarning(lcTarget).noquote() << "http:" << QString::fromLocal8Bit(text).trimmed();
    }
};

HttpServer::HttpServer(RequestRouter &router)
    : m_router(router) {}

HttpServer::~HttpServer() {
    stop();
}

bool HttpServer::start(const Settings &settings, QString *error) {
    m_settings = settings;
    m_tls = !settings.tlsCertificate.isEmpty() && !settings.tlsKey.isEmpty();
    // The PEM buffers are read by the daemon while it runs; keep NUL-terminated copies.
    m_settings.tlsCertificate.append('\0');
    m_settings.tlsKey.append('\0');

    sockaddr_storage address{};
    socklen_t addressSize = 0;
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG;
    if (settings.address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&address);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(settings.port);
        const Q_IPV6ADDR bytes = settings.address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        addressSize = sizeof(sockaddr_in6);
        flags |= MHD_USE_IPv6;
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&address);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(settings.port);
        in4->sin_addr.s_addr = htonl(settings.address.toIPv4Address());
        addressSize = sizeof(sockaddr_in);
    }
    Q_UNUSED(addressSize);
    if (m_tls)
        flags |= MHD_USE_TLS;

    // The daemon's own cap is a little above ours so that the connections over our cap
    // still get a 503 problem instead of a silently closed socket.
    const unsigned int daemonConnectionLimit = unsigned(settings.maxConnections + 16);
    MHD_OptionItem options[] = {
        {MHD_OPTION_EXTERNAL_LOGGER, intptr_t(&Callbacks::log), this}, // first, to catch all
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_LISTENING_ADDRESS_REUSE, 1, nullptr},
        {MHD_OPTION_THREAD_POOL_SIZE, settings.threads, nullptr},
        {MHD_OPTION_CONNECTION_LIMIT, daemonConnectionLimit, nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, settings.timeoutSeconds, nullptr},
        // Headers must fit into the connection's memory pool; 32 KiB leaves room for 16 KiB
        // of headers plus the read buffer, and larger headers are refused by the daemon.
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 32 * 1024, nullptr},
        {MHD_OPTION_NOTIFY_COMPLETED, intptr_t(&Callbacks::completed), this},
        {MHD_OPTION_NOTIFY_CONNECTION, intptr_t(&Callbacks::connection), this},
        {m_tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
         m_tls ? m_settings.tlsCertificate.data() : nullptr},
        {m_tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0,
         m_tls ? m_settings.tlsKey.data() : nullptr},
        {MHD_OPTION_END, 0, nullptr},
    };
    m_daemon = MHD_start_daemon(flags, settings.port, nullptr, nullptr, &Callbacks::access, this,
                                MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (!m_daemon) {
        *error = QStringLiteral("cannot listen on %1 port %2 (%3): address in use, not local, "
                                "or the TLS certificate/key is not valid PEM")
                     .arg(settings.address.toString())
                     .arg(settings.port)
                     .arg(m_tls ? QStringLiteral("HTTPS") : QStringLiteral("HTTP"));
        return false;
    }
    return true;
}

void HttpServer::stop() {
    if (m_daemon) {
        MHD_stop_daemon(m_daemon);
        m_daemon = nullptr;
    }
}

} // namespace Replicall::Target
