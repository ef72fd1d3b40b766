// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing and formatting of schedule, run window and bandwidth specs, and the
// rate limiter's arithmetic.
#include "schedule/Bandwidth.h"
#include "schedule/Clock.h"
#include "schedule/RateLimiter.h"
#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Replicall;

class TestSchedule : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scheduleParse_data();
    void scheduleParse();
    void scheduleFields();
    void scheduleErrors_data();
    void scheduleErrors();

    void windowParse_data();
    void windowParse();
    void windowGrid();
    void windowRandomGridsRoundTrip();
    void windowErrors_data();
    void windowErrors();

    void bandwidthParse_data();
    void bandwidthParse();
    void bandwidthFormat_data();
    void bandwidthFormat();
    void bandwidthErrors_data();
    void bandwidthErrors();

    void rateLimiterBucket();
    void rateLimiterLargeChunks();
    void rateLimiterAverageRate();
    void rateLimiterUnlimitedAndRateChange();
    void rateLimiterClockSetBack();
};

void TestSchedule::scheduleParse_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("manual") << u"manual"_s << u"manual"_s;
    QTest::newRow("manual spaced, capital") << u"  Manual "_s << u"manual"_s;
    QTest::newRow("continuous") << u"continuous"_s << u"continuous"_s;
    QTest::newRow("every 15m") << u"every 15m"_s << u"every 15m"_s;
    QTest::newRow("every 2h") << u"every 2h"_s << u"every 2h"_s;
    QTest::newRow("120m is 2h") << u"every 120m"_s << u"every 2h"_s;
    QTest::newRow("upper case 90M") << u"EVERY 90M"_s << u"every 90m"_s;
    QTest::newRow("a week") << u"every 168h"_s << u"every 168h"_s;
    QTest::newRow("daily") << u"daily 02:00"_s << u"daily 02:00"_s;
    QTest::newRow("daily sorted") << u"daily 14:30,02:00"_s << u"daily 02:00,14:30"_s;
    QTest::newRow("daily spaced, short hour") << u"daily 2:00 , 14:30"_s << u"daily 02:00,14:30"_s;
    QTest::newRow("daily duplicate") << u"daily 02:00,02:00"_s << u"daily 02:00"_s;
    QTest::newRow("weekly list") << u"weekly mon,fri 22:30"_s << u"weekly mon,fri 22:30"_s;
    QTest::newRow("weekly range") << u"weekly mon-fri 08:00,20:00"_s
                                  << u"weekly mon-fri 08:00,20:00"_s;
    QTest::newRow("weekly long names")
        << u"weekly Monday - Friday 08:00"_s << u"weekly mon-fri 08:00"_s;
    QTest::newRow("weekly wrapping range")
        << u"weekly fri-mon 09:00"_s << u"weekly mon,fri-sun 09:00"_s;
    QTest::newRow("weekly two days") << u"weekly sun,sat,sat 10:00"_s << u"weekly sat,sun 10:00"_s;
    QTest::newRow("weekly mixed") << u"weekly mon-wed,fri 23:59"_s << u"weekly mon-wed,fri 23:59"_s;
    QTest::newRow("weekly midnight") << u"weekly sun 0:00"_s << u"weekly sun 00:00"_s;
}

void TestSchedule::scheduleParse() {
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    Schedule schedule;
    QString error;
    QVERIFY2(Schedule::parse(spec, &schedule, &error), qPrintable(error));
    QCOMPARE(schedule.toString(), canonical);

    Schedule again;
    QVERIFY2(Schedule::parse(schedule.toString(), &again, &error), qPrintable(error));
    QCOMPARE(again, schedule);
}

void TestSchedule::scheduleFields() {
    Schedule schedule;
    QVERIFY(Schedule::parse(u"weekly mon-fri 20:00,08:00"_s, &schedule, nullptr));
    QCOMPARE(schedule.kind(), Schedule::Kind::Weekly);
    QCOMPARE(schedule.times(), (QList<int>{8 * 60, 20 * 60}));
    for (int day = 1; day <= 7; ++day)
        QCOMPARE(schedule.weekdays().contains(day), day <= 5);

    QVERIFY(Schedule::parse(u"every 90m"_s, &schedule, nullptr));
    QCOMPARE(schedule.kind(), Schedule::Kind::Every);
    QCOMPARE(schedule.intervalMinutes(), 90);

    QVERIFY(Schedule::parse(u"daily 02:00"_s, &schedule, nullptr));
    QVERIFY(schedule.weekdays().isAll());
    QVERIFY(schedule != Schedule::weekly(Weekdays::all(), {120}));
    QCOMPARE(schedule, Schedule::daily({120}));
}

void TestSchedule::scheduleErrors_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << u"  "_s << u"the schedule is empty"_s;
    QTest::newRow("unknown kind") << u"hourly"_s << u"'hourly' is not a kind of schedule"_s;
    QTest::newRow("hour 25") << u"daily 25:00"_s
                             << u"'25:00' is not a time of day (HH:MM, 00:00 to 23:59)"_s;
    QTest::newRow("minute 60") << u"daily 02:60"_s << u"'02:60' is not a time of day"_s;
    QTest::newRow("24:00 not a start") << u"daily 24:00"_s << u"'24:00' is not a time of day"_s;
    QTest::newRow("second bad time") << u"daily 02:00,7pm"_s << u"'7pm' is not a time of day"_s;
    QTest::newRow("one-digit minute") << u"daily 02:0"_s << u"'02:0' is not a time of day"_s;
    QTest::newRow("daily no time") << u"daily"_s << u"'daily' does not match 'daily HH:MM"_s;
    QTest::newRow("manual extra") << u"manual now"_s << u"'manual now' does not match 'manual'"_s;
    QTest::newRow("weekly too many")
        << u"weekly mon 22:30 extra"_s << u"does not match 'weekly <weekdays> HH:MM"_s;
    QTest::newRow("weekly no days") << u"weekly 22:30"_s << u"does not match 'weekly"_s;
    QTest::newRow("bad weekday") << u"weekly mox 22:30"_s << u"'mox' is not a weekday"_s;
    QTest::newRow("bad range end") << u"weekly mon-fry 08:00"_s << u"'fry' is not a weekday"_s;
    QTest::newRow("missing weekday") << u"weekly mon,,fri 08:00"_s << u"a weekday is missing"_s;
    QTest::newRow("open range") << u"weekly mon- 08:00"_s << u"a weekday is missing"_s;
    QTest::newRow("zero interval") << u"every 0m"_s << u"'0m' is out of range (1m to 168h)"_s;
    QTest::newRow("too long") << u"every 200h"_s << u"'200h' is out of range"_s;
    QTest::newRow("huge") << u"every 999999999999999999h"_s << u"is out of range"_s;
    QTest::newRow("no unit") << u"every 15"_s << u"'15' is not an interval"_s;
    QTest::newRow("seconds") << u"every 15s"_s << u"'15s' is not an interval"_s;
    QTest::newRow("negative") << u"every -5m"_s << u"'-5m' is not an interval"_s;
    QTest::newRow("no number") << u"every m"_s << u"'m' is not an interval"_s;
}

void TestSchedule::scheduleErrors() {
    QFETCH(QString, spec);
    QFETCH(QString, message);
    Schedule schedule = Schedule::continuous();
    QString error;
    QVERIFY(!Schedule::parse(spec, &schedule, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(schedule, Schedule::continuous()); // untouched on failure
}

void TestSchedule::windowParse_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("empty is always") << u""_s << u""_s;
    QTest::newRow("always") << u"Always"_s << u""_s;
    QTest::newRow("whole days") << u"00:00-24:00"_s << u""_s;
    QTest::newRow("never") << u"never"_s << u"never"_s;
    QTest::newRow("nights and weekends")
        << u"mon-fri 20:00-06:00; sat,sun 00:00-24:00"_s
        << u"mon-thu 20:00-06:00; fri 20:00-24:00; sat,sun 00:00-24:00"_s;
    QTest::newRow("every night") << u"20:00-06:00"_s << u"20:00-06:00"_s;
    QTest::newRow("two ranges") << u"mon-fri 08:00-12:00, 13:00-17:00"_s
                                << u"mon-fri 08:00-12:00,13:00-17:00"_s;
    QTest::newRow("sunday into monday") << u"sun 22:00-02:00"_s << u"sun 22:00-02:00"_s;
    QTest::newRow("overlaps merge")
        << u"mon 08:00-10:00; mon 09:00-11:00"_s << u"mon 08:00-11:00"_s;
    QTest::newRow("trailing semicolon") << u"sat 10:00-12:00;"_s << u"sat 10:00-12:00"_s;
    QTest::newRow("spaced range") << u"tue 8:00 - 9:00"_s << u"tue 08:00-09:00"_s;
    QTest::newRow("to midnight") << u"fri 18:00-00:00"_s << u"fri 18:00-24:00"_s;
}

void TestSchedule::windowParse() {
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    RunWindow window;
    QString error;
    QVERIFY2(RunWindow::parse(spec, &window, &error), qPrintable(error));
    QCOMPARE(window.toString(), canonical);

    RunWindow again = RunWindow::never();
    QVERIFY2(RunWindow::parse(window.toString(), &again, &error), qPrintable(error));
    QCOMPARE(again, window);
}

void TestSchedule::windowGrid() {
    RunWindow window;
    QVERIFY(RunWindow::parse(u"mon-fri 20:00-06:00"_s, &window, nullptr));
    QVERIFY(window.isOpen(1, 20));
    QVERIFY(!window.isOpen(1, 19));
    QVERIFY(window.isOpen(2, 5)); // Tuesday early morning, from Monday night
    QVERIFY(!window.isOpen(2, 6));
    QVERIFY(!window.isOpen(1, 5)); // Monday morning: Sunday night is not in it
    QVERIFY(window.isOpen(6, 5));  // Saturday early morning, from Friday night
    QVERIFY(!window.isOpen(6, 20));
    QVERIFY(!window.isOpen(0, 5));
    QVERIFY(!window.isOpen(1, 24));

    const QBitArray grid = window.toGrid();
    QCOMPARE(grid.size(), RunWindow::HoursPerWeek);
    QCOMPARE(grid.count(true), 5 * 10);
    QVERIFY(grid.testBit(0 * 24 + 20));
    QVERIFY(grid.testBit(5 * 24 + 5));
    QVERIFY(!grid.testBit(0 * 24 + 5));

    // A GUI edit: open Sunday 12:00-13:00 cell by cell through the grid.
    QBitArray edited = grid;
    edited.setBit(6 * 24 + 12);
    RunWindow fromGrid;
    QVERIFY(RunWindow::fromGrid(edited, &fromGrid));
    QCOMPARE(fromGrid.toString(), u"mon-fri 20:00-06:00; sun 12:00-13:00"_s);
    fromGrid.setOpen(7, 12, false);
    QCOMPARE(fromGrid, window);

    QVERIFY(!RunWindow::fromGrid(QBitArray(167), &fromGrid));
    QVERIFY(RunWindow::fromGrid(QBitArray(168), &fromGrid));
    QVERIFY(fromGrid.isNeverOpen());
    QCOMPARE(fromGrid.toString(), u"never"_s);
    QVERIFY(RunWindow().isAlwaysOpen());
}

void TestSchedule::windowRandomGridsRoundTrip() {
    // Any grid a user can paint must survive spec -> grid -> spec.
    QRandomGenerator random(20261025);
    for (int round = 0; round < 300; ++round) {
        QBitArray grid(RunWindow::HoursPerWeek);
        // Blocks of hours, like painted ranges, plus single cells.
        const int density = random.bounded(1, 6);
        for (int i = 0; i < RunWindow::HoursPerWeek; ++i) {
            if (random.bounded(density * 4) == 0) {
                const int length = random.bounded(1, 30);
                for (int j = 0; j < length; ++j)
                    grid.setBit((i + j) % RunWindow::HoursPerWeek);
            }
        }
        RunWindow window;
        QVERIFY(RunWindow::fromGrid(grid, &window));
        RunWindow parsed = RunWindow::never();
        QString error;
        QVERIFY2(RunWindow::parse(window.toString(), &parsed, &error),
                 qPrintable(window.toString() + u": "_s + error));
        QVERIFY2(parsed.toGrid() == grid, qPrintable(window.toString()));
    }
}

void TestSchedule::windowErrors_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("half hour") << u"mon-fri 20:30-06:00"_s << u"'20:30' is not a whole hour"_s;
    QTest::newRow("empty range") << u"mon 08:00-08:00"_s << u"the range '08:00-08:00' is empty"_s;
    QTest::newRow("no range") << u"mon 08:00"_s << u"'08:00' is not an hour range"_s;
    QTest::newRow("bad day") << u"mox 08:00-09:00"_s << u"'mox' is not a weekday"_s;
    QTest::newRow("bad hour") << u"mon 25:00-26:00"_s << u"'25:00' is not a time of day"_s;
    QTest::newRow("24 as start") << u"24:00-06:00"_s
                                 << u"'24:00' is not a time of day (HH:MM, 00:00 to 23:59)"_s;
    QTest::newRow("two day words")
        << u"mon fri 08:00-09:00"_s << u"'mon fri 08:00-09:00' does not match"_s;
    QTest::newRow("only semicolons") << u";;"_s << u"has no entries"_s;
    QTest::newRow("second entry bad")
        << u"sat 00:00-24:00; sun 00:00-25:00"_s << u"'25:00' is not a time of day"_s;
}

void TestSchedule::windowErrors() {
    QFETCH(QString, spec);
    QFETCH(QString, message);
    RunWindow window = RunWindow::never();
    QString error;
    QVERIFY(!RunWindow::parse(spec, &window, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(window.isNeverOpen()); // untouched on failure
}

void TestSchedule::bandwidthParse_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("10M") << u"10M"_s << qint64(10 * 1024 * 1024);
    QTest::newRow("512k") << u"512k"_s << qint64(512 * 1024);
    QTest::newRow("1.5G") << u"1.5G"_s << qint64(1536) * 1024 * 1024;
    QTest::newRow("MiB/s") << u"10 MiB/s"_s << qint64(10 * 1024 * 1024);
    QTest::newRow("KB") << u"100KB"_s << qint64(100 * 1024);
    QTest::newRow("80Mbit") << u"80Mbit"_s << qint64(10'000'000);
    QTest::newRow("80 Mbit/s") << u"80 Mbit/s"_s << qint64(10'000'000);
    QTest::newRow("1Gbps") << u"1Gbps"_s << qint64(125'000'000);
    QTest::newRow("800kbit") << u"800kbit"_s << qint64(100'000);
    QTest::newRow("plain bytes") << u"100000"_s << qint64(100'000);
    QTest::newRow("unlimited") << u"unlimited"_s << qint64(0);
    QTest::newRow("none") << u"None"_s << qint64(0);
    QTest::newRow("empty") << u""_s << qint64(0);
    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("zero with unit") << u"0M"_s << qint64(0);
}

void TestSchedule::bandwidthParse() {
    QFETCH(QString, spec);
    QFETCH(qint64, bytes);
    qint64 parsed = -1;
    QString error;
    QVERIFY2(parseBandwidth(spec, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed, bytes);

    qint64 again = -1;
    QVERIFY2(parseBandwidth(formatBandwidth(parsed), &again, &error), qPrintable(error));
    QCOMPARE(again, parsed);
}

void TestSchedule::bandwidthFormat_data() {
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("spec");
    QTest::newRow("0") << qint64(0) << u"unlimited"_s;
    QTest::newRow("10 MiB") << qint64(10 * 1024 * 1024) << u"10M"_s;
    QTest::newRow("2 GiB") << qint64(2) * 1024 * 1024 * 1024 << u"2G"_s;
    QTest::newRow("1536 KiB") << qint64(1536 * 1024) << u"1536k"_s;
    QTest::newRow("80 Mbit") << qint64(10'000'000) << u"80Mbit"_s;
    QTest::newRow("1 Gbit") << qint64(125'000'000) << u"1Gbit"_s;
    QTest::newRow("odd") << qint64(1'000'001) << u"1000001"_s;
}

void TestSchedule::bandwidthFormat() {
    QFETCH(qint64, bytes);
    QFETCH(QString, spec);
    QCOMPARE(formatBandwidth(bytes), spec);
}

void TestSchedule::bandwidthErrors_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("unit") << u"10X"_s << u"'X' in '10X' is not a bandwidth unit"_s;
    QTest::newRow("word") << u"fast"_s << u"'fast' is not a bandwidth"_s;
    QTest::newRow("negative") << u"-5M"_s << u"'-5M' is not a bandwidth"_s;
    QTest::newRow("too small") << u"100"_s << u"below the smallest cap of 1 KiB/s"_s;
    QTest::newRow("too large") << u"2000G"_s << u"above the largest cap"_s;
    QTest::newRow("two numbers") << u"10M 5"_s << u"is not a bandwidth"_s;
}

void TestSchedule::bandwidthErrors() {
    QFETCH(QString, spec);
    QFETCH(QString, message);
    qint64 bytes = 42;
    QString error;
    QVERIFY(!parseBandwidth(spec, &bytes, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(bytes, qint64(42));
}

void TestSchedule::rateLimiterBucket() {
    ManualClock clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC));
    RateLimiter limiter(&clock, 1000, 1000); // 1000 B/s, bucket of 1000 B

    QCOMPARE(limiter.delayFor(1000), 0ms); // starts full
    QCOMPARE(limiter.reserve(1000), 0ms);
    QCOMPARE(limiter.delayFor(1), 1ms);
    QCOMPARE(limiter.reserve(500), 500ms); // goes into debt
    QCOMPARE(limiter.delayFor(1000), 1500ms);

    clock.advanceMSecs(500);
    QCOMPARE(limiter.delayFor(1000), 1000ms);
    clock.advanceMSecs(250);
    QCOMPARE(limiter.delayFor(250), 0ms);
    QCOMPARE(limiter.delayFor(251), 1ms);

    // Idle time refills only up to the bucket size.
    clock.advanceSecs(3600);
    QCOMPARE(limiter.delayFor(1000), 0ms);
    QCOMPARE(limiter.delayFor(1001), 1ms);
    QCOMPARE(limiter.delayFor(3000), 2000ms);
}

void TestSchedule::rateLimiterLargeChunks() {
    ManualClock clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC));
    const qint64 mib = 1024 * 1024;
    RateLimiter limiter(&clock, mib); // burst defaults to one second's worth
    QCOMPARE(limiter.burst(), mib);
    // An 8 MiB chunk under a 1 MiB/s cap: wait for the 7 MiB the bucket lacks.
    QCOMPARE(limiter.reserve(8 * mib), 7000ms);
    // A second worker right after queues behind it.
    QCOMPARE(limiter.reserve(mib), 8000ms);
    clock.advanceSecs(8);
    QCOMPARE(limiter.delayFor(1), 1ms);
}

void TestSchedule::rateLimiterAverageRate() {
    // Chunks sent as the limiter allows average out at the cap.
    ManualClock clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC));
    const qint64 rate = 256 * 1024;
    RateLimiter limiter(&clock, rate);
    const QDateTime start = clock.nowUtc();
    const qint64 chunk = 64 * 1024;
    for (int i = 0; i < 100; ++i)
        clock.advanceMSecs(limiter.reserve(chunk).count());
    // 100 chunks of 64 KiB = 6400 KiB; the first 256 KiB came from the full bucket.
    const qint64 expectedMs = (100 * chunk - rate) * 1000 / rate;
    QVERIFY(qAbs(start.msecsTo(clock.nowUtc()) - expectedMs) <= 100);
}

void TestSchedule::rateLimiterUnlimitedAndRateChange() {
    ManualClock clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC));
    RateLimiter limiter(&clock);
    QCOMPARE(limiter.rate(), qint64(0));
    QCOMPARE(limiter.reserve(1'000'000'000), 0ms);
    QCOMPARE(limiter.delayFor(1'000'000'000), 0ms);

    limiter.setRate(2000); // a new cap starts full
    QCOMPARE(limiter.burst(), qint64(2000));
    QCOMPARE(limiter.reserve(2000), 0ms);
    QCOMPARE(limiter.delayFor(1000), 500ms);

    limiter.setRate(1000); // lowering keeps the debt state, at the new speed
    QCOMPARE(limiter.delayFor(1000), 1000ms);

    limiter.setRate(0);
    QCOMPARE(limiter.delayFor(1'000'000), 0ms);
}

void TestSchedule::rateLimiterClockSetBack() {
    ManualClock clock(QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC));
    RateLimiter limiter(&clock, 1000, 1000);
    QCOMPARE(limiter.reserve(1000), 0ms);
    clock.advanceSecs(-3600);                 // wall clock set back an hour
    QCOMPARE(limiter.delayFor(1000), 1000ms); // no worse than before
    QCOMPARE(limiter.reserve(1000), 1000ms);
    clock.advanceSecs(3600 + 1);
    QCOMPARE(limiter.delayFor(1000), 1000ms); // the debt from the reserve is paid off, no more
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
