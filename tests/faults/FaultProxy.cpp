// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaultProxy.h"

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
};

namespace {

enum class Fault { None, Drop, Stall, CutResponse, FlipBody };

// One client connection and its connection to the target.
class Pipe : public QObject {
public:
    Pipe(QTcpSocket *client, quint16 targetPort, Fault fault, quint32 seed,
         FaultProxy::Shared *shared, QObject *parent)
        : QObject(parent)
        , m_client(client)
        , m_target(new QTcpSocket(this))
        , m_fault(fault)
        , m_random(seed)
        , m_shared(shared) {
        m_client->setParent(this);
        // Where in the request stream the fault strikes: anywhere in the first 3 MiB, so
        // that multi-chunk uploads are hit mid-chunk too.
        m_faultAt = qint64(m_random.bounded(3u * 1024 * 1024));
        connect(m_client, &QTcpSocket::readyRead, this, &Pipe::forwardRequest);
        connect(m_target, &QTcpSocket::readyRead, this, &Pipe::forwardResponse);
        connect(m_target, &QTcpSocket::connected, this, &Pipe::forwardRequest);
        connect(m_client, &QTcpSocket::disconnected, this, [this] { closeBoth(false); });
        connect(m_target, &QTcpSocket::disconnected, this, [this] { closeBoth(false); });
        connect(m_target, &QTcpSocket::errorOccurred, this, [this] { closeBoth(false); });
        m_target->connectToHost(QHostAddress::LocalHost, targetPort);
    }

private:
    void forwardRequest() {
        if (m_stalled || m_closed || m_target->state() != QAbstractSocket::ConnectedState)
            return; // the bytes wait in the client socket's buffer
        QByteArray bytes = m_client->readAll();
        if (bytes.isEmpty())
            return;
        if (m_fault == Fault::FlipBody && !m_flipped)
            flipInBody(&bytes);
        if ((m_fault == Fault::Drop || m_fault == Fault::Stall) && !m_struck &&
            m_sent + bytes.size() > m_faultAt) {
            m_struck = true;
            const qsizetype keep = qsizetype(m_faultAt - m_sent);
            send(bytes.left(keep));
            if (m_fault == Fault::Drop) {
                ++m_shared->drops;
                closeBoth(true);
                return;
            }
            ++m_shared->stalls;
            m_stalled = true;
            m_held = bytes.mid(keep);
            QTimer::singleShot(1000 + int(m_random.bounded(2000)), this, [this] {
                m_stalled = false;
                send(std::exchange(m_held, {}));
                forwardRequest();
            });
            return;
        }
        send(bytes);
    }

    void send(const QByteArray &bytes) {
        m_sent += bytes.size();
        m_shared->bytesToTarget += bytes.size();
        m_target->write(bytes);
    }

    // Flips one bit somewhere in the body of the first request that has one.
    void flipInBody(QByteArray *bytes) {
        m_head += bytes->left(64 * 1024 - m_head.size());
        const qsizetype headerEnd = m_head.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        if (m_bodyOffset < 0) {
            const qint64 length = contentLength(m_head.left(headerEnd));
            if (length <= 0) {
                m_flipped = true; // no body on this connection's first request: leave it
                return;
            }
            m_bodyOffset = headerEnd + 4 + qint64(m_random.bounded(quint32(qMin(length, qint64(1) << 31))));
        }
        const qint64 at = m_bodyOffset - m_sent;
        if (at >= 0 && at < bytes->size()) {
            (*bytes)[qsizetype(at)] = char((*bytes)[qsizetype(at)] ^ (1 << m_random.bounded(8)));
            m_flipped = true;
            ++m_shared->flips;
        }
    }

    static qint64 contentLength(const QByteArray &headers) {
        const QList<QByteArray> lines = headers.split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                return line.mid(15).trimmed().toLongLong();
        }
        return 0;
    }

    void forwardResponse() {
        if (m_closed)
            return;
        const QByteArray bytes = m_target->readAll();
        if (m_fault == Fault::CutResponse && !m_struck && m_sent > 0) {
            m_struck = true;
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
    Fault m_fault;
    QRandomGenerator m_random;
    FaultProxy::Shared *m_shared;
    qint64 m_faultAt = 0;
    qint64 m_sent = 0;
    bool m_struck = false;
    bool m_stalled = false;
    bool m_closed = false;
    QByteArray m_held;
    QByteArray m_head;
    qint64 m_bodyOffset = -1;
    bool m_flipped = false;
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
        new Pipe(client, m_targetPort, m_enabled->load() ? drawFault() : Fault::None, pipeSeed,
                 m_shared, this);
    }

private:
    Fault drawFault() {
        int roll = int(m_random.bounded(100));
        for (const auto &[odds, fault] :
             {std::pair{m_odds.drop, Fault::Drop}, std::pair{m_odds.stall, Fault::Stall},
              std::pair{m_odds.cutResponse, Fault::CutResponse},
              std::pair{m_odds.flipBody, Fault::FlipBody}}) {
            if (roll < odds)
                return fault;
            roll -= odds;
        }
        return Fault::None;
    }

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
