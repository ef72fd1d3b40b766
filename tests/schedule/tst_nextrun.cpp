// SPDX-License-Identifier: GPL-3.0-or-later
// When jobs run: daily and weekly slots around midnight and across the
// daylight-saving days of Europe/Berlin and America/New_York, "every N" in
// elapsed time, run windows, missed runs and clocks set back.
#include "schedule/LocalTime.h"
#include "schedule/NextRun.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

const QTimeZone berlin("Europe/Berlin");
const QTimeZone newYork("America/New_York");

QDateTime utc(const QString &iso) {
    QDateTime time = QDateTime::fromString(iso, Qt::ISODate);
    time.setTimeSpec(Qt::UTC);
    return time;
}

// An unambiguous wall-clock time in a zone, as UTC.
QDateTime wall(const QTimeZone &zone, const QString &isoLocal) {
    const QDateTime local = QDateTime::fromString(isoLocal, Qt::ISODate);
    return QDateTime(local.date(), local.time(), zone).toUTC();
}

Schedule schedule(const QString &spec) {
    Schedule parsed;
    QString error;
    if (!Schedule::parse(spec, &parsed, &error))
        qFatal("bad schedule in test: %s", qPrintable(error));
    return parsed;
}

RunWindow window(const QString &spec) {
    RunWindow parsed;
    QString error;
    if (!RunWindow::parse(spec, &parsed, &error))
        qFatal("bad window in test: %s", qPrintable(error));
    return parsed;
}

QString isoList(const QList<QDateTime> &times) {
    QStringList texts;
    for (const QDateTime &time : times)
        texts << time.toUTC().toString(Qt::ISODate);
    return texts.join(u' ');
}

} // namespace

class TestNextRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resolveLocal_data();
    void resolveLocal();
    void dailyAroundMidnight();
    void weeklyWeekdaySets_data();
    void weeklyWeekdaySets();
    void dstDays_data();
    void dstDays();
    void dstWeekSequence();
    void everyCountsElapsedTime();
    void windowsCrossingMidnight_data();
    void windowsCrossingMidnight();
    void windowOpeningAcrossSpringForward();
    void everyWaitsForWindow();
    void missedRunsCaughtUpOnce();
    void newJobs();
    void manualContinuousAndNever();
    void clockSetBack();
};

void TestNextRun::initTestCase() {
    QVERIFY2(berlin.isValid() && newYork.isValid(), "time zone data (tzdata) is missing");
}

void TestNextRun::resolveLocal_data() {
    QTest::addColumn<QTimeZone>("zone");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("expected");
    QTest::newRow("berlin winter") << berlin << u"2026-01-15T02:30"_s << u"2026-01-15T01:30:00Z"_s;
    QTest::newRow("berlin summer") << berlin << u"2026-07-15T02:30"_s << u"2026-07-15T00:30:00Z"_s;
    // 02:00-03:00 does not exist on 2026-03-29: the end of the gap, 03:00 CEST.
    QTest::newRow("berlin gap") << berlin << u"2026-03-29T02:30"_s << u"2026-03-29T01:00:00Z"_s;
    QTest::newRow("berlin gap start")
        << berlin << u"2026-03-29T02:00"_s << u"2026-03-29T01:00:00Z"_s;
    QTest::newRow("berlin after gap")
        << berlin << u"2026-03-29T03:00"_s << u"2026-03-29T01:00:00Z"_s;
    // 02:00-03:00 happens twice on 2026-10-25: the first, still CEST.
    QTest::newRow("berlin twice") << berlin << u"2026-10-25T02:30"_s << u"2026-10-25T00:30:00Z"_s;
    QTest::newRow("berlin after twice")
        << berlin << u"2026-10-25T03:00"_s << u"2026-10-25T02:00:00Z"_s;
    QTest::newRow("ny gap") << newYork << u"2026-03-08T02:30"_s << u"2026-03-08T07:00:00Z"_s;
    QTest::newRow("ny twice") << newYork << u"2026-11-01T01:30"_s << u"2026-11-01T05:30:00Z"_s;
    QTest::newRow("ny after twice")
        << newYork << u"2026-11-01T02:30"_s << u"2026-11-01T07:30:00Z"_s;
    QTest::newRow("utc") << QTimeZone::utc() << u"2026-03-29T02:30"_s << u"2026-03-29T02:30:00Z"_s;
}

void TestNextRun::resolveLocal() {
    QFETCH(QTimeZone, zone);
    QFETCH(QString, local);
    QFETCH(QString, expected);
    const QDateTime parsed = QDateTime::fromString(local, Qt::ISODate);
    const QDateTime resolved = resolveLocalTime(parsed.date(), parsed.time(), zone);
    QCOMPARE(resolved.toString(Qt::ISODate), expected);
}

void TestNextRun::dailyAroundMidnight() {
    const RunWindow always;
    // A new daily 00:00 job one second before midnight runs at midnight.
    QCOMPARE(nextRun(schedule(u"daily 00:00"_s), always, QDateTime(),
                     wall(berlin, u"2026-06-10T23:59:59"_s), berlin),
             wall(berlin, u"2026-06-11T00:00:00"_s));
    // Just after its midnight run, the next is the following midnight.
    QCOMPARE(nextRun(schedule(u"daily 00:00"_s), always, wall(berlin, u"2026-06-11T00:00:00"_s),
                     wall(berlin, u"2026-06-11T00:00:01"_s), berlin),
             wall(berlin, u"2026-06-12T00:00:00"_s));
    // 23:59 after a run at 00:00 the same day.
    QCOMPARE(nextRun(schedule(u"daily 00:00,23:59"_s), always,
                     wall(berlin, u"2026-06-11T00:00:00"_s), wall(berlin, u"2026-06-11T12:00"_s),
                     berlin),
             wall(berlin, u"2026-06-11T23:59:00"_s));
    // Two times a day, later one first once the earlier has run.
    QCOMPARE(nextRun(schedule(u"daily 02:00,14:30"_s), always, QDateTime(),
                     wall(berlin, u"2026-06-10T14:00"_s), berlin),
             wall(berlin, u"2026-06-10T14:30"_s));
    // The year boundary is just another midnight.
    QCOMPARE(nextRun(schedule(u"daily 00:30"_s), always, wall(berlin, u"2026-12-31T00:30"_s),
                     wall(berlin, u"2026-12-31T23:00"_s), berlin),
             wall(berlin, u"2027-01-01T00:30"_s));
}

void TestNextRun::weeklyWeekdaySets_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("lastLocal"); // empty = never ran
    QTest::addColumn<QString>("nowLocal");
    QTest::addColumn<QString>("expectedLocal");
    // 2026-06-12 is a Friday.
    QTest::newRow("friday before the time")
        << u"weekly mon,fri 22:30"_s << u""_s << u"2026-06-12T22:29"_s << u"2026-06-12T22:30"_s;
    QTest::newRow("friday after: monday")
        << u"weekly mon,fri 22:30"_s << u""_s << u"2026-06-12T23:00"_s << u"2026-06-15T22:30"_s;
    QTest::newRow("weekdays over the weekend")
        << u"weekly mon-fri 08:00,20:00"_s << u"2026-06-12T20:00"_s << u"2026-06-12T20:00:01"_s
        << u"2026-06-15T08:00"_s;
    QTest::newRow("weekdays morning then evening")
        << u"weekly mon-fri 08:00,20:00"_s << u"2026-06-15T08:00"_s << u"2026-06-15T09:00"_s
        << u"2026-06-15T20:00"_s;
    QTest::newRow("sunday late, wraps a week") << u"weekly sun 23:30"_s << u"2026-06-14T23:30"_s
                                               << u"2026-06-14T23:45"_s << u"2026-06-21T23:30"_s;
    QTest::newRow("weekend from friday")
        << u"weekly sat,sun 10:00"_s << u""_s << u"2026-06-12T12:00"_s << u"2026-06-13T10:00"_s;
    QTest::newRow("weekend from saturday run") << u"weekly sat,sun 10:00"_s << u"2026-06-13T10:00"_s
                                               << u"2026-06-13T11:00"_s << u"2026-06-14T10:00"_s;
    QTest::newRow("wrapping range fri-mon from tuesday")
        << u"weekly fri-mon 00:00"_s << u""_s << u"2026-06-16T00:00:01"_s << u"2026-06-19T00:00"_s;
    QTest::newRow("monday midnight after sunday")
        << u"weekly mon 00:00"_s << u""_s << u"2026-06-14T23:59:59"_s << u"2026-06-15T00:00"_s;
}

void TestNextRun::weeklyWeekdaySets() {
    QFETCH(QString, spec);
    QFETCH(QString, lastLocal);
    QFETCH(QString, nowLocal);
    QFETCH(QString, expectedLocal);
    const QDateTime last = lastLocal.isEmpty() ? QDateTime() : wall(berlin, lastLocal);
    const QDateTime next =
        nextRun(schedule(spec), RunWindow(), last, wall(berlin, nowLocal), berlin);
    QCOMPARE(next, wall(berlin, expectedLocal));
    QCOMPARE(next.timeSpec(), Qt::UTC);
}

void TestNextRun::dstDays_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QTimeZone>("zone");
    QTest::addColumn<QString>("day");
    QTest::addColumn<QString>("expected"); // the runs whose local date is `day`
    // Spring forward: a time in the gap runs once, at the end of the gap.
    QTest::newRow("berlin spring daily 02:30")
        << u"daily 02:30"_s << berlin << u"2026-03-29"_s << u"2026-03-29T01:00:00Z"_s;
    QTest::newRow("berlin spring daily 02:00")
        << u"daily 02:00"_s << berlin << u"2026-03-29"_s << u"2026-03-29T01:00:00Z"_s;
    QTest::newRow("berlin spring gap and 03:00 run once")
        << u"daily 02:15,02:45,03:00"_s << berlin << u"2026-03-29"_s << u"2026-03-29T01:00:00Z"_s;
    QTest::newRow("berlin spring before gap") << u"daily 01:30,03:30"_s << berlin << u"2026-03-29"_s
                                              << u"2026-03-29T00:30:00Z 2026-03-29T01:30:00Z"_s;
    QTest::newRow("berlin spring weekly")
        << u"weekly sun 02:30"_s << berlin << u"2026-03-29"_s << u"2026-03-29T01:00:00Z"_s;
    // Fall back: a time that happens twice runs once, the first time.
    QTest::newRow("berlin fall daily 02:30")
        << u"daily 02:30"_s << berlin << u"2026-10-25"_s << u"2026-10-25T00:30:00Z"_s;
    QTest::newRow("berlin fall daily 02:00,03:00")
        << u"daily 02:00,03:00"_s << berlin << u"2026-10-25"_s
        << u"2026-10-25T00:00:00Z 2026-10-25T02:00:00Z"_s;
    QTest::newRow("berlin fall weekly")
        << u"weekly sat,sun 02:30"_s << berlin << u"2026-10-25"_s << u"2026-10-25T00:30:00Z"_s;
    QTest::newRow("new york spring daily 02:30")
        << u"daily 02:30"_s << newYork << u"2026-03-08"_s << u"2026-03-08T07:00:00Z"_s;
    QTest::newRow("new york spring weekly")
        << u"weekly sun 02:00,02:59"_s << newYork << u"2026-03-08"_s << u"2026-03-08T07:00:00Z"_s;
    QTest::newRow("new york fall daily 01:30")
        << u"daily 01:30"_s << newYork << u"2026-11-01"_s << u"2026-11-01T05:30:00Z"_s;
    QTest::newRow("new york fall weekly")
        << u"weekly sun 01:00,01:59"_s << newYork << u"2026-11-01"_s
        << u"2026-11-01T05:00:00Z 2026-11-01T05:59:00Z"_s;
    // Elapsed time: "every 2h" is 2 real hours apart even when the clock jumps.
    QTest::newRow("berlin spring every 2h")
        << u"every 2h"_s << berlin << u"2026-03-29"_s
        << u"2026-03-28T23:00:00Z 2026-03-29T01:00:00Z 2026-03-29T03:00:00Z "
           u"2026-03-29T05:00:00Z 2026-03-29T07:00:00Z 2026-03-29T09:00:00Z "
           u"2026-03-29T11:00:00Z 2026-03-29T13:00:00Z 2026-03-29T15:00:00Z "
           u"2026-03-29T17:00:00Z 2026-03-29T19:00:00Z 2026-03-29T21:00:00Z"_s;
    QTest::newRow("berlin fall every 6h")
        << u"every 6h"_s << berlin << u"2026-10-25"_s
        << u"2026-10-24T22:00:00Z 2026-10-25T04:00:00Z 2026-10-25T10:00:00Z "
           u"2026-10-25T16:00:00Z 2026-10-25T22:00:00Z"_s;
    QTest::newRow("new york fall every 8h")
        << u"every 8h"_s << newYork << u"2026-11-01"_s
        << u"2026-11-01T04:00:00Z 2026-11-01T12:00:00Z 2026-11-01T20:00:00Z "
           u"2026-11-02T04:00:00Z"_s;
    QTest::newRow("new york spring every 8h")
        << u"every 8h"_s << newYork << u"2026-03-08"_s
        << u"2026-03-08T05:00:00Z 2026-03-08T13:00:00Z 2026-03-08T21:00:00Z"_s;
}

void TestNextRun::dstDays() {
    QFETCH(QString, spec);
    QFETCH(QTimeZone, zone);
    QFETCH(QString, day);
    QFETCH(QString, expected);
    // Start at local midnight of the day before, as if a run had just happened
    // then, and follow the runs into the day after.
    const QDate date = QDate::fromString(day, Qt::ISODate);
    const QDateTime start = QDateTime(date.addDays(-1), QTime(0, 0), zone).toUTC();
    const QList<QDateTime> runs = upcoming(schedule(spec), RunWindow(), start, start, zone, 40);
    QList<QDateTime> onDay;
    for (const QDateTime &run : runs) {
        if (run.toTimeZone(zone).date() == date)
            onDay << run;
    }
    QCOMPARE(isoList(onDay), expected);
    QVERIFY(runs.last().toTimeZone(zone).date() > date); // followed past the day
}

void TestNextRun::dstWeekSequence() {
    // The same wall-clock time each day, a DST day in the middle: the UTC
    // times shift by an hour and no day is run twice or skipped.
    const QList<QDateTime> spring = upcoming(schedule(u"daily 02:30"_s), RunWindow(), QDateTime(),
                                             wall(berlin, u"2026-03-27T12:00"_s), berlin, 3);
    QCOMPARE(isoList(spring), u"2026-03-28T01:30:00Z 2026-03-29T01:00:00Z 2026-03-30T00:30:00Z"_s);
    const QList<QDateTime> fall = upcoming(schedule(u"daily 02:30"_s), RunWindow(), QDateTime(),
                                           wall(berlin, u"2026-10-23T12:00"_s), berlin, 3);
    QCOMPARE(isoList(fall), u"2026-10-24T00:30:00Z 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z"_s);
    const QList<QDateTime> weekly =
        upcoming(schedule(u"weekly sun 02:30"_s), RunWindow(), QDateTime(),
                 wall(newYork, u"2026-03-01T12:00"_s), newYork, 3);
    QCOMPARE(isoList(weekly), u"2026-03-08T07:00:00Z 2026-03-15T06:30:00Z 2026-03-22T06:30:00Z"_s);
}

void TestNextRun::everyCountsElapsedTime() {
    // 00:30 CET + 2 h elapsed = 03:30 CEST on the spring-forward night.
    const QDateTime last = wall(berlin, u"2026-03-29T00:30"_s);
    const QDateTime next = nextRun(schedule(u"every 2h"_s), RunWindow(), last, last, berlin);
    QCOMPARE(next, last.addSecs(2 * 3600));
    QCOMPARE(next.toTimeZone(berlin).time(), QTime(3, 30));
    // 02:30 CEST + 1 h = the second 02:30 (CET) on the fall-back night.
    const QDateTime fallLast = utc(u"2026-10-25T00:30:00Z"_s);
    const QDateTime fallNext =
        nextRun(schedule(u"every 1h"_s), RunWindow(), fallLast, fallLast, berlin);
    QCOMPARE(fallNext, utc(u"2026-10-25T01:30:00Z"_s));
    QCOMPARE(fallNext.toTimeZone(berlin).time(), QTime(2, 30));
    // A run that started late shifts the next one: counted from the start.
    QCOMPARE(nextRun(schedule(u"every 15m"_s), RunWindow(), utc(u"2026-06-01T10:07:00Z"_s),
                     utc(u"2026-06-01T10:10:00Z"_s), berlin),
             utc(u"2026-06-01T10:22:00Z"_s));
}

void TestNextRun::windowsCrossingMidnight_data() {
    QTest::addColumn<QString>("nowLocal");
    QTest::addColumn<QString>("expectedLocal");
    // Daily 05:00 under "mon-fri 20:00-06:00"; 2026-06-15 is a Monday.
    QTest::newRow("monday morning is closed") << u"2026-06-15T04:00"_s << u"2026-06-15T20:00"_s;
    QTest::newRow("tuesday morning is open") << u"2026-06-16T04:00"_s << u"2026-06-16T05:00"_s;
    QTest::newRow("saturday morning is open") << u"2026-06-20T04:00"_s << u"2026-06-20T05:00"_s;
    QTest::newRow("sunday waits for monday night")
        << u"2026-06-21T04:00"_s << u"2026-06-22T20:00"_s;
    QTest::newRow("after saturday's run") << u"2026-06-20T05:30"_s << u"2026-06-22T20:00"_s;
}

void TestNextRun::windowsCrossingMidnight() {
    QFETCH(QString, nowLocal);
    QFETCH(QString, expectedLocal);
    const RunWindow nights = window(u"mon-fri 20:00-06:00"_s);
    const QDateTime now = wall(berlin, nowLocal);
    // The job last ran just before now, so slots before now are used.
    const QDateTime next = nextRun(schedule(u"daily 05:00"_s), nights, now, now, berlin);
    QCOMPARE(next.toTimeZone(berlin).toString(Qt::ISODate),
             wall(berlin, expectedLocal).toTimeZone(berlin).toString(Qt::ISODate));

    QVERIFY(nights.contains(wall(berlin, u"2026-06-19T23:00"_s).toTimeZone(berlin)));
    QVERIFY(nights.contains(wall(berlin, u"2026-06-20T05:59"_s).toTimeZone(berlin)));
    QVERIFY(!nights.contains(wall(berlin, u"2026-06-20T06:00"_s).toTimeZone(berlin)));
    // contains() reads the wall clock of the zone it is given.
    QVERIFY(nights.contains(utc(u"2026-06-15T18:30:00Z"_s).toTimeZone(berlin))); // 20:30 CEST
    QVERIFY(!nights.contains(utc(u"2026-06-15T18:30:00Z"_s)));                   // 18:30 UTC
}

void TestNextRun::windowOpeningAcrossSpringForward() {
    const QDateTime before = QDateTime(QDate(2026, 3, 29), QTime(0, 30), berlin);
    // The window's first hour is skipped by the clock; it opens at 03:00 CEST.
    QCOMPARE(window(u"sun 02:00-04:00"_s).nextOpening(before).toUTC(),
             utc(u"2026-03-29T01:00:00Z"_s));
    // A window of only the skipped hour does not open that day at all.
    QCOMPARE(window(u"sun 02:00-03:00"_s).nextOpening(before).toUTC(),
             wall(berlin, u"2026-04-05T02:00"_s));
    // On the fall-back night an opening hour is reached once, at its first start.
    QCOMPARE(window(u"sun 02:00-03:00"_s)
                 .nextOpening(QDateTime(QDate(2026, 10, 25), QTime(1, 30), berlin))
                 .toUTC(),
             utc(u"2026-10-25T00:00:00Z"_s));
    QVERIFY(!RunWindow::never().nextOpening(before).isValid());
    QCOMPARE(RunWindow().nextOpening(before), before);
}

void TestNextRun::everyWaitsForWindow() {
    const RunWindow nights = window(u"20:00-06:00"_s);
    const QDateTime last = wall(berlin, u"2026-06-16T05:30"_s);
    QCOMPARE(nextRun(schedule(u"every 1h"_s), nights, last, last, berlin),
             wall(berlin, u"2026-06-16T20:00"_s));
    const QList<QDateTime> runs = upcoming(schedule(u"every 3h"_s), nights, last, last, berlin, 4);
    QCOMPARE(isoList(runs),
             isoList({wall(berlin, u"2026-06-16T20:00"_s), wall(berlin, u"2026-06-16T23:00"_s),
                      wall(berlin, u"2026-06-17T02:00"_s), wall(berlin, u"2026-06-17T05:00"_s)}));
}

void TestNextRun::missedRunsCaughtUpOnce() {
    // Last ran Monday 02:00, the machine was off until Thursday 10:00: three
    // slots passed, the job is due once, now.
    const Schedule daily = schedule(u"daily 02:00"_s);
    const QDateTime monday = wall(berlin, u"2026-06-15T02:00"_s);
    const QDateTime thursday = wall(berlin, u"2026-06-18T10:00"_s);
    QVERIFY(isDue(daily, RunWindow(), monday, thursday, berlin));
    QCOMPARE(nextRun(daily, RunWindow(), monday, thursday, berlin), thursday);
    // Having run at 10:00, it waits for Friday 02:00 - no catch-up of the rest.
    const QDateTime later = thursday.addSecs(60);
    QVERIFY(!isDue(daily, RunWindow(), thursday, later, berlin));
    QCOMPARE(nextRun(daily, RunWindow(), thursday, later, berlin),
             wall(berlin, u"2026-06-19T02:00"_s));

    // Same for an interval: three hours away from a 15-minute job.
    const Schedule quarter = schedule(u"every 15m"_s);
    const QDateTime lastRun = utc(u"2026-06-15T07:00:00Z"_s);
    const QDateTime back = utc(u"2026-06-15T10:00:00Z"_s);
    QCOMPARE(nextRun(quarter, RunWindow(), lastRun, back, berlin), back);
    QCOMPARE(nextRun(quarter, RunWindow(), back, back.addSecs(1), berlin), back.addSecs(15 * 60));

    // And a weekly job missed for two weeks.
    const Schedule weekly = schedule(u"weekly mon 08:00"_s);
    QVERIFY(isDue(weekly, RunWindow(), wall(berlin, u"2026-06-01T08:00"_s),
                  wall(berlin, u"2026-06-16T12:00"_s), berlin));
    QCOMPARE(upcoming(weekly, RunWindow(), wall(berlin, u"2026-06-01T08:00"_s),
                      wall(berlin, u"2026-06-16T12:00"_s), berlin, 2),
             (QList<QDateTime>{wall(berlin, u"2026-06-16T12:00"_s),
                               wall(berlin, u"2026-06-22T08:00"_s)}));

    // Missed while the window was closed: due at the next opening, once.
    const RunWindow nights = window(u"20:00-06:00"_s);
    const QDateTime noon = wall(berlin, u"2026-06-18T12:00"_s);
    QVERIFY(!isDue(daily, nights, monday, noon, berlin));
    QCOMPARE(nextRun(daily, nights, monday, noon, berlin), wall(berlin, u"2026-06-18T20:00"_s));
}

void TestNextRun::newJobs() {
    const QDateTime now = wall(berlin, u"2026-06-10T14:00"_s);
    // A new daily job waits for its time; a new interval job starts at once.
    QVERIFY(!isDue(schedule(u"daily 02:00"_s), RunWindow(), QDateTime(), now, berlin));
    QCOMPARE(nextRun(schedule(u"daily 02:00"_s), RunWindow(), QDateTime(), now, berlin),
             wall(berlin, u"2026-06-11T02:00"_s));
    QVERIFY(isDue(schedule(u"every 15m"_s), RunWindow(), QDateTime(), now, berlin));
    // A new job created exactly at its time runs now.
    QVERIFY(isDue(schedule(u"daily 14:00"_s), RunWindow(), QDateTime(), now, berlin));
    QCOMPARE(upcoming(schedule(u"daily 02:00"_s), RunWindow(), QDateTime(), now, berlin, 5).size(),
             5);
}

void TestNextRun::manualContinuousAndNever() {
    const QDateTime now = utc(u"2026-06-10T12:00:00Z"_s);
    QVERIFY(!nextRun(Schedule::manual(), RunWindow(), QDateTime(), now, berlin).isValid());
    QVERIFY(!isDue(Schedule::manual(), RunWindow(), QDateTime(), now, berlin));
    QVERIFY(upcoming(Schedule::manual(), RunWindow(), QDateTime(), now, berlin, 5).isEmpty());

    QVERIFY(isDue(Schedule::continuous(), RunWindow(), QDateTime(), now, berlin));
    // A continuous run that ended quickly restarts no sooner than a minute after its start.
    QCOMPARE(nextRun(Schedule::continuous(), RunWindow(), now, now.addSecs(5), berlin),
             now.addSecs(ContinuousRestartSeconds));
    QCOMPARE(upcoming(Schedule::continuous(), RunWindow(), QDateTime(), now, berlin, 5).size(), 1);
    // ... and only inside its window.
    QCOMPARE(nextRun(Schedule::continuous(), window(u"20:00-06:00"_s), QDateTime(), now, berlin),
             wall(berlin, u"2026-06-10T20:00"_s));

    QVERIFY(
        !nextRun(schedule(u"every 15m"_s), RunWindow::never(), QDateTime(), now, berlin).isValid());
    QVERIFY(!nextRun(Schedule::daily({}), RunWindow(), QDateTime(), now, berlin).isValid());
}

void TestNextRun::clockSetBack() {
    // The clock was set back after the 02:00 run: 02:00 must not run again.
    const Schedule daily = schedule(u"daily 02:00"_s);
    const QDateTime ran = wall(berlin, u"2026-06-10T02:00:05"_s);
    const QDateTime now = wall(berlin, u"2026-06-10T01:30"_s);
    QCOMPARE(nextRun(daily, RunWindow(), ran, now, berlin), wall(berlin, u"2026-06-11T02:00"_s));
    // An interval counts from now instead of from the last start in the future.
    QCOMPARE(nextRun(schedule(u"every 15m"_s), RunWindow(), ran, now, berlin),
             now.addSecs(15 * 60));
}

QTEST_GUILESS_MAIN(TestNextRun)
#include "tst_nextrun.moc"
