// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/RunTypes.h"
#include "model/Job.h"
#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"
#include "schedule/Scheduler.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <chrono>
#include <map>
#include <memory>

namespace Replicall {

class ArchiveWatcher;
class Clock;
class RunnerThread;
class SchedulingOwnership;

// Jobs that run themselves: the background half of the desktop application
// and the whole of `replicall-cli daemon`.
//
// It loads the enabled jobs from the JobStore, feeds their schedules to a
// Scheduler and starts a JobRunner (each in its own thread) when one is due,
// recording why ("schedule", "continuous", "catch-up" for a run missed while
// nothing was scheduling). Continuous jobs also get an ArchiveWatcher: a call
// whose sidecar appeared and whose audio stopped growing starts a run at once,
// and one arriving during a run starts another right after it.
//
// Only one process schedules a database at a time (SchedulingOwnership); the
// other keeps trying and takes over when the owner stops. Runs started by
// hand (runNow) work either way: RunLock keeps a job from running twice.
//
// Jobs are reloaded on reload() and on a coarse timer, so edits made in the
// desktop application or the CLI are picked up.
//
// stop() ends the run going now; the job stays on its schedule and the next
// call or slot runs it again. pause() stops it too and holds the job: neither
// the watcher nor the scheduler starts it until resume(), which runs it at
// once so the interrupted uploads continue from their last acknowledged offset.
class JobService : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultReloadInterval{60'000};
    // A continuous run accepts audio untouched this long: the watcher saw it
    // stop growing across ArchiveWatcher::StableIntervalMs (150 ms), and this
    // keeps a margin over that, instead of FileStability's general 2 s.
    static constexpr qint64 ContinuousSettleMs = 200;
    // Calls deferred as still being written are retried after this, doubling
    // up to a minute while they keep being deferred.
    static constexpr int FollowUpFirstMs = 300;
    static constexpr int FollowUpMaxMs = 60'000;

    // The clock must outlive the service. Tokens are read from the SecretStore
    // whose file backend lives in secretsDir (default: "secrets" beside the database).
    JobService(const QString &databasePath, const Clock *clock, QObject *parent = nullptr);
    ~JobService() override;

    void setSecretsDir(const QString &dir) { m_secretsDir = dir; }
    void setReloadInterval(std::chrono::milliseconds interval);
    void setOwnershipRetryInterval(std::chrono::milliseconds interval);

    // Starts trying to own scheduling; once it does, jobs are loaded and run.
    // The database must be open (Database::open) in this thread.
    void start();
    // Stops scheduling and every run; stopped() follows once all runs have
    // checkpointed (at once when none was running).
    void shutdown();

    bool ownsScheduling() const;
    QString ownerDescription() const;
    Scheduler &scheduler() { return m_scheduler; }

    // Runs a job now, whoever owns scheduling (the desktop "Run now").
    bool runNow(qint64 jobId, QString *error, const QString &trigger = QStringLiteral("manual"));
    bool isRunning(qint64 jobId) const;
    int runningCount() const;

    // Stops the job's run; in-flight uploads stay resumable and runFinished()
    // follows with "stopped". A paused job is released (back on its schedule,
    // no run now). False when the job neither runs here nor is paused.
    bool stop(qint64 jobId);
    // Stops the job's run, if any, and holds the job until resume().
    void pause(qint64 jobId);
    // Releases a paused job and runs it now (trigger "resume"). False with a
    // message when it was not paused or cannot start.
    bool resume(qint64 jobId, QString *error);
    bool isPaused(qint64 jobId) const { return m_paused.contains(jobId); }
    QList<qint64> pausedJobs() const { return m_paused.values(); }
    // The job's watcher, for status displays and tests; null unless continuous.
    const ArchiveWatcher *watcher(qint64 jobId) const;

public Q_SLOTS:
    // Re-reads the jobs now.
    void reload();

Q_SIGNALS:
    void ownershipChanged(bool owner);
    void jobsLoaded(int scheduled);
    void runStarted(qint64 jobId, const QString &trigger);
    void runProgress(qint64 jobId, const Replicall::RunProgress &progress);
    void runFinished(qint64 jobId, const Replicall::RunSummary &summary);
    void runSkipped(qint64 jobId, const QString &reason);
    void pausedChanged(qint64 jobId, bool paused);
    void stopped();

private:
    struct Slot {
        Job job;
        Schedule schedule;
        RunWindow window;
        bool scheduled = false;      // in the Scheduler (enabled, not manual)
        bool catchUpPending = false; // the first due after loading makes up a missed run
        bool rerunRequested = false; // a call arrived during the run
        bool stopRequested = false;  // stop() or pause(): no follow-up after this run
        int followUpMs = 0;          // next delay for deferred calls, 0 = none pending
        RunnerThread *runner = nullptr;
        ArchiveWatcher *watcher = nullptr;
        QTimer *followUp = nullptr;
    };

    void onOwnershipChanged(bool owner);
    void applyJob(const Job &job, const QDateTime &now);
    void dropJob(qint64 jobId);
    void updateWatcher(Slot &slot);
    void onDue(qint64 jobId);
    void onCallsReady(qint64 jobId);
    void startRun(Slot &slot, const QString &trigger, qint64 settleMs);
    void onRunFinished(qint64 jobId, const RunSummary &summary);
    bool windowOpen(const Slot &slot) const;
    // Stops a run going now, without touching the paused state.
    bool stopRun(qint64 jobId);
    void checkStopped();
    Slot *slotOf(qint64 jobId);

    QString m_databasePath;
    QString m_secretsDir;
    const Clock *m_clock;
    Scheduler m_scheduler;
    std::unique_ptr<SchedulingOwnership> m_ownership;
    QTimer m_reloadTimer;
    std::map<qint64, Slot> m_slots;
    // Kept apart from the slots: a reload may drop and re-create a slot, and
    // a pause must outlive that.
    QSet<qint64> m_paused;
    bool m_shuttingDown = false;
};

} // namespace Replicall
