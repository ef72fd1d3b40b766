// SPDX-License-Identifier: GPL-3.0-or-later
#include "service/JobService.h"

#include "engine/Paths.h"
#include "schedule/Clock.h"
#include "schedule/NextRun.h"
#include "service/ArchiveWatcher.h"
#include "service/RunnerThread.h"
#include "service/SchedulingOwnership.h"
#include "source/FileStability.h"
#include "store/JobStore.h"
#include "store/RunStore.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcService, "replicall.service")

namespace {

const QString TriggerSchedule = u"schedule"_s;
const QString TriggerContinuous = u"continuous"_s;
const QString TriggerCatchUp = u"catch-up"_s;
const QString TriggerResume = u"resume"_s;

QString describeEnd(const RunSummary &summary) {
    return u"%1: %2 uploaded, %3 skipped, %4 failed, %5 deferred; %6 in %7 s"_s.arg(summary.status)
        .arg(summary.uploaded)
        .arg(summary.skipped)
        .arg(summary.failed)
        .arg(summary.deferred)
        .arg(formatSize(summary.bytes))
        .arg(summary.seconds, 0, 'f', 1);
}

} // namespace

JobService::JobService(const QString &databasePath, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_databasePath(QFileInfo(databasePath).absoluteFilePath())
    , m_secretsDir(Paths::secretsDirFor(m_databasePath))
    , m_clock(clock)
    , m_scheduler(clock)
    , m_ownership(std::make_unique<SchedulingOwnership>(m_databasePath)) {
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<RunProgress>();
    connect(m_ownership.get(), &SchedulingOwnership::ownershipChanged, this,
            &JobService::onOwnershipChanged);
    connect(&m_scheduler, &Scheduler::due, this, &JobService::onDue);
    connect(&m_scheduler, &Scheduler::skipped, this, [this](qint64 jobId, const QString &reason) {
        // The scheduler logged it under replicall.schedule already.
        Q_EMIT runSkipped(jobId, reason);
    });
    m_reloadTimer.setInterval(DefaultReloadInterval);
    connect(&m_reloadTimer, &QTimer::timeout, this, &JobService::reload);
}

JobService::~JobService() {
    m_scheduler.stop();
    for (auto &[id, slot] : m_slots) {
        delete slot.watcher;
        delete slot.followUp;
        delete slot.runner; // waits for a run still going to checkpoint
    }
}

void JobService::setReloadInterval(std::chrono::milliseconds interval) {
    m_reloadTimer.setInterval(std::max(interval, std::chrono::milliseconds(1)));
}

void JobService::setOwnershipRetryInterval(std::chrono::milliseconds interval) {
    m_ownership->setRetryInterval(interval);
}

void JobService::start() {
    m_shuttingDown = false;
    m_ownership->start();
    if (!m_ownership->isOwner()) {
        const QString owner = m_ownership->ownerDescription();
        qCInfo(lcService).noquote()
            << u"scheduling of %1 is owned by %2; trying again every %3 s"_s
                   .arg(m_databasePath, owner.isEmpty() ? u"another process"_s : owner)
                   .arg(qMax<qint64>(1, SchedulingOwnership::DefaultRetryInterval.count() / 1000));
    }
}

bool JobService::ownsScheduling() const {
    return m_ownership->isOwner();
}

QString JobService::ownerDescription() const {
    return m_ownership->ownerDescription();
}

void JobService::onOwnershipChanged(bool owner) {
    if (owner && !m_shuttingDown) {
        reload();
        m_scheduler.start();
        m_reloadTimer.start();
    }
    Q_EMIT ownershipChanged(owner);
}

void JobService::reload() {
    if (!ownsScheduling() || m_shuttingDown)
        return;
    QString error;
    const std::optional<QList<Job>> jobs = JobStore::all(&error);
    if (!jobs) {
        qCWarning(lcService).noquote() << u"cannot read the jobs: %1"_s.arg(error);
        return;
    }
    const QDateTime now = m_clock->nowUtc();
    QSet<qint64> enabled;
    QSet<qint64> existing;
    for (const Job &job : *jobs) {
        existing.insert(job.id);
        if (!job.enabled)
            continue;
        enabled.insert(job.id);
        applyJob(job, now);
    }
    QList<qint64> gone;
    for (const auto &[id, slot] : m_slots) {
        if (slot.scheduled && !enabled.contains(id))
            gone << id;
    }
    for (qint64 id : std::as_const(gone))
        dropJob(id);
    // A deleted job has nothing left to resume.
    const QSet<qint64> pausedGone = m_paused - existing;
    for (qint64 id : pausedGone) {
        m_paused.remove(id);
        Q_EMIT pausedChanged(id, false);
    }
    Q_EMIT jobsLoaded(int(m_scheduler.jobIds().size()));
}

void JobService::applyJob(const Job &job, const QDateTime &now) {
    Slot &slot = m_slots[job.id];
    const bool wasScheduled = slot.scheduled;
    slot.job = job;
    QString error;
    Schedule schedule;
    RunWindow window;
    // Jobs are validated when saved; one written by an older version may not be.
    if (!Schedule::parse(job.schedule, &schedule, &error)) {
        qCWarning(lcService).noquote()
            << u"job '%1' is not scheduled: its schedule: %2"_s.arg(job.name, error);
        schedule = Schedule::manual();
    } else if (!RunWindow::parse(job.window, &window, &error)) {
        qCWarning(lcService).noquote()
            << u"job '%1' is not scheduled: its run window: %2"_s.arg(job.name, error);
        schedule = Schedule::manual();
    }
    slot.schedule = schedule;
    slot.window = window;
    slot.scheduled = schedule.kind() != Schedule::Kind::Manual;
    if (!slot.scheduled) {
        if (wasScheduled)
            m_scheduler.removeJob(job.id);
        updateWatcher(slot);
        return;
    }

    QDateTime lastStart;
    if (const auto runs = RunStore::recent(job.id, 1, &error); runs && !runs->isEmpty())
        lastStart = runs->first().startedAt;
    else if (!runs)
        qCWarning(lcService).noquote()
            << u"job '%1': cannot read its last run: %2"_s.arg(job.name, error);
    m_scheduler.setJob(job.id, schedule, window, lastStart);
    updateWatcher(slot);
    if (wasScheduled)
        return;

    qCInfo(lcService).noquote() << u"job '%1' scheduled: %2%3"_s.arg(
        job.name, schedule.toString(),
        window.isAlwaysOpen() ? QString() : u" within "_s + window.toString());
    if (schedule.kind() == Schedule::Kind::Continuous) {
        // Whatever arrived while nothing watched is picked up now.
        if (!isRunning(job.id) && !isPaused(job.id) && windowOpen(slot))
            startRun(slot, TriggerCatchUp, FileStability::SettleMs);
        return;
    }
    // A run that was due while nothing was scheduling is made up once.
    slot.catchUpPending =
        lastStart.isValid() && isDue(schedule, window, lastStart, now, m_clock->zone());
}

void JobService::dropJob(qint64 jobId) {
    Slot *slot = slotOf(jobId);
    if (!slot)
        return;
    qCInfo(lcService).noquote() << u"job '%1' is no longer scheduled"_s.arg(slot->job.name);
    m_scheduler.removeJob(jobId);
    slot->scheduled = false;
    updateWatcher(*slot);
    if (slot->runner && slot->runner->isRunning())
        return; // its end removes the slot
    delete slot->runner;
    delete slot->followUp;
    m_slots.erase(jobId);
}

void JobService::updateWatcher(Slot &slot) {
    const bool wanted =
        slot.scheduled && slot.schedule.kind() == Schedule::Kind::Continuous && !m_shuttingDown;
    const QString dir = QDir::cleanPath(QFileInfo(slot.job.sourceDir).absoluteFilePath());
    if (slot.watcher && (!wanted || slot.watcher->archiveDir() != dir)) {
        delete slot.watcher;
        slot.watcher = nullptr;
    }
    if (!wanted || slot.watcher)
        return;
    slot.watcher = new ArchiveWatcher(dir, this);
    const qint64 jobId = slot.job.id;
    connect(slot.watcher, &ArchiveWatcher::callsReady, this,
            [this, jobId] { onCallsReady(jobId); });
    QString error;
    if (!slot.watcher->start(&error))
        qCWarning(lcService).noquote()
            << u"job '%1': cannot watch its archive, new calls wait for the next periodic run: %2"_s
                   .arg(slot.job.name, error);
}

void JobService::onDue(qint64 jobId) {
    Slot *slot = slotOf(jobId);
    if (!slot || !slot->scheduled || m_shuttingDown)
        return;
    if (isPaused(jobId)) {
        // The slot counts as used: a resume runs the job at once anyway.
        Q_EMIT runSkipped(jobId, u"job '%1' is paused"_s.arg(slot->job.name));
        return;
    }
    if (isRunning(jobId)) {
        // Started by hand meanwhile; the scheduler counts the slot as used.
        qCInfo(lcService).noquote()
            << u"job '%1' is due but still running; this run is skipped"_s.arg(slot->job.name);
        Q_EMIT runSkipped(jobId, u"job '%1' is still running"_s.arg(slot->job.name));
        return;
    }
    QString trigger = TriggerSchedule;
    if (slot->catchUpPending)
        trigger = TriggerCatchUp;
    else if (slot->schedule.kind() == Schedule::Kind::Continuous)
        trigger = TriggerContinuous;
    slot->catchUpPending = false;
    startRun(*slot, trigger, FileStability::SettleMs);
}

void JobService::onCallsReady(qint64 jobId) {
    Slot *slot = slotOf(jobId);
    if (!slot || !slot->scheduled || m_shuttingDown || isPaused(jobId) || !windowOpen(*slot))
        return;
    if (isRunning(jobId)) {
        slot->rerunRequested = true; // right after the run in progress
        return;
    }
    startRun(*slot, TriggerContinuous, ContinuousSettleMs);
}

void JobService::startRun(Slot &slot, const QString &trigger, qint64 settleMs) {
    const qint64 jobId = slot.job.id;
    if (!slot.runner) {
        slot.runner = new RunnerThread(m_databasePath, m_secretsDir, this);
        connect(slot.runner, &RunnerThread::finished, this,
                [this, jobId](const RunSummary &summary) { onRunFinished(jobId, summary); });
        connect(
            slot.runner, &RunnerThread::progress, this,
            [this, jobId](const RunProgress &progress) { Q_EMIT runProgress(jobId, progress); });
    }
    if (slot.followUp)
        slot.followUp->stop();
    slot.rerunRequested = false;
    slot.stopRequested = false;
    if (m_scheduler.hasJob(jobId))
        m_scheduler.runStarted(jobId);
    qCInfo(lcService).noquote() << u"job '%1': run started (%2)"_s.arg(slot.job.name, trigger);
    Q_EMIT runStarted(jobId, trigger);
    slot.runner->start(slot.job, trigger, settleMs);
}

void JobService::onRunFinished(qint64 jobId, const RunSummary &summary) {
    m_scheduler.runFinished(jobId);
    Slot *slot = slotOf(jobId);
    const QString name = slot ? slot->job.name : summary.jobName;
    if (summary.runId <= 0) {
        // Refused before it began, e.g. the job runs in another process.
        qCInfo(lcService).noquote()
            << u"job '%1': run not started: %2"_s.arg(name, summary.message);
    } else {
        qCInfo(lcService).noquote()
            << u"job '%1': run %2 %3"_s.arg(name).arg(summary.runId).arg(describeEnd(summary));
        if (!summary.message.isEmpty())
            qCInfo(lcService).noquote() << u"job '%1': %2"_s.arg(name, summary.message);
    }
    Q_EMIT runFinished(jobId, summary);
    if (m_shuttingDown) {
        checkStopped();
        return;
    }
    if (!slot)
        return;
    if (!slot->scheduled) {
        // Removed or disabled while it ran, or run by hand only.
        delete slot->watcher;
        delete slot->followUp;
        slot->runner->deleteLater(); // we are inside its signal
        m_slots.erase(jobId);
        return;
    }
    if (slot->schedule.kind() != Schedule::Kind::Continuous)
        return;
    if (slot->stopRequested || isPaused(jobId)) {
        // Stopped on purpose: the next call (or resume()) starts it again.
        slot->followUpMs = 0;
        return;
    }
    if (slot->rerunRequested) {
        slot->followUpMs = 0;
        QTimer::singleShot(0, this, [this, jobId] { onCallsReady(jobId); });
        return;
    }
    if (summary.deferred == 0) {
        slot->followUpMs = 0;
        return;
    }
    // Calls still being written: look again soon, less often while they stay so.
    slot->followUpMs =
        slot->followUpMs == 0 ? FollowUpFirstMs : std::min(slot->followUpMs * 2, FollowUpMaxMs);
    if (!slot->followUp) {
        slot->followUp = new QTimer(this);
        slot->followUp->setSingleShot(true);
        connect(slot->followUp, &QTimer::timeout, this, [this, jobId] { onCallsReady(jobId); });
    }
    slot->followUp->start(slot->followUpMs);
}

bool JobService::runNow(qint64 jobId, QString *error, const QString &trigger) {
    const std::optional<Job> job = JobStore::byId(jobId, error);
    if (!job)
        return false;
    if (isRunning(jobId)) {
        *error = u"job '%1' is already running"_s.arg(job->name);
        return false;
    }
    Slot &slot = m_slots[jobId];
    if (!slot.scheduled)
        slot.job = *job;
    startRun(slot, trigger, FileStability::SettleMs);
    return true;
}

bool JobService::isRunning(qint64 jobId) const {
    const auto found = m_slots.find(jobId);
    return found != m_slots.end() && found->second.runner && found->second.runner->isRunning();
}

int JobService::runningCount() const {
    int running = 0;
    for (const auto &[id, slot] : m_slots)
        running += slot.runner && slot.runner->isRunning() ? 1 : 0;
    return running;
}

bool JobService::stop(qint64 jobId) {
    const bool wasPaused = m_paused.remove(jobId);
    if (wasPaused)
        Q_EMIT pausedChanged(jobId, false);
    return stopRun(jobId) || wasPaused;
}

void JobService::pause(qint64 jobId) {
    stopRun(jobId);
    if (m_paused.contains(jobId))
        return;
    m_paused.insert(jobId);
    Q_EMIT pausedChanged(jobId, true);
}

bool JobService::resume(qint64 jobId, QString *error) {
    if (!m_paused.remove(jobId)) {
        const Slot *slot = slotOf(jobId);
        *error = u"job '%1' is not paused"_s.arg(slot ? slot->job.name : QString::number(jobId));
        return false;
    }
    Q_EMIT pausedChanged(jobId, false);
    if (m_shuttingDown) {
        *error = u"the service is shutting down; the job runs when it starts again"_s;
        return false;
    }
    if (isRunning(jobId))
        return true; // started by hand meanwhile
    return runNow(jobId, error, TriggerResume);
}

bool JobService::stopRun(qint64 jobId) {
    Slot *slot = slotOf(jobId);
    if (!slot || !isRunning(jobId))
        return false;
    // Neither a call that arrived meanwhile nor deferred calls restart it.
    slot->stopRequested = true;
    slot->rerunRequested = false;
    if (slot->followUp)
        slot->followUp->stop();
    qCInfo(lcService).noquote()
        << u"job '%1': stopping; unfinished uploads resume on the next run"_s.arg(slot->job.name);
    slot->runner->stop();
    return true;
}

const ArchiveWatcher *JobService::watcher(qint64 jobId) const {
    const auto found = m_slots.find(jobId);
    return found == m_slots.end() ? nullptr : found->second.watcher;
}

bool JobService::windowOpen(const Slot &slot) const {
    return slot.window.contains(m_clock->nowUtc().toTimeZone(m_clock->zone()));
}

void JobService::shutdown() {
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_scheduler.stop();
    m_reloadTimer.stop();
    for (auto &[id, slot] : m_slots) {
        updateWatcher(slot);
        if (slot.followUp)
            slot.followUp->stop();
        stopRun(id);
    }
    m_ownership->release();
    checkStopped();
}

void JobService::checkStopped() {
    if (runningCount() > 0)
        return;
    // Queued: a caller of shutdown() connects to stopped() after the call.
    QMetaObject::invokeMethod(this, &JobService::stopped, Qt::QueuedConnection);
}

JobService::Slot *JobService::slotOf(qint64 jobId) {
    const auto found = m_slots.find(jobId);
    return found == m_slots.end() ? nullptr : &found->second;
}

} // namespace Replicall
