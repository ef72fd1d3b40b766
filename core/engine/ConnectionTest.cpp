// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ConnectionTest.h"

#include <QNetworkAccessManager>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// Lives in the worker thread: owns the network manager and the call there.
class ConnectionProbe : public QObject {
    Q_OBJECT
public:
    explicit ConnectionProbe(const TargetEndpoint::Settings &settings)
        : m_settings(settings) {}

    void run() {
        QString error;
        const std::optional<TargetEndpoint> endpoint = TargetEndpoint::create(m_settings, &error);
        if (!endpoint) {
            ConnectionTestResult result;
            result.error = TransferError::fatal(u"bad-settings"_s, error);
            Q_EMIT done(result);
            return;
        }
        auto *network = new QNetworkAccessManager(this);
        auto *call = new InfoCall(network, *endpoint, this);
        call->setRetryPolicy({0, 0});
        connect(call, &InfoCall::finished, this, [this, call] {
            ConnectionTestResult result;
            result.error = call->error();
            if (result.ok())
                result.info = call->info();
            Q_EMIT done(result);
        });
        call->start();
    }

Q_SIGNALS:
    void done(const Replicall::ConnectionTestResult &result);

private:
    TargetEndpoint::Settings m_settings;
};

} // namespace

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<ConnectionTestResult>();
}

ConnectionTest::~ConnectionTest() {
    stopThread();
}

void ConnectionTest::start(const TargetEndpoint::Settings &settings) {
    stopThread();
    const quint64 generation = ++m_generation;

    TargetEndpoint::Settings bounded = settings;
    bounded.transferTimeoutMs = qMin(bounded.transferTimeoutMs, TimeoutMs);

    m_thread = new QThread(this);
    m_thread->setObjectName(u"connection-test"_s);
    auto *probe = new ConnectionProbe(bounded);
    probe->moveToThread(m_thread);
    connect(m_thread, &QThread::started, probe, &ConnectionProbe::run);
    connect(m_thread, &QThread::finished, probe, &QObject::deleteLater);
    // Queued: the probe emits in the worker thread, the result is read here.
    connect(
        probe, &ConnectionProbe::done, this,
        [this, generation](const ConnectionTestResult &result) { deliver(generation, result); },
        Qt::QueuedConnection);
    m_thread->start();
}

void ConnectionTest::cancel() {
    ++m_generation;
    stopThread();
}

void ConnectionTest::deliver(quint64 generation, const ConnectionTestResult &result) {
    if (generation != m_generation)
        return;
    stopThread();
    Q_EMIT finished(result);
}

void ConnectionTest::stopThread() {
    if (!m_thread)
        return;
    // Leaving the event loop drops any request in flight; the probe and its
    // network manager are deleted as the thread finishes.
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace Replicall

#include "ConnectionTest.moc"
