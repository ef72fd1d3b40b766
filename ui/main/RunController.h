// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/RunTypes.h"
#include "model/Job.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <map>
#include <memory>

namespace Replicall {

class JobService;

// Starts and stops the runs of the desktop application. Each run is a
// RunnerThread (a JobRunner in a thread of its own: the runner blocks its
// thread while it indexes and plans); its signals arrive here queued, on the
// UI thread.
//
// Pausing stops the run the way stop() does — in-flight uploads stay
// resumable — and remembers the job; resuming starts it again and the engine
// continues every upload from its last acknowledged offset.
//
// Scheduled and continuous runs belong to the JobService; once attached, its
// runs show here like the manual ones (running, progress, finished), and
// stop, pause and resume act on them through the service: a paused scheduled
// or continuous job is held there until resumed.
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(const QString &databasePath, QObject *parent = nullptr);
    // Stops every run and waits for its thread.
    ~RunController() override;

    // False (and nothing happens) when the job runs already in this process.
    bool start(const Job &job, const QString &trigger = QStringLiteral("manual"));
    // Shows the service's scheduled runs as this controller's own.
    void attachService(JobService *service);
    void stop(qint64 jobId);
    void pause(qint64 jobId);
    void resume(qint64 jobId);

    // Starts every enabled job that is not running; resumes the paused ones.
    void startAll(const QList<Job> &jobs);
    void pauseAll();
    void resumeAll();
    void stopAll();
    // Stops every run and waits, handling events, until all ended or
    // timeoutMs passed. True when they all ended.
    bool shutdown(int timeoutMs);

    bool isRunning(qint64 jobId) const;
    bool isPaused(qint64 jobId) const;
    bool hasRunning() const { return !m_runs.empty() || !m_serviceRuns.isEmpty(); }
    bool hasPaused() const;
    QList<qint64> runningJobs() const;
    QString jobName(qint64 jobId) const;
    // The latest progress of a running job; empty when it is not running.
    RunProgress progressOf(qint64 jobId) const;

Q_SIGNALS:
    void runStarted(qint64 jobId);
    void progressChanged(qint64 jobId, const Replicall::RunProgress &progress);
    void recordingFailed(qint64 jobId, const QString &jobName,
                         const Replicall::RecordingFailure &failure);
    void runFinished(qint64 jobId, const Replicall::RunSummary &summary);
    // Any run started, ended, paused or resumed.
    void activityChanged();

private:
    struct ActiveRun;

    void onFinished(qint64 jobId, const RunSummary &summary);
    bool isServicePaused(qint64 jobId) const;
    QList<qint64> servicePausedJobs() const;

    QString m_databasePath;
    std::map<qint64, std::unique_ptr<ActiveRun>> m_runs;
    QHash<qint64, Job> m_paused;
    QHash<qint64, RunProgress> m_serviceRuns; // runs the JobService started
    QPointer<JobService> m_service;
};

} // namespace Replicall
