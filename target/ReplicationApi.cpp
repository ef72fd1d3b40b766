// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReplicationApi.h"

#include "Ids.h"

#include <QHostInfo>
#include <QJsonArray>
#include <functional>

namespace Replicall::Target {

namespace {

const QString ApiPrefix = QStringLiteral("/api/replication/v1");

class JsonBodyHandler : public BodyHandler {
public:
    JsonBodyHandler(qint64 limit, std::function<HttpResponse(const QByteArray &)> handle)
        : m_limit(limit)
        , m_handle(std::move(handle)) {}

    bool receive(const char *data, size_t size) override {
        if (m_body.size() + qint64(size) > m_limit)
            return false; // a chunked body that passed the limit: drop the connection
        m_body.append(data, qsizetype(size));
        return true;
    }

    HttpResponse finish() override { return m_handle(m_body); }

private:
    qint64 m_limit;
    std::function<HttpResponse(const QByteArray &)> m_handle;
    QByteArray m_body;
};

Routed answer(const HttpResponse &response) {
    Routed routed;
    routed.response = response;
    return routed;
}

HttpResponse notFound(const HttpRequest &request) {
    return HttpResponse::problem(
        QStringLiteral("not-found"),
        QStringLiteral("There is no %1 %2 on this target.")
            .arg(QString::fromLatin1(request.method), request.path.left(200)));
}

} // namespace

ReplicationApi::ReplicationApi(const ServerConfig &config)
    : m_config(config)
    , m_storage(config.dataDir, config.reserveBytes)
    , m_uploads(config.dataDir)
    , m_recordings(m_config, m_uploads)
    , m_tus(m_config, m_uploads, m_storage, m_recordings) {}

Routed ReplicationApi::route(const HttpRequest &request) {
    if (!request.path.startsWith(ApiPrefix + u'/'))
        return answer(notFound(request));
    const QString path = request.path.mid(ApiPrefix.size());
    const bool isTus = path == u"/uploads" || path.startsWith(u"/uploads/");
    if (path == u"/uploads" && request.method == "OPTIONS")
        return answer(m_tus.options()); // tus discovery needs no token

    Token token;
    Problem problem;
    if (!TokenStore::authenticate(request.header("authorization"), &token, &problem)) {
        HttpResponse response = HttpResponse::problem(problem);
        if (isTus)
            TusApi::addTusHeaders(&response);
        return answer(response);
    }
    if (isTus) {
        if (auto notTus = TusApi::checkResumable(request)) {
            HttpResponse response = HttpResponse::problem(*notTus);
            response.setHeader("Tus-Version", "1.0.0");
            TusApi::addTusHeaders(&response);
            Routed routed = answer(response);
            routed.tokenName = token.name;
            return routed;
        }
    }
    Routed routed = routeAuthenticated(request, path, token);
    routed.tokenName = token.name;
    return routed;
}

Routed ReplicationApi::routeAuthenticated(const HttpRequest &request, const QString &path,
                                          const Token &token) {
    const QByteArray &method = request.method;
    const QString recordingsPrefix = QStringLiteral("/recordings/");
    const QString uploadsPrefix = QStringLiteral("/uploads/");
    if (path == u"/info" && method == "GET")
        return answer(info(token));
    if (path == u"/recordings/lookup" && method == "POST")
        return jsonBody(request, [this, token](const QByteArray &body) {
            return m_recordings.lookup(token, body);
        });
    if (path == u"/directory" && method == "PUT")
        return jsonBody(request,
                        [token](const QByteArray &body) { return DirectoryApi::put(token, body); });
    if (path.startsWith(recordingsPrefix) && method == "PUT") {
        const QString id = path.mid(recordingsPrefix.size());
        if (!isValidId(id)) {
            return answer(HttpResponse::problem(
                QStringLiteral("invalid-id"),
                QStringLiteral("'%1' is not a recording id ([A-Za-z0-9][A-Za-z0-9._-]{0,127}).")
                    .arg(id.left(140))));
        }
        return jsonBody(request, [this, token, id](const QByteArray &body) {
            return m_recordings.commit(token, id, body);
        });
    }
    if (path == u"/uploads" && method == "POST")
        return m_tus.create(request, token);
    if (path.startsWith(uploadsPrefix)) {
        const QString id = path.mid(uploadsPrefix.size());
        if (method == "HEAD")
            return answer(m_tus.head(id, token));
        if (method == "PATCH")
            return m_tus.patch(request, id, token);
        if (method == "DELETE")
            return answer(m_tus.terminate(id, token));
    }
    return answer(notFound(request));
}

Routed ReplicationApi::jsonBody(const HttpRequest &request,
                                std::function<HttpResponse(const QByteArray &)> handle) {
    if (request.contentLength > m_config.maxJsonSize) {
        return answer(HttpResponse::problem(
            QStringLiteral("too-large"),
            QStringLiteral("The JSON body of %1 bytes is over the limit of %2 bytes.")
                .arg(request.contentLength)
                .arg(m_config.maxJsonSize)));
    }
    Routed routed;
    routed.handler = std::make_unique<JsonBodyHandler>(m_config.maxJsonSize, std::move(handle));
    return routed;
}

HttpResponse ReplicationApi::info(const Token &token) const {
    const auto strings = [](const QStringList &list) {
        return QJsonArray::fromStringList(list);
    };
    return HttpResponse::json(
        200, QJsonObject{
                 {QStringLiteral("server"),
                  QJsonObject{{QStringLiteral("name"), m_config.name},
                              {QStringLiteral("version"), QStringLiteral(REPLICALL_VERSION)},
                              {QStringLiteral("host"), QHostInfo::localHostName()}}},
                 {QStringLiteral("token"),
                  QJsonObject{{QStringLiteral("name"), token.name},
                              {QStringLiteral("tenants"), strings(token.tenants)},
                              {QStringLiteral("data"), strings(token.data)},
                              {QStringLiteral("expires"), token.expires.isValid()
                                                              ? QJsonValue(isoUtc(token.expires))
                                                              : QJsonValue(QJsonValue::Null)}}},
                 {QStringLiteral("limits"),
                  QJsonObject{{QStringLiteral("maxChunkSize"), m_config.maxChunkSize},
                              {QStringLiteral("maxUploadSize"), m_config.maxUploadSize},
                              {QStringLiteral("maxJsonSize"), m_config.maxJsonSize},
                              {QStringLiteral("maxLookupBatch"), m_config.maxLookupBatch}}},
                 {QStringLiteral("storage"),
                  QJsonObject{{QStringLiteral("freeBytes"), m_storage.freeBytes()},
                              {QStringLiteral("totalBytes"), m_storage.totalBytes()}}},
                 {QStringLiteral("tus"),
                  QJsonObject{
                      {QStringLiteral("version"), QStringLiteral("1.0.0")},
                      {QStringLiteral("extensions"),
                       strings({QStringLiteral("creation"), QStringLiteral("creation-with-upload"),
                                QStringLiteral("checksum"), QStringLiteral("termination"),
                                QStringLiteral("expiration")})},
                      {QStringLiteral("checksumAlgorithms"),
                       strings({QStringLiteral("sha1"), QStringLiteral("sha256")})}}},
             });
}

} // namespace Replicall::Target
