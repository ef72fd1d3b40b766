// SPDX-License-Identifier: GPL-3.0-or-later
// The QTimer-driven scheduler: due exactly once per slot, missed runs caught
// up once, overlapping runs skipped, timers that fire on their own.
#include "schedule/Clock.h"
#include "schedule/Scheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Replicall;

namespace {

const QTimeZone berlin("Europe/Berlin");

QDateTime wall(const QString &isoLocal) {
    const QDateTime local = QDateTime::fromString(isoLocal, Qt::ISODate);
    return QDateTime(local.date(), local.time(), berlin).toUTC();
}

Schedule schedule(const QString &spec) {
    Schedule parsed;
    QString error;
    if (!Schedule::parse(spec, &parsed, &error))
        qFatal("bad schedule in test: %s", qPrintable(error));
    return parsed;
}

QList<qint64> ids(const QSignalSpy &spy) {
    QList<qint64> list;
    for (const QList<QVariant> &arguments : spy)
        list << arguments.at(0).toLongLong();
    return list;
}

// Stands in for the engine: every due() becomes a run that starts at once
// and, unless told otherwise, ends at once.
class Runner : public QObject {
public:
    Runner(Scheduler *scheduler, bool finishAtOnce)
        : m_scheduler(scheduler) {
        connect(scheduler, &Scheduler::due, this, [this, finishAtOnce](qint64 id) {
            m_scheduler->runStarted(id);
            if (finishAtOnce)
                m_scheduler->runFinished(id);
        });
    }

private:
    Scheduler *m_scheduler;
};

} // namespace

class TestScheduler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dueOncePerSlot();
    void dueOncePerSlotWithoutRunReports();
    void dstNightsStepByStep_data();
    void dstNightsStepByStep();
    void missedRunsAfterSleepOnce();
    void overlappingRunSkipped();
    void continuousRestartsAfterItsRun();
    void windowDelaysRun();
    void clockSetBackDoesNotRepeat();
    void replacingJobKeepsState();
    void receiversMayEditJobs();
    void recheckTimerFiresOnItsOwn();
    void wakeTimerHitsExactTime();
    void unknownJobReports();
};

void TestScheduler::dueOncePerSlot() {
    ManualClock clock(wall(u"2026-06-10T01:59"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, true);
    scheduler.setJob(1, schedule(u"daily 02:00"_s));
    scheduler.setJob(2, Schedule::manual());
    QSignalSpy due(&scheduler, &Scheduler::due);

    scheduler.checkNow();
    QCOMPARE(due.count(), 0);
    QCOMPARE(scheduler.nextRun(1), wall(u"2026-06-10T02:00"_s));
    QVERIFY(!scheduler.nextRun(2).isValid());

    clock.setNow(wall(u"2026-06-10T02:00"_s));
    scheduler.checkNow();
    QCOMPARE(ids(due), QList<qint64>{1});
    for (int i = 0; i < 10; ++i) {
        clock.advanceSecs(30);
        scheduler.checkNow();
    }
    QCOMPARE(due.count(), 1);
    QCOMPARE(scheduler.nextRun(1), wall(u"2026-06-11T02:00"_s));

    clock.setNow(wall(u"2026-06-11T02:00:10"_s));
    scheduler.checkNow();
    scheduler.checkNow();
    QCOMPARE(ids(due), (QList<qint64>{1, 1}));
}

void TestScheduler::dueOncePerSlotWithoutRunReports() {
    // The owner may not start the run (another process holds the job): the
    // slot is still used, not announced again at every check.
    ManualClock clock(wall(u"2026-06-10T08:00"_s), berlin);
    Scheduler scheduler(&clock);
    scheduler.setJob(7, schedule(u"every 15m"_s), RunWindow(), wall(u"2026-06-10T07:50"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.checkNow();
    QCOMPARE(due.count(), 0);
    clock.setNow(wall(u"2026-06-10T08:05"_s));
    scheduler.checkNow();
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    QVERIFY(!scheduler.isRunning(7));
    clock.setNow(wall(u"2026-06-10T08:19:59"_s));
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    clock.setNow(wall(u"2026-06-10T08:20"_s));
    scheduler.checkNow();
    QCOMPARE(due.count(), 2);
}

void TestScheduler::dstNightsStepByStep_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("fromUtc");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("berlin spring daily 02:30")
        << u"daily 02:30"_s << u"Europe/Berlin"_s << u"2026-03-28T22:00:00Z"_s
        << QStringList{u"2026-03-29T01:00:00Z"_s};
    QTest::newRow("berlin fall daily 02:30")
        << u"daily 02:30"_s << u"Europe/Berlin"_s << u"2026-10-24T22:00:00Z"_s
        << QStringList{u"2026-10-25T00:30:00Z"_s};
    QTest::newRow("new york spring weekly")
        << u"weekly sun 02:30"_s << u"America/New_York"_s << u"2026-03-08T04:00:00Z"_s
        << QStringList{u"2026-03-08T07:00:00Z"_s};
    QTest::newRow("new york fall weekly")
        << u"weekly sun 01:30"_s << u"America/New_York"_s << u"2026-11-01T03:00:00Z"_s
        << QStringList{u"2026-11-01T05:30:00Z"_s};
    QTest::newRow("berlin fall every 90m")
        << u"every 90m"_s << u"Europe/Berlin"_s << u"2026-10-24T23:00:00Z"_s
        << QStringList{u"2026-10-24T23:00:00Z"_s, u"2026-10-25T00:30:00Z"_s,
                       u"2026-10-25T02:00:00Z"_s, u"2026-10-25T03:30:00Z"_s};
}

void TestScheduler::dstNightsStepByStep() {
    QFETCH(QString, spec);
    QFETCH(QString, zone);
    QFETCH(QString, fromUtc);
    QFETCH(QStringList, expected);
    // Walk the clock through five hours of the night in one-minute steps,
    // checking at each, as the recheck timer would.
    ManualClock clock(QDateTime::fromString(fromUtc, Qt::ISODate), QTimeZone(zone.toUtf8()));
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, true);
    scheduler.setJob(1, schedule(spec));
    QStringList starts;
    connect(&scheduler, &Scheduler::due, this,
            [&](qint64) { starts << clock.nowUtc().toString(Qt::ISODate); });
    for (int minute = 0; minute < 5 * 60; ++minute) {
        scheduler.checkNow();
        clock.advanceSecs(60);
    }
    QCOMPARE(starts, expected);
}

void TestScheduler::missedRunsAfterSleepOnce() {
    ManualClock clock(wall(u"2026-06-15T02:00"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, true);
    scheduler.setJob(1, schedule(u"daily 02:00"_s));
    scheduler.setJob(2, schedule(u"every 1h"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.checkNow();
    QCOMPARE(ids(due), (QList<qint64>{1, 2}));

    // Asleep for three days and a bit: each job is due once on wake-up.
    clock.advanceSecs(3 * 24 * 3600 + 5 * 3600);
    scheduler.checkNow();
    scheduler.checkNow();
    QCOMPARE(ids(due), (QList<qint64>{1, 2, 1, 2}));
    QCOMPARE(scheduler.nextRun(1), wall(u"2026-06-19T02:00"_s));
    QCOMPARE(scheduler.nextRun(2), clock.nowUtc().addSecs(3600));
}

void TestScheduler::overlappingRunSkipped() {
    ManualClock clock(wall(u"2026-06-10T10:00"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, false); // runs keep going until told
    scheduler.setJob(3, schedule(u"every 15m"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    QSignalSpy skipped(&scheduler, &Scheduler::skipped);

    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    QVERIFY(scheduler.isRunning(3));

    clock.advanceSecs(15 * 60);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"job 3 was due .* still going"_s));
    scheduler.checkNow();
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(skipped.count(), 1);
    QCOMPARE(skipped.at(0).at(0).toLongLong(), qint64(3));
    QVERIFY2(skipped.at(0).at(1).toString().contains(u"previous run is still going"_s),
             qPrintable(skipped.at(0).at(1).toString()));

    // Finishing does not bring the skipped run back; the next slot runs.
    clock.advanceSecs(60);
    scheduler.runFinished(3);
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    clock.advanceSecs(14 * 60);
    scheduler.checkNow();
    QCOMPARE(due.count(), 2);
    QCOMPARE(skipped.count(), 1);
}

void TestScheduler::continuousRestartsAfterItsRun() {
    ManualClock clock(wall(u"2026-06-10T10:00"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, false);
    scheduler.setJob(4, Schedule::continuous());
    QSignalSpy due(&scheduler, &Scheduler::due);
    QSignalSpy skipped(&scheduler, &Scheduler::skipped);

    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    // Running continuously for hours is normal: nothing due, nothing skipped.
    for (int i = 0; i < 20; ++i) {
        clock.advanceSecs(600);
        scheduler.checkNow();
    }
    QCOMPARE(due.count(), 1);
    QCOMPARE(skipped.count(), 0);
    QVERIFY(!scheduler.nextRun(4).isValid());

    // When the run ends it is started again.
    scheduler.runFinished(4);
    scheduler.checkNow();
    QCOMPARE(due.count(), 2);
    // A run that ends at once is restarted only a minute after it started.
    scheduler.runFinished(4);
    clock.advanceSecs(30);
    scheduler.checkNow();
    QCOMPARE(due.count(), 2);
    clock.advanceSecs(30);
    scheduler.checkNow();
    QCOMPARE(due.count(), 3);
}

void TestScheduler::windowDelaysRun() {
    ManualClock clock(wall(u"2026-06-10T12:00"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, true);
    RunWindow nights;
    QVERIFY(RunWindow::parse(u"20:00-06:00"_s, &nights, nullptr));
    scheduler.setJob(5, schedule(u"every 1h"_s), nights, wall(u"2026-06-10T05:30"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.checkNow();
    QCOMPARE(due.count(), 0);
    QCOMPARE(scheduler.nextRun(5), wall(u"2026-06-10T20:00"_s));
    clock.setNow(wall(u"2026-06-10T19:59:59"_s));
    scheduler.checkNow();
    QCOMPARE(due.count(), 0);
    clock.setNow(wall(u"2026-06-10T20:00"_s));
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
}

void TestScheduler::clockSetBackDoesNotRepeat() {
    ManualClock clock(wall(u"2026-06-10T02:00"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, true);
    scheduler.setJob(1, schedule(u"daily 02:00"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    // Someone sets the clock back an hour; 02:00 comes round again.
    clock.setNow(wall(u"2026-06-10T01:00"_s));
    for (int i = 0; i < 90; ++i) {
        scheduler.checkNow();
        clock.advanceSecs(60);
    }
    QCOMPARE(due.count(), 1);
}

void TestScheduler::replacingJobKeepsState() {
    ManualClock clock(wall(u"2026-06-10T02:00"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, false);
    scheduler.setJob(1, schedule(u"daily 02:00"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    // The user edits the job while it runs, with an older last start from the database.
    scheduler.setJob(1, schedule(u"daily 02:00,03:00"_s), RunWindow(), wall(u"2026-06-09T02:00"_s));
    QVERIFY(scheduler.isRunning(1));
    QCOMPARE(scheduler.nextRun(1), wall(u"2026-06-10T03:00"_s));
    scheduler.checkNow();
    QCOMPARE(due.count(), 1);
    QCOMPARE(scheduler.jobIds(), QList<qint64>{1});
    scheduler.removeJob(1);
    QVERIFY(!scheduler.hasJob(1));
    scheduler.runFinished(1); // a run ending after its job was removed is fine
}

void TestScheduler::receiversMayEditJobs() {
    ManualClock clock(wall(u"2026-06-10T10:00"_s), berlin);
    Scheduler scheduler(&clock);
    for (qint64 id = 1; id <= 3; ++id)
        scheduler.setJob(id, schedule(u"every 5m"_s));
    QList<qint64> seen;
    connect(&scheduler, &Scheduler::due, this, [&](qint64 id) {
        seen << id;
        scheduler.removeJob(3); // jobs deleted from inside a due() receiver
        scheduler.setJob(10 + id, schedule(u"every 5m"_s));
    });
    scheduler.checkNow();
    QCOMPARE(seen, (QList<qint64>{1, 2})); // 3 was removed before its turn
    QCOMPARE(scheduler.jobIds(), (QList<qint64>{1, 2, 11, 12}));
}

void TestScheduler::recheckTimerFiresOnItsOwn() {
    // With a manual clock only the periodic re-check can notice it moved.
    ManualClock clock(wall(u"2026-06-10T01:59"_s), berlin);
    Scheduler scheduler(&clock);
    Runner runner(&scheduler, true);
    scheduler.setRecheckInterval(20ms);
    scheduler.setJob(1, schedule(u"daily 02:00"_s));
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.start();
    QVERIFY(scheduler.isActive());
    QTest::qWait(100);
    QCOMPARE(due.count(), 0);
    clock.setNow(wall(u"2026-06-10T02:00"_s));
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 2000);
    QTest::qWait(200); // ten more re-checks, no second run
    QCOMPARE(due.count(), 1);
    scheduler.stop();
    QVERIFY(!scheduler.isActive());
    clock.setNow(wall(u"2026-06-11T02:00"_s));
    QTest::qWait(100);
    QCOMPARE(due.count(), 1);
}

void TestScheduler::wakeTimerHitsExactTime() {
    // The re-check is 30 s; the job comes due in 300 ms of real time, so
    // only the single-shot wake-up can deliver it within the wait below.
    SystemClock clock;
    Scheduler scheduler(&clock);
    QCOMPARE(scheduler.recheckInterval(), Scheduler::DefaultRecheckInterval);
    const QDateTime lastStart = clock.nowUtc().addMSecs(-60'000 + 300);
    scheduler.setJob(1, schedule(u"every 1m"_s), RunWindow(), lastStart);
    QSignalSpy due(&scheduler, &Scheduler::due);
    scheduler.start();
    QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 5000);
    QVERIFY(clock.nowUtc() >= lastStart.addSecs(60));
    scheduler.stop();
}

void TestScheduler::unknownJobReports() {
    ManualClock clock(wall(u"2026-06-10T10:00"_s), berlin);
    Scheduler scheduler(&clock);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"run started for job 99 which is not scheduled"_s));
    scheduler.runStarted(99);
    QVERIFY(!scheduler.isRunning(99));
    QVERIFY(!scheduler.nextRun(99).isValid());
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
