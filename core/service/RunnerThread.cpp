// SPDX-License-Identifier: GPL-3.0-or-later
#include "service/RunnerThread.h"

#include "engine/JobRunner.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"

#include <QSemaphore>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Replicall {

RunnerThread::RunnerThread(const QString &databasePath, const QString &secretsDir, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_secrets(new SecretStore(secretsDir)) {
    m_thread->setObjectName(u"job-runner"_s);
    m_runner = new JobRunner(databasePath, m_secrets);
    m_runner->moveToThread(m_thread);
    // The thread's SQLite connection goes with the thread.
    connect(
        m_thread, &QThread::finished, m_runner,
        [runner = m_runner] {
            Database::closeConnection();
            delete runner;
        },
        Qt::DirectConnection);
    connect(m_runner, &JobRunner::progress, this, &RunnerThread::progress);
    connect(m_runner, &JobRunner::recordingFailed, this, &RunnerThread::recordingFailed);
    connect(m_runner, &JobRunner::finished, this, [this](const RunSummary &summary) {
        m_running = false;
        Q_EMIT finished(summary);
    });
    m_thread->start();
}

RunnerThread::~RunnerThread() {
    if (m_running) {
        // Wait here for the run to checkpoint; nobody is left to hear its end.
        disconnect(m_runner, nullptr, this, nullptr);
        QSemaphore ended;
        QMetaObject::invokeMethod(
            m_runner,
            [runner = m_runner, &ended] {
                if (!runner->isRunning()) {
                    ended.release();
                    return;
                }
                connect(
                    runner, &JobRunner::finished, runner, [&ended] { ended.release(); },
                    Qt::SingleShotConnection);
                runner->stop();
            },
            Qt::QueuedConnection);
        ended.acquire();
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    delete m_secrets;
}

void RunnerThread::start(const Job &job, const QString &trigger, qint64 settleMs) {
    Q_ASSERT(!m_running);
    m_running = true;
    QMetaObject::invokeMethod(
        m_runner,
        [runner = m_runner, job, trigger, settleMs] {
            runner->setSettleTimeMs(settleMs);
            runner->start(job, trigger);
        },
        Qt::QueuedConnection);
}

void RunnerThread::stop() {
    if (m_running)
        QMetaObject::invokeMethod(m_runner, &JobRunner::stop, Qt::QueuedConnection);
}

} // namespace Replicall
