// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunController.h"

#include "engine/Paths.h"
#include "service/JobService.h"
#include "service/RunnerThread.h"
#include "source/FileStability.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Replicall {

// One run started here. The RunnerThread is a child of the controller: once
// the run ended it is deleted later (we are inside its signal then), and
// whatever is left goes with the controller, which waits for it.
struct RunController::ActiveRun {
    Job job;
    RunnerThread *runner = nullptr;
    RunProgress progress;
    bool pausing = false;
};

RunController::RunController(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath) {
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<RecordingFailure>();
}

RunController::~RunController() {
    // Stop every run first so their threads wind down together; deleting the
    // children (~QObject) then waits for each to checkpoint.
    for (const auto &[jobId, run] : m_runs)
        run->runner->stop();
}

bool RunController::start(const Job &job, const QString &trigger) {
    if (isRunning(job.id))
        return false;
    m_paused.remove(job.id);

    auto run = std::make_unique<ActiveRun>();
    run->job = job;
    run->runner = new RunnerThread(m_databasePath, Paths::secretsDirFor(m_databasePath), this);

    const qint64 jobId = job.id;
    const QString jobName = job.name;
    connect(run->runner, &RunnerThread::progress, this, [this, jobId](const RunProgress &progress) {
        const auto found = m_runs.find(jobId);
        if (found == m_runs.end())
            return;
        found->second->progress = progress;
        Q_EMIT progressChanged(jobId, progress);
    });
    connect(run->runner, &RunnerThread::recordingFailed, this,
            [this, jobId, jobName](const RecordingFailure &failure) {
                Q_EMIT recordingFailed(jobId, jobName, failure);
            });
    connect(run->runner, &RunnerThread::finished, this,
            [this, jobId](const RunSummary &summary) { onFinished(jobId, summary); });

    run->runner->start(job, trigger, FileStability::SettleMs);
    m_runs.emplace(jobId, std::move(run));
    Q_EMIT runStarted(jobId);
    Q_EMIT activityChanged();
    return true;
}

void RunController::attachService(JobService *service) {
    m_service = service;
    connect(service, &JobService::pausedChanged, this, &RunController::activityChanged);
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
    run->runner->deleteLater(); // we are inside its finished()
    Q_EMIT runFinished(jobId, summary);
    Q_EMIT activityChanged();
}

void RunController::stop(qint64 jobId) {
    if (m_paused.remove(jobId) > 0)
        Q_EMIT activityChanged();
    // Releases a job the service holds paused, too (its pausedChanged tells).
    if (m_service && (m_serviceRuns.contains(jobId) || m_service->isPaused(jobId)))
        m_service->stop(jobId);
    const auto found = m_runs.find(jobId);
    if (found != m_runs.end())
        found->second->runner->stop();
}

void RunController::pause(qint64 jobId) {
    if (m_service && m_serviceRuns.contains(jobId)) {
        m_service->pause(jobId);
        return;
    }
    const auto found = m_runs.find(jobId);
    if (found == m_runs.end() || found->second->pausing)
        return;
    found->second->pausing = true;
    found->second->runner->stop();
}

void RunController::resume(qint64 jobId) {
    if (isServicePaused(jobId)) {
        QString error;
        if (!m_service->resume(jobId, &error))
            qWarning("cannot resume job %lld: %s", jobId, qPrintable(error));
        return;
    }
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
    const QList<qint64> jobs = runningJobs();
    for (const qint64 jobId : jobs)
        pause(jobId);
}

void RunController::resumeAll() {
    const QList<qint64> paused = m_paused.keys() + servicePausedJobs();
    for (const qint64 jobId : paused)
        resume(jobId);
}

void RunController::stopAll() {
    const QList<qint64> jobs = runningJobs() + servicePausedJobs();
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
    return m_paused.contains(jobId) || isServicePaused(jobId);
}

bool RunController::hasPaused() const {
    return !m_paused.isEmpty() || !servicePausedJobs().isEmpty();
}

bool RunController::isServicePaused(qint64 jobId) const {
    return m_service && m_service->isPaused(jobId);
}

QList<qint64> RunController::servicePausedJobs() const {
    return m_service ? m_service->pausedJobs() : QList<qint64>();
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
