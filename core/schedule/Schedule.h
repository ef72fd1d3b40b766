// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/Weekdays.h"

#include <QList>
#include <QString>

namespace Replicall {

// When a job runs by itself. Grammar (docs/schedules.md):
//   manual | continuous | every <N>m | every <N>h
//   | daily HH:MM[,HH:MM...] | weekly <weekdays> HH:MM[,HH:MM...]
// Clock times are wall-clock times in the zone the scheduler runs in.
class Schedule {
public:
    enum class Kind { Manual, Every, Daily, Weekly, Continuous };

    // Limits of "every N": one minute to one week.
    static constexpr int MinIntervalMinutes = 1;
    static constexpr int MaxIntervalMinutes = 7 * 24 * 60;

    Schedule() = default; // manual
    static Schedule manual() { return Schedule(); }
    static Schedule continuous();
    static Schedule every(int minutes);
    static Schedule daily(const QList<int> &minutesOfDay);
    static Schedule weekly(const Weekdays &days, const QList<int> &minutesOfDay);

    // False with a message naming the bad part, e.g.
    // "'25:00' is not a time of day (HH:MM, 00:00 to 23:59)".
    static bool parse(const QString &spec, Schedule *out, QString *error);
    // Canonical spec; parse(toString()) gives an equal schedule.
    QString toString() const;

    Kind kind() const { return m_kind; }
    int intervalMinutes() const { return m_intervalMinutes; } // Every only
    const QList<int> &times() const { return m_times; }       // Daily/Weekly: sorted minutes of day
    Weekdays weekdays() const { return m_days; }              // Daily: all days

    friend bool operator==(const Schedule &a, const Schedule &b) {
        return a.m_kind == b.m_kind && a.m_intervalMinutes == b.m_intervalMinutes &&
               a.m_times == b.m_times && a.m_days == b.m_days;
    }
    friend bool operator!=(const Schedule &a, const Schedule &b) { return !(a == b); }

private:
    static Schedule atTimes(Kind kind, const Weekdays &days, QList<int> minutesOfDay);

    Kind m_kind = Kind::Manual;
    int m_intervalMinutes = 0;
    QList<int> m_times;
    Weekdays m_days;
};

} // namespace Replicall
