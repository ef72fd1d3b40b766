// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>
#include <chrono>
#include <map>

namespace Replicall {

class Clock;

// Tells its owner when jobs are due. It re-checks every job on a coarse timer
// (every 30 s by default) and also wakes at the nearest next run. Because
// each check recomputes from the clock and the last start (see NextRun.h),
// sleep/resume and wall-clock changes neither lose nor double a run: a
// timer delayed by a suspend just finds the job due late, once.
//
// The owner starts the run on due() and reports runStarted()/runFinished();
// runs it starts by hand are reported the same way. A run that comes due while
// the job is still running is skipped (skipped() and a log line), and that
// slot counts as used. A continuous job still running is simply left alone.
class Scheduler : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultRecheckInterval{30'000};

    // The clock must outlive the scheduler.
    explicit Scheduler(const Clock *clock, QObject *parent = nullptr);

    // Adds or replaces a job. Replacing keeps the running state and the later
    // of the known and the given last start, so an edit never repeats a run.
    void setJob(qint64 jobId, const Schedule &schedule, const RunWindow &window = RunWindow(),
                const QDateTime &lastRunStartUtc = QDateTime());
    void removeJob(qint64 jobId);
    bool hasJob(qint64 jobId) const;
    QList<qint64> jobIds() const;
    bool isRunning(qint64 jobId) const;
    // The job's next start in UTC (<= now when due), invalid when it has none.
    QDateTime nextRun(qint64 jobId) const;

    void setRecheckInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds recheckInterval() const;

    // Checking starts with start(); checkNow() works without it.
    void start();
    void stop();
    bool isActive() const { return m_recheckTimer.isActive(); }

public Q_SLOTS:
    // Emits due()/skipped() for every job whose time has come.
    void checkNow();
    void runStarted(qint64 jobId);
    void runFinished(qint64 jobId);

Q_SIGNALS:
    void due(qint64 jobId);
    void skipped(qint64 jobId, const QString &reason);

private:
    struct Entry {
        Schedule schedule;
        RunWindow window;
        // The last start, due() or skip: slots up to here are used.
        QDateTime usedUntilUtc;
        bool running = false;
    };

    QDateTime nextRunOf(const Entry &entry, const QDateTime &nowUtc) const;
    void armWakeTimer();

    const Clock *m_clock;
    std::map<qint64, Entry> m_jobs;
    QTimer m_recheckTimer;
    QTimer m_wakeTimer;
};

} // namespace Replicall
