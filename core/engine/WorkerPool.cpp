// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkerPool.h"

#include "UploadWorker.h"

#include <QNetworkAccessManager>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Replicall {

WorkerPool::WorkerPool(const TargetEndpoint &endpoint, qint64 jobId, int workers, QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<WorkItem>();
    qRegisterMetaType<WorkResult>();
    QNetworkAccessManager *network = nullptr;
    for (int i = 0; i < workers; ++i) {
        if (i % WorkersPerThread == 0) {
            auto *thread = new QThread;
            thread->setObjectName(u"upload-workers-%1"_s.arg(m_threads.size()));
            // Made here, used only in its thread from now on; gone with the thread.
            network = new QNetworkAccessManager;
            network->moveToThread(thread);
            connect(thread, &QThread::finished, network, &QObject::deleteLater);
            thread->start();
            m_threads.append(thread);
        }
        auto *worker = new UploadWorker(endpoint, jobId, i, network);
        worker->moveToThread(m_threads.last());
        connect(m_threads.last(), &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &UploadWorker::progress, this,
                [this](int, const QString &id, qint64 bytes) { Q_EMIT progress(id, bytes); });
        connect(worker, &UploadWorker::finished, this, &WorkerPool::onWorkerFinished);
        m_workers.append(worker);
        m_idle.append(i);
    }
}

WorkerPool::~WorkerPool() {
    abortAll();
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

void WorkerPool::submit(const WorkItem &item) {
    Q_ASSERT(!m_idle.isEmpty());
    UploadWorker *worker = m_workers.at(m_idle.takeLast());
    QMetaObject::invokeMethod(
        worker, [worker, item] { worker->process(item); }, Qt::QueuedConnection);
}

void WorkerPool::abortAll() {
    for (UploadWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &UploadWorker::abort, Qt::QueuedConnection);
}

void WorkerPool::onWorkerFinished(int worker, const WorkResult &result) {
    m_idle.append(worker);
    Q_EMIT finished(result);
}

} // namespace Replicall
