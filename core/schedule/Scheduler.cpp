// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/Scheduler.h"

#include "schedule/Clock.h"
#include "schedule/NextRun.h"

#include <QLoggingCategory>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcScheduler, "replicall.schedule")

Scheduler::Scheduler(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock) {
    m_recheckTimer.setInterval(DefaultRecheckInterval);
    connect(&m_recheckTimer, &QTimer::timeout, this, &Scheduler::checkNow);
    // The wake-up aims at a run's exact time; a coarse timer may fire early.
    m_wakeTimer.setSingleShot(true);
    m_wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeTimer, &QTimer::timeout, this, &Scheduler::checkNow);
}

void Scheduler::setJob(qint64 jobId, const Schedule &schedule, const RunWindow &window,
                       const QDateTime &lastRunStartUtc) {
    Entry &entry = m_jobs[jobId];
    entry.schedule = schedule;
    entry.window = window;
    if (lastRunStartUtc.isValid() &&
        (!entry.usedUntilUtc.isValid() || lastRunStartUtc > entry.usedUntilUtc))
        entry.usedUntilUtc = lastRunStartUtc.toUTC();
    if (isActive())
        armWakeTimer();
}

void Scheduler::removeJob(qint64 jobId) {
    m_jobs.erase(jobId);
}

bool Scheduler::hasJob(qint64 jobId) const {
    return m_jobs.count(jobId) > 0;
}

QList<qint64> Scheduler::jobIds() const {
    QList<qint64> ids;
    for (const auto &[id, entry] : m_jobs)
        ids << id;
    return ids;
}

bool Scheduler::isRunning(qint64 jobId) const {
    const auto found = m_jobs.find(jobId);
    return found != m_jobs.end() && found->second.running;
}

QDateTime Scheduler::nextRun(qint64 jobId) const {
    const auto found = m_jobs.find(jobId);
    if (found == m_jobs.end())
        return QDateTime();
    return nextRunOf(found->second, m_clock->nowUtc());
}

QDateTime Scheduler::nextRunOf(const Entry &entry, const QDateTime &nowUtc) const {
    // A continuous job that is running is where it should be.
    if (entry.running && entry.schedule.kind() == Schedule::Kind::Continuous)
        return QDateTime();
    return Replicall::nextRun(entry.schedule, entry.window, entry.usedUntilUtc, nowUtc,
                              m_clock->zone());
}

void Scheduler::setRecheckInterval(std::chrono::milliseconds interval) {
    m_recheckTimer.setInterval(std::max(interval, std::chrono::milliseconds(1)));
}

std::chrono::milliseconds Scheduler::recheckInterval() const {
    return m_recheckTimer.intervalAsDuration();
}

void Scheduler::start() {
    m_recheckTimer.start();
    // First check from the event loop, once the owner's connections are made.
    m_wakeTimer.start(0);
}

void Scheduler::stop() {
    m_recheckTimer.stop();
    m_wakeTimer.stop();
}

void Scheduler::checkNow() {
    const QDateTime now = m_clock->nowUtc();
    QList<qint64> dueJobs;
    QList<std::pair<qint64, QString>> skippedJobs;
    for (auto &[id, entry] : m_jobs) {
        const QDateTime next = nextRunOf(entry, now);
        if (!next.isValid() || next > now)
            continue;
        // Used up either way, so this slot is never reported twice.
        entry.usedUntilUtc = now;
        if (entry.running) {
            skippedJobs << std::pair{id, u"job %1 was due at %2 but its previous run is still "
                                         u"going; this run is skipped"_s.arg(id)
                                             .arg(next.toString(Qt::ISODate))};
        } else {
            dueJobs << id;
        }
    }
    // Signals go out after the loop: receivers may start, edit or remove jobs,
    // and a job removed by an earlier receiver is not announced.
    for (const auto &[id, reason] : std::as_const(skippedJobs)) {
        qCInfo(lcScheduler).noquote() << reason;
        if (hasJob(id))
            Q_EMIT skipped(id, reason);
    }
    for (qint64 id : std::as_const(dueJobs)) {
        if (hasJob(id))
            Q_EMIT due(id);
    }
    if (isActive())
        armWakeTimer();
}

void Scheduler::runStarted(qint64 jobId) {
    const auto found = m_jobs.find(jobId);
    if (found == m_jobs.end()) {
        qCWarning(lcScheduler) << "run started for job" << jobId << "which is not scheduled";
        return;
    }
    found->second.running = true;
    const QDateTime now = m_clock->nowUtc();
    if (!found->second.usedUntilUtc.isValid() || now > found->second.usedUntilUtc)
        found->second.usedUntilUtc = now;
}

void Scheduler::runFinished(qint64 jobId) {
    const auto found = m_jobs.find(jobId);
    if (found == m_jobs.end())
        return; // removed while it ran
    found->second.running = false;
    if (isActive())
        armWakeTimer();
}

void Scheduler::armWakeTimer() {
    const QDateTime now = m_clock->nowUtc();
    QDateTime nearest;
    for (const auto &[id, entry] : m_jobs) {
        const QDateTime next = nextRunOf(entry, now);
        if (next.isValid() && (!nearest.isValid() || next < nearest))
            nearest = next;
    }
    if (!nearest.isValid()) {
        m_wakeTimer.stop();
        return;
    }
    // Never longer than the re-check; that one catches anything this misses.
    const qint64 waitMs =
        std::clamp<qint64>(now.msecsTo(nearest), 0, m_recheckTimer.intervalAsDuration().count());
    m_wakeTimer.start(std::chrono::milliseconds(waitMs));
}

} // namespace Replicall
