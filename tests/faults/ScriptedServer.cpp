// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedServer.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

namespace {

class Responder : public QTcpServer {
public:
    Responder(ScriptedServer::Script script, std::shared_ptr<ScriptedServer::Log> log)
        : m_script(std::move(script))
        , m_log(std::move(log)) {}

protected:
    void incomingConnection(qintptr descriptor) override {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void answer(QTcpSocket *socket) {
        QByteArray head = socket->property("head").toByteArray() + socket->readAll();
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            socket->setProperty("head", head);
            return;
        }
        head.truncate(end + 4); // a body, if any, is not looked at
        {
            QMutexLocker locker(&m_log->mutex);
            m_log->heads.append(head);
        }
        socket->write(m_script(head));
        socket->disconnectFromHost();
    }

    ScriptedServer::Script m_script;
    std::shared_ptr<ScriptedServer::Log> m_log;
};

} // namespace

ScriptedServer::ScriptedServer(Script script)
    : m_script(std::move(script))
    , m_log(std::make_shared<Log>()) {}

ScriptedServer::~ScriptedServer() {
    m_thread.quit();
    m_thread.wait();
}

bool ScriptedServer::start(QString *error) {
    auto *server = new Responder(m_script, m_log);
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        *error = u"the scripted server cannot listen: %1"_s.arg(server->errorString());
        delete server;
        return false;
    }
    m_port = server->serverPort();
    server->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, server, &QObject::deleteLater);
    m_thread.start();
    return true;
}

QList<QByteArray> ScriptedServer::requests() const {
    QMutexLocker locker(&m_log->mutex);
    return m_log->heads;
}

QByteArray rawAnswer(int status, const QByteArray &body, const QList<QByteArray> &headers,
                     qint64 contentLength) {
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + " Scripted\r\n";
    for (const QByteArray &header : headers)
        answer += header + "\r\n";
    answer +=
        "Content-Length: " + QByteArray::number(contentLength >= 0 ? contentLength : body.size()) +
        "\r\nConnection: close\r\n\r\n" + body;
    return answer;
}

} // namespace Replicall::Test
