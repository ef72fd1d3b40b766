// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

namespace Replicall::Test {

// A minimal HTTP responder on 127.0.0.1 in a thread of its own, for answers no real
// target gives: a redirect, a malformed or truncated body. Each request's head (request
// line and headers) is recorded; the answer is raw bytes, sent before the connection closes.
class ScriptedServer {
public:
    // Gets the request head, returns the raw answer.
    using Script = std::function<QByteArray(const QByteArray &requestHead)>;

    explicit ScriptedServer(Script script);
    ~ScriptedServer();
    ScriptedServer(const ScriptedServer &) = delete;
    ScriptedServer &operator=(const ScriptedServer &) = delete;

    bool start(QString *error);
    quint16 port() const { return m_port; }
    QList<QByteArray> requests() const; // the heads received so far

    struct Log {
        mutable QMutex mutex;
        QList<QByteArray> heads;
    };

private:
    QThread m_thread;
    Script m_script;
    std::shared_ptr<Log> m_log;
    quint16 m_port = 0;
};

// "HTTP/1.1 <status>" with the headers and body given, Content-Length set from the body
// unless `contentLength` says otherwise (to announce more than is sent).
QByteArray
rawAnswer(int status, const QByteArray &body,
          const QList<QByteArray> &headers = {QByteArrayLiteral("Content-Type: application/json")},
          qint64 contentLength = -1);

} // namespace Replicall::Test
