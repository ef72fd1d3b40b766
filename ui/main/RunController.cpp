// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunController.h"

#include "engine/JobRunner.h"
#include "engine/Paths.h"
#include "secrets/SecretStore.h"
#include "service/JobService.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Replicall {

// One run: its thread, the runner living in it, and the secret store the
// runner reads the token from (used on the run's thread only).
struct RunController::ActiveRun {
    Job job;
    QThread thread;
    std::unique_ptr<SecretStore> secrets;
    JobRunner *runner = nullptr; // lives in `thread`; deleted here once the thread ended
    RunProgress progress;
    bool pausing = false;

    ~ActiveRun() {
        if (runner)
            QMetaObject::invokeMethod(runner, &JobRunner::stop, Qt::QueuedConnection);
        thread.quit();
        thread.wait();
        delete runner; // the thread has ended, so deleting from here is safe
    }
};

RunController::RunController(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath) {
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<RecordingFailure>();
}

RunController::~RunController() {
    m_runs.clear();
    m_retiring.clear();
}

bool RunController::start(const Job &job, const QString &trigger) {
    if (isRunning(job.id))
        return false;
    m_paused.remove(job.id);

    auto run = std::make_unique<ActiveRun>();
    run->job = job;
    run->thread.setObjectName(u"run-"_s + job.name);
    run->secrets = std::make_unique<SecretStore>(Paths::secretsDirFor(m_databasePath));
    run->runner = new JobRunner(m_databasePath, run->secrets.get());
    run->runner->moveToThread(&run->thread);

    const qint64 jobId = job.id;
    const QString jobName = job.name;
    connect(run->runner, &JobRunner::progress, this, [this, jobId](const RunProgress &progress) {
        const auto found = m_runs.find(jobId);
        if (found == m_runs.end())
            return;
        found->second->progress = progress;
        Q_EMIT progressChanged(jobId, progress);
    });
    connect(run->runner, &JobRunner::recordingFailed, this,
            [this, jobId, jobName](const RecordingFailure &failure) {
                Q_EMIT recordingFailed(jobId, jobName, failure);
            });
    connect(run->runner, &JobRunner::finished, this,
            [this, jobId](const RunSummary &summary) { onFinished(jobId, summary); });

    run->thread.start();
    JobRunner *runner = run->runner;
    QMetaObject::invokeMethod(
        runner, [runner, job, trigger] { runner->start(job, trigger); }, Qt::QueuedConnection);
    m_runs.emplace(jobId, std::move(run));
    Q_EMIT runStarted(jobId);
    Q_EMIT activityChanged();
    return true;
}

void RunController::attachService(JobService *service) {
    connect(service, &JobService::runStarted, this, [this](qint64 jobId, const QString &) {
        if (m_runs.count(jobId) > 0)
            return; // our own "Run now", which the service reports too
        m_serviceRuns.insert(jobId, RunProgress());
        Q_EMIT runStarted(jobId);
        Q_EMIT activityChanged();
    });
    connect(service, &JobService::runProgress, this,
            [this](qint64 jobId, const RunProgress &progress) {
                if (!m_serviceRuns.contains(jobId))
                    return;
                m_serviceRuns.insert(jobId, progress);
                Q_EMIT progressChanged(jobId, progress);
            });
    connect(service, &JobService::runFinished, this,
            [this](qint64 jobId, const RunSummary &summary) {
                if (m_serviceRuns.remove(jobId) == 0)
                    return;
                Q_EMIT runFinished(jobId, summary);
                Q_EMIT activityChanged();
            });
}

void RunController::onFinished(qint64 jobId, const RunSummary &summary) {
    const auto found = m_runs.find(jobId);
    if (found == m_runs.end())
        return;
    std::unique_ptr<ActiveRun> run = std::move(found->second);
    m_runs.erase(found);
    // A paused run ends as "stopped"; it is remembered to be started again.
    if (run->pausing && summary.status == u"stopped"_s)
        m_paused.insert(jobId, run->job);
    retire(std::move(run));
    Q_EMIT runFinished(jobId, summary);
    Q_EMIT activityChanged();
}

void RunController::retire(std::unique_ptr<ActiveRun> run) {
    // The runner may still be inside the signal that brought us here; let its
    // thread wind down and only then free it.
    ActiveRun *raw = run.get();
    connect(&raw->thread, &QThread::finished, this, [this, raw] {
        for (auto it = m_retiring.begin(); it != m_retiring.end(); ++it) {
            if (it->get() == raw) {
                m_retiring.erase(it);
                return;
            }
        }
    });
    m_retiring.push_back(std::move(run));
    raw->thread.quit();
}

void RunController::stop(qint64 jobId) {
    if (m_paused.remove(jobId) > 0)
        Q_EMIT activityChanged();
    const auto found = m_runs.find(jobId);
    if (found == m_runs.end())
        return;
    QMetaObject::invokeMethod(found->second->runner, &JobRunner::stop, Qt::QueuedConnection);
}

void RunController::pause(qint64 jobId) {
    const auto found = m_runs.find(jobId);
    if (found == m_runs.end() || found->second->pausing)
        return;
    found->second->pausing = true;
    QMetaObject::invokeMethod(found->second->runner, &JobRunner::stop, Qt::QueuedConnection);
}

void RunController::resume(qint64 jobId) {
    const auto found = m_paused.constFind(jobId);
    if (found == m_paused.cend())
        return;
    const Job job = *found;
    start(job);
}

void RunController::startAll(const QList<Job> &jobs) {
    for (const Job &job : jobs) {
        if (job.enabled && !isRunning(job.id))
            start(job);
    }
}

void RunController::pauseAll() {
    for (const auto &[jobId, run] : m_runs)
        pause(jobId);
}

void RunController::resumeAll() {
    const QList<Job> paused = m_paused.values();
    for (const Job &job : paused)
        start(job);
}

void RunController::stopAll() {
    const QList<qint64> jobs = runningJobs();
    for (const qint64 jobId : jobs)
        stop(jobId);
    if (!m_paused.isEmpty()) {
        m_paused.clear();
        Q_EMIT activityChanged();
    }
}

bool RunController::shutdown(int timeoutMs) {
    // The service stops its own runs (JobService::shutdown); these are ours.
    stopAll();
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [this, &loop, &deadline] {
        if (m_runs.empty() || deadline.hasExpired())
            loop.quit();
    });
    connect(this, &RunController::runFinished, &loop, [this, &loop] {
        if (m_runs.empty())
            loop.quit();
    });
    if (!m_runs.empty()) {
        poll.start(50);
        loop.exec();
    }
    return m_runs.empty();
}

bool RunController::isRunning(qint64 jobId) const {
    return m_runs.count(jobId) > 0 || m_serviceRuns.contains(jobId);
}

bool RunController::isPaused(qint64 jobId) const {
    return m_paused.contains(jobId);
}

QList<qint64> RunController::runningJobs() const {
    QList<qint64> jobs;
    for (const auto &[jobId, run] : m_runs)
        jobs.append(jobId);
    jobs.append(m_serviceRuns.keys());
    return jobs;
}

QString RunController::jobName(qint64 jobId) const {
    const auto found = m_runs.find(jobId);
    if (found != m_runs.end())
        return found->second->job.name;
    return m_paused.value(jobId).name;
}

RunProgress RunController::progressOf(qint64 jobId) const {
    const auto found = m_runs.find(jobId);
    if (found != m_runs.end())
        return found->second->progress;
    return m_serviceRuns.value(jobId);
}

} // namespace Replicall
