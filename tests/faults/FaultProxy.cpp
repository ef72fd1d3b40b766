// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaultProxy.h"

#include <QMutex>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

struct FaultProxy::Shared {
    std::atomic<int> connections{0};
    std::atomic<int> drops{0};
    std::atomic<int> stalls{0};
    std::atomic<int> cuts{0};
    std::atomic<int> flips{0};
    std::atomic<qint64> bytesToTarget{0};
    mutable QMutex mutex; // guards patches
    QList<FaultProxy::Patch> patches;
};

namespace {

enum class Fault { None, Drop, Stall, CutResponse, FlipBody };

Fault drawFault(QRandomGenerator &random, const FaultProxy::Odds &odds) {
    int roll = int(random.bounded(100));
    for (const auto &[percent, fault] :
         {std::pair{odds.drop, Fault::Drop}, std::pair{odds.stall, Fault::Stall},
          std::pair{odds.cutResponse, Fault::CutResponse},
          std::pair{odds.flipBody, Fault::FlipBody}}) {
        if (roll < percent)
            return fault;
        roll -= percent;
    }
    return Fault::None;
}

// One client connection and its connection to the target. The request stream is cut into
// segments of random length; at the end of each a fault is drawn and strikes.
class Pipe : public QObject {
public:
    Pipe(QTcpSocket *client, quint16 targetPort, const FaultProxy::Odds &odds, bool enabled,
         quint32 seed, FaultProxy::Shared *shared, QObject *parent)
        : QObject(parent)
        , m_client(client)
        , m_target(new QTcpSocket(this))
        , m_odds(odds)
        , m_enabled(enabled)
        , m_random(seed)
        , m_shared(shared) {
        m_client->setParent(this);
        scheduleNext();
        connect(m_client, &QTcpSocket::readyRead, this, &Pipe::forwardRequest);
        connect(m_target, &QTcpSocket::readyRead, this, &Pipe::forwardResponse);
        connect(m_target, &QTcpSocket::connected, this, &Pipe::forwardRequest);
        connect(m_client, &QTcpSocket::disconnected, this, [this] { closeBoth(false); });
        connect(m_target, &QTcpSocket::disconnected, this, [this] { closeBoth(false); });
        connect(m_target, &QTcpSocket::errorOccurred, this, [this] { closeBoth(false); });
        m_target->connectToHost(QHostAddress::LocalHost, targetPort);
    }

private:
    // The next fault strikes somewhere in the next 1 MiB of requests, so that chunks of
    // large uploads are hit in the middle and no keep-alive connection carries a whole run.
    void scheduleNext() {
        m_fault = m_enabled ? drawFault(m_random, m_odds) : Fault::None;
        m_faultAt = m_sent + 1 + qint64(m_random.bounded(1024u * 1024));
    }

    void forwardRequest() {
        if (m_stalled || m_closed || m_target->state() != QAbstractSocket::ConnectedState)
            return; // the bytes wait in the client socket's buffer
        QByteArray bytes = std::exchange(m_held, {}) + m_client->readAll();
        while (!bytes.isEmpty() && !m_closed && !m_stalled) {
            const qint64 before = m_faultAt - m_sent;
            if (before >= bytes.size()) {
                send(bytes);
                return;
            }
            send(bytes.left(qsizetype(before)));
            bytes.remove(0, qsizetype(before));
            strike(&bytes);
        }
        m_held += bytes; // a stall keeps the rest until it ends
    }

    void strike(QByteArray *rest) {
        switch (m_fault) {
        case Fault::Drop:
            ++m_shared->drops;
            closeBoth(true);
            return;
        case Fault::Stall:
            ++m_shared->stalls;
            m_stalled = true;
            QTimer::singleShot(300 + int(m_random.bounded(900)), this, [this] {
                m_stalled = false;
                scheduleNext();
                forwardRequest();
            });
            return;
        case Fault::FlipBody:
            if (m_bodyLeft > 0) {
                (*rest)[0] = char((*rest)[0] ^ (1 << m_random.bounded(8)));
                ++m_shared->flips;
                scheduleNext();
            } else {
                m_faultAt = m_sent + 1; // only bodies are flipped: try the next byte
                send(rest->left(1));
                rest->remove(0, 1);
            }
            return;
        case Fault::CutResponse:
            m_cutNextResponse = true;
            scheduleNext();
            return;
        case Fault::None:
            scheduleNext();
            return;
        }
    }

    void send(const QByteArray &bytes) {
        if (bytes.isEmpty())
            return;
        track(bytes);
        m_sent += bytes.size();
        m_shared->bytesToTarget += bytes.size();
        m_target->write(bytes);
    }

    // Follows the request stream (headers, Content-Length body, headers, ...) so that a
    // flip lands in a body and never in a header.
    void track(const QByteArray &bytes) {
        qsizetype i = 0;
        while (i < bytes.size()) {
            if (m_bodyLeft > 0) {
                const qsizetype n = qsizetype(qMin(m_bodyLeft, qint64(bytes.size() - i)));
                m_bodyLeft -= n;
                i += n;
                if (m_patch >= 0) {
                    QMutexLocker locker(&m_shared->mutex);
                    m_shared->patches[m_patch].bodyBytes += n;
                }
                continue;
            }
            m_head.append(bytes.at(i++));
            if (m_head.endsWith("\r\n\r\n")) {
                m_bodyLeft = contentLength(m_head);
                notePatch(m_head);
                m_head.clear();
            } else if (m_head.size() > 64 * 1024) {
                m_head.clear(); // not HTTP as we know it; keep going
            }
        }
    }

    static QByteArray headerValue(const QByteArray &headers, const QByteArray &lowerName) {
        const QList<QByteArray> lines = headers.split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith(QByteArray(lowerName + ':')))
                return line.mid(lowerName.size() + 1).trimmed();
        }
        return {};
    }

    static qint64 contentLength(const QByteArray &headers) {
        return headerValue(headers, "content-length").toLongLong();
    }

    void notePatch(const QByteArray &headers) {
        m_patch = -1;
        if (!headers.startsWith("PATCH "))
            return;
        QMutexLocker locker(&m_shared->mutex);
        m_shared->patches.append({headerValue(headers, "upload-offset").toLongLong(), 0});
        m_patch = m_shared->patches.size() - 1;
    }

    void forwardResponse() {
        if (m_closed)
            return;
        const QByteArray bytes = m_target->readAll();
        if (m_cutNextResponse) {
            ++m_shared->cuts;
            m_client->write(bytes.left(bytes.size() / 2));
            closeBoth(true);
            return;
        }
        m_client->write(bytes);
    }

    void closeBoth(bool abort) {
        if (m_closed)
            return;
        m_closed = true;
        for (QTcpSocket *socket : {m_client, m_target}) {
            if (abort)
                socket->abort();
            else
                socket->disconnectFromHost(); // after what is still buffered was written
        }
        deleteLater();
    }

    QTcpSocket *m_client;
    QTcpSocket *m_target;
    FaultProxy::Odds m_odds;
    bool m_enabled;
    QRandomGenerator m_random;
    FaultProxy::Shared *m_shared;
    Fault m_fault = Fault::None;
    qint64 m_faultAt = 0;
    qint64 m_sent = 0;
    bool m_stalled = false;
    bool m_closed = false;
    bool m_cutNextResponse = false;
    QByteArray m_held;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    qsizetype m_patch = -1; // index in Shared::patches of the PATCH whose body passes now
};

class ProxyServer : public QTcpServer {
public:
    ProxyServer(quint16 targetPort, quint32 seed, const FaultProxy::Odds &odds,
                std::atomic<bool> *enabled, FaultProxy::Shared *shared)
        : m_targetPort(targetPort)
        , m_random(seed)
        , m_odds(odds)
        , m_enabled(enabled)
        , m_shared(shared) {}

protected:
    void incomingConnection(qintptr descriptor) override {
        auto *client = new QTcpSocket;
        client->setSocketDescriptor(descriptor);
        ++m_shared->connections;
        const quint32 pipeSeed = m_random.generate();
        // A pipe deletes itself when its connection ends; those still open go with the server.
        new Pipe(client, m_targetPort, m_odds, m_enabled->load(), pipeSeed, m_shared, this);
    }

private:
    quint16 m_targetPort;
    QRandomGenerator m_random;
    FaultProxy::Odds m_odds;
    std::atomic<bool> *m_enabled;
    FaultProxy::Shared *m_shared;
};

} // namespace

FaultProxy::FaultProxy(quint16 targetPort, quint32 seed, const Odds &odds)
    : m_shared(std::make_shared<Shared>())
    , m_targetPort(targetPort)
    , m_seed(seed)
    , m_odds(odds) {}

FaultProxy::~FaultProxy() {
    m_thread.quit();
    m_thread.wait();
}

bool FaultProxy::start(QString *error) {
    auto *server = new ProxyServer(m_targetPort, m_seed, m_odds, &m_enabled, m_shared.get());
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        *error = u"the fault proxy cannot listen: %1"_s.arg(server->errorString());
        delete server;
        return false;
    }
    m_port = server->serverPort();
    server->moveToThread(&m_thread);
    m_server = server;
    // The server and its open pipes are deleted in their thread as it ends.
    QObject::connect(&m_thread, &QThread::finished, server, &QObject::deleteLater);
    m_thread.start();
    return true;
}

FaultProxy::Counts FaultProxy::counts() const {
    Counts counts;
    counts.connections = m_shared->connections;
    counts.drops = m_shared->drops;
    counts.stalls = m_shared->stalls;
    counts.cuts = m_shared->cuts;
    counts.flips = m_shared->flips;
    counts.bytesToTarget = m_shared->bytesToTarget;
    return counts;
}

QList<FaultProxy::Patch> FaultProxy::patches() const {
    QMutexLocker locker(&m_shared->mutex);
    return m_shared->patches;
}

QString FaultProxy::describe() const {
    const Counts c = counts();
    return u"%1 connections: %2 dropped, %3 stalled, %4 responses cut, %5 bodies corrupted"_s
        .arg(c.connections)
        .arg(c.drops)
        .arg(c.stalls)
        .arg(c.cuts)
        .arg(c.flips);
}

} // namespace Replicall::Test
