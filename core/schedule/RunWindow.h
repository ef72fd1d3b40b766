// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBitArray>
#include <QDateTime>
#include <QString>
#include <bitset>

namespace Replicall {

// The hours of the week in which a job may start, e.g. only at night and at
// weekends. Held as a 7x24 grid of hours (Monday 00:00-01:00 first) so that a
// GUI can paint and edit it cell by cell. Spec grammar (docs/schedules.md):
//   "" or "always" | "never" | entry[; entry...]
//   entry = [<weekdays>] HH:00-HH:00[,HH:00-HH:00...]
// e.g. "mon-fri 20:00-06:00; sat,sun 00:00-24:00". A range whose end is not
// after its start crosses midnight and belongs to the day it starts on.
// Hours are wall-clock hours in the scheduler's zone.
class RunWindow {
public:
    static constexpr int HoursPerDay = 24;
    static constexpr int HoursPerWeek = 7 * HoursPerDay;

    RunWindow(); // always open
    static RunWindow always() { return RunWindow(); }
    static RunWindow never();

    // False with a message naming the bad part.
    static bool parse(const QString &spec, RunWindow *out, QString *error);
    // Canonical spec: "" when always open, "never" when never; otherwise day
    // groups Monday first. parse(toString()) gives the same grid.
    QString toString() const;

    bool isAlwaysOpen() const { return m_hours.all(); }
    bool isNeverOpen() const { return m_hours.none(); }

    // dayOfWeek 1 (Monday) ... 7 (Sunday), hour 0..23.
    bool isOpen(int dayOfWeek, int hour) const;
    void setOpen(int dayOfWeek, int hour, bool open);

    // 168 bits, bit (dayOfWeek - 1) * 24 + hour. A grid of another size is
    // rejected by fromGrid (returns false).
    QBitArray toGrid() const;
    static bool fromGrid(const QBitArray &grid, RunWindow *out);

    // Whether the wall-clock hour of `local` (read in its own zone) is open.
    bool contains(const QDateTime &local) const;
    // The first instant at or after `from` inside the window, in from's zone;
    // invalid when the window never opens. An hour the clock skips at a
    // daylight-saving change does not exist that day, so it never opens.
    QDateTime nextOpening(const QDateTime &from) const;

    friend bool operator==(const RunWindow &a, const RunWindow &b) {
        return a.m_hours == b.m_hours;
    }
    friend bool operator!=(const RunWindow &a, const RunWindow &b) { return !(a == b); }

private:
    static int index(int dayOfWeek, int hour) { return (dayOfWeek - 1) * HoursPerDay + hour; }
    bool parseEntry(QStringView entry, QString *error);

    std::bitset<HoursPerWeek> m_hours;
};

} // namespace Replicall
