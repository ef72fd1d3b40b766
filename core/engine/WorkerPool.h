// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkItem.h"
#include "transfer/TargetEndpoint.h"

#include <QList>
#include <QObject>

class QThread;

namespace Replicall {

class UploadWorker;

// N upload workers (the job's parallel uploads). The pool hands an item to an
// idle worker; results come back, queued, in the pool's thread.
//
// Workers share threads, WorkersPerThread to a thread, and the workers of a
// thread share its QNetworkAccessManager: every manager runs its HTTP engine in
// a thread of its own, and each request crosses between that thread and the
// worker's, so a thread and a manager per worker meant 17 threads taking
// turns on two cores. A manager opens up to six connections to one host, so
// the workers of a thread still upload in parallel.
class WorkerPool : public QObject {
    Q_OBJECT
public:
    static constexpr int WorkersPerThread = 4; // at most 6: a manager's connections per host

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
