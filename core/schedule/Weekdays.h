// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>
#include <bitset>

namespace Replicall {

// A set of days of the week, Monday = 1 ... Sunday = 7 as in QDate::dayOfWeek().
// Written as "mon,wed,fri", "mon-fri" or a mix ("mon-wed,sat"); a range may wrap
// around the weekend ("fri-mon"). Full English names are accepted as well.
class Weekdays {
public:
    Weekdays() = default;
    static Weekdays all();

    bool contains(int dayOfWeek) const;
    void add(int dayOfWeek);
    bool isEmpty() const { return m_days.none(); }
    bool isAll() const { return m_days.all(); }

    // Empty text or a bad name fails with a message naming the bad part.
    static bool parse(QStringView text, Weekdays *out, QString *error);
    // Canonical form: Monday first, three or more consecutive days as a range.
    QString toString() const;

    // "mon".."sun" for 1..7.
    static QString shortName(int dayOfWeek);

    friend bool operator==(const Weekdays &a, const Weekdays &b) { return a.m_days == b.m_days; }
    friend bool operator!=(const Weekdays &a, const Weekdays &b) { return !(a == b); }

private:
    std::bitset<7> m_days; // bit 0 = Monday
};

} // namespace Replicall
