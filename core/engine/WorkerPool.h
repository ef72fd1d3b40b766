// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkItem.h"
#include "transfer/TargetEndpoint.h"

#include <QList>
#include <QObject>

class QThread;

namespace Replicall {

class UploadWorker;

// N upload workers, each in a thread of its own. The pool hands an item to an
// idle worker; results come back, queued, in the pool's thread.
class WorkerPool : public QObject {
    Q_OBJECT
public:
    WorkerPool(const TargetEndpoint &endpoint, qint64 jobId, int workers,
               QObject *parent = nullptr);
    ~WorkerPool() override;

    bool hasIdleWorker() const { return !m_idle.isEmpty(); }
    int busyCount() const { return m_workers.size() - m_idle.size(); }
    // Precondition: hasIdleWorker().
    void submit(const WorkItem &item);
    // Asks every worker to stop; unfinished uploads stay resumable.
    void abortAll();

Q_SIGNALS:
    void progress(const QString &recordingId, qint64 bytesSent);
    void finished(const Replicall::WorkResult &result);

private:
    void onWorkerFinished(int worker, const WorkResult &result);

    QList<QThread *> m_threads;
    QList<UploadWorker *> m_workers;
    QList<int> m_idle;
};

} // namespace Replicall
