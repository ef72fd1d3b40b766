// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A raw socket on 127.0.0.1 that answers every request with one fixed HTTP
// response. It stands in only for what a real replicall-target never does
// (redirects, proxies answering HTML, silence) so the sender's reaction to
// those can be checked; everything else is tested against the real target.

#include <QByteArray>
#include <QTcpServer>
#include <QTcpSocket>

namespace Replicall::Test {

class CannedHttpServer : public QObject {
public:
    explicit CannedHttpServer(QObject *parent = nullptr)
        : QObject(parent) {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                ++m_connections;
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { serve(socket); });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    // Empty: accept and never answer.
    void setResponse(const QByteArray &response) { m_response = response; }
    int connections() const { return m_connections; }
    int requests() const { return m_requests; }

    static QByteArray response(int status, const QByteArray &reason, const QByteArray &contentType,
                               const QByteArray &body, const QByteArray &extraHeaders = {}) {
        return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n" +
               (contentType.isEmpty() ? QByteArray() : "Content-Type: " + contentType + "\r\n") +
               extraHeaders + "Content-Length: " + QByteArray::number(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }

private:
    void serve(QTcpSocket *socket) {
        QByteArray &seen = m_pending[socket];
        seen += socket->readAll();
        if (!seen.contains("\r\n\r\n") || m_response.isEmpty())
            return;
        ++m_requests;
        socket->write(m_response);
        socket->disconnectFromHost();
        m_pending.remove(socket);
    }

    QTcpServer m_server;
    QByteArray m_response;
    QHash<QTcpSocket *, QByteArray> m_pending;
    int m_connections = 0;
    int m_requests = 0;
};

} // namespace Replicall::Test
