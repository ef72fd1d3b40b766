// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTimer>

namespace Replicall::Test {

QByteArray HttpResult::header(const QByteArray &name) const {
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QJsonObject HttpResult::json() const {
    return QJsonDocument::fromJson(body).object();
}

QString HttpResult::code() const {
    return json().value(QStringLiteral("code")).toString();
}

QString HttpResult::describe() const {
    return QStringLiteral("HTTP %1 (%2) %3")
        .arg(status)
        .arg(errorString, QString::fromUtf8(body.left(500)));
}

HttpClient::HttpClient(const QString &token)
    : m_token(token) {}

bool HttpClient::trustCertificate(const QString &pemPath) {
    m_trusted = QSslCertificate::fromPath(pemPath);
    return !m_trusted.isEmpty();
}

QNetworkRequest HttpClient::request(const QUrl &url, const Headers &headers) const {
    QNetworkRequest request(url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    if (!m_trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(m_trusted);
        request.setSslConfiguration(ssl);
    }
    return request;
}

HttpResult HttpClient::wait(QNetworkReply *reply, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.errorString = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
        result.error = QNetworkReply::TimeoutError;
    } else {
        result.error = reply->error();
        result.errorString = reply->errorString();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.elapsedMs = timer.elapsed();
    reply->deleteLater();
    return result;
}

HttpResult HttpClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                            const Headers &headers, int timeoutMs) {
    // A custom "HEAD" would wait for the body its Content-Length announces.
    if (verb == "HEAD")
        return wait(m_manager.head(request(url, headers)), timeoutMs);
    return wait(m_manager.sendCustomRequest(request(url, headers), verb, body), timeoutMs);
}

HttpResult HttpClient::send(const QByteArray &verb, const QUrl &url, QIODevice *device,
                            const Headers &headers, int timeoutMs) {
    return wait(m_manager.sendCustomRequest(request(url, headers), verb, device), timeoutMs);
}

QByteArray HttpClient::rawExchange(quint16 port, const QByteArray &request, int timeoutMs,
                                   bool *closedByServer) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    socket.flush();
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    bool closed = false;
    while (timer.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(50))
            answer += socket.readAll();
        if (socket.state() != QAbstractSocket::ConnectedState) {
            answer += socket.readAll();
            closed = true;
            break;
        }
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = answer.left(end).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qint64 length =
                at < 0 ? 0
                       : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (answer.size() >= end + 4 + length)
                break;
        }
    }
    if (closedByServer)
        *closedByServer = closed;
    return answer;
}

int HttpClient::rawStatus(const QByteArray &answer) {
    if (!answer.startsWith("HTTP/1."))
        return 0;
    return answer.mid(9, 3).toInt();
}

Headers tusHeaders(const Headers &more) {
    Headers headers{{"Tus-Resumable", "1.0.0"}};
    headers += more;
    return headers;
}

} // namespace Replicall::Test
