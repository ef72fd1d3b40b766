// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

namespace Replicall::Target {

// A request as the router sees it once its headers arrived; the body follows separately.
struct HttpRequest {
    QByteArray method;
    QString path;                          // percent-decoded, without the query
    QHash<QByteArray, QByteArray> headers; // names in lower case
    qint64 contentLength = -1;             // -1 when the header is absent
    bool chunked = false;                  // Transfer-Encoding: chunked

    QByteArray header(const QByteArray &lowerCaseName) const {
        return headers.value(lowerCaseName);
    }
    bool mayHaveBody() const { return contentLength > 0 || chunked; }
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse problem(const Problem &problem);
    static HttpResponse problem(const QString &code, const QString &detail);
    static HttpResponse noContent(int status = 204);

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

// Receives a request body as it arrives, so nothing large is ever held in memory.
class BodyHandler {
public:
    virtual ~BodyHandler() = default;
    // A piece of the body. Returning false stops reading and closes the connection
    // (only for bodies that turned out larger than their announced limit).
    virtual bool receive(const char *data, size_t size) = 0;
    // The whole body arrived.
    virtual HttpResponse finish() = 0;
    // The client hung up or the server shuts down before the body was complete.
    virtual void abandon() {}
};

// What the router decides from the headers: an answer now, or a handler for the body.
struct Routed {
    HttpResponse response;
    std::unique_ptr<BodyHandler> handler;
    QString tokenName; // for the request log; never the token itself
};

class RequestRouter {
public:
    virtual ~RequestRouter() = default;
    virtual Routed route(const HttpRequest &request) = 0;
};

} // namespace Replicall::Target
