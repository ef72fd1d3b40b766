// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>

class QIODevice;

namespace Replicall::Test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpResult {
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    QString code() const; // the problem+json `code`, empty when there is none
    // "PATCH -> 409 offset-mismatch: <detail>" for failure messages.
    QString describe() const;
};

// Synchronous requests through QNetworkAccessManager with a bearer token, for tests.
class HttpClient {
public:
    explicit HttpClient(const QString &token = {});

    void setToken(const QString &token) { m_token = token; }
    // Trusts this certificate (and only it) for HTTPS.
    bool trustCertificate(const QString &pemPath);

    HttpResult send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                    const Headers &headers = {}, int timeoutMs = 30000);
    // Streams the body from `device` (for bodies too large to hold in memory).
    HttpResult send(const QByteArray &verb, const QUrl &url, QIODevice *device,
                    const Headers &headers, int timeoutMs = 60000);

    // Writes raw bytes to 127.0.0.1:port and returns what came back until the server closed
    // or answered (a full status line and headers plus any Content-Length body), or timeout.
    static QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000,
                                  bool *closedByServer = nullptr);
    // Status code of a raw HTTP answer, 0 if none.
    static int rawStatus(const QByteArray &answer);

private:
    QNetworkRequest request(const QUrl &url, const Headers &headers) const;
    HttpResult wait(QNetworkReply *reply, int timeoutMs);

    QNetworkAccessManager m_manager;
    QString m_token;
    QList<QSslCertificate> m_trusted;
};

// The tus headers every upload request needs.
Headers tusHeaders(const Headers &more = {});

} // namespace Replicall::Test
