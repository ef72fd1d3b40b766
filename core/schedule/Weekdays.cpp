// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/Weekdays.h"

#include "schedule/SpecText.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// 1..7 for a day name, 0 when it is not one.
int dayFromName(QStringView name) {
    static const QStringList longNames = {u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                                          u"friday"_s, u"saturday"_s, u"sunday"_s};
    for (int i = 0; i < longNames.size(); ++i) {
        if (name.compare(longNames.at(i), Qt::CaseInsensitive) == 0 ||
            name.compare(QStringView(longNames.at(i)).left(3), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

} // namespace

Weekdays Weekdays::all() {
    Weekdays days;
    days.m_days.set();
    return days;
}

bool Weekdays::contains(int dayOfWeek) const {
    return dayOfWeek >= 1 && dayOfWeek <= 7 && m_days.test(dayOfWeek - 1);
}

void Weekdays::add(int dayOfWeek) {
    if (dayOfWeek >= 1 && dayOfWeek <= 7)
        m_days.set(dayOfWeek - 1);
}

bool Weekdays::parse(QStringView text, Weekdays *out, QString *error) {
    Weekdays days;
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return failWith(error, u"no weekdays given (expected e.g. 'mon-fri' or 'sat,sun')"_s);

    for (QStringView part : trimmed.split(u',')) {
        part = part.trimmed();
        if (part.isEmpty() || part.startsWith(u'-') || part.endsWith(u'-'))
            return failWith(error, u"a weekday is missing in '"_s + trimmed.toString() + u"'"_s);
        const qsizetype dash = part.indexOf(u'-');
        const QStringView firstName = dash < 0 ? part : part.left(dash).trimmed();
        const QStringView lastName = dash < 0 ? part : part.mid(dash + 1).trimmed();
        const int first = dayFromName(firstName);
        const int last = dayFromName(lastName);
        if (first == 0 || last == 0) {
            const QStringView bad = first == 0 ? firstName : lastName;
            return failWith(error, u"'"_s + bad.toString() +
                                       u"' is not a weekday (mon, tue, wed, thu, fri, sat, sun)"_s);
        }
        // Walk forward from first to last, wrapping after Sunday ("fri-mon").
        for (int day = first;; day = day % 7 + 1) {
            days.add(day);
            if (day == last)
                break;
        }
    }
    *out = days;
    return true;
}

QString Weekdays::toString() const {
    QStringList parts;
    int day = 1;
    while (day <= 7) {
        if (!contains(day)) {
            ++day;
            continue;
        }
        int last = day;
        while (last < 7 && contains(last + 1))
            ++last;
        if (last - day >= 2) {
            parts << shortName(day) + u'-' + shortName(last);
        } else {
            for (int d = day; d <= last; ++d)
                parts << shortName(d);
        }
        day = last + 1;
    }
    return parts.join(u',');
}

QString Weekdays::shortName(int dayOfWeek) {
    static const QStringList names = {u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s,
                                      u"fri"_s, u"sat"_s, u"sun"_s};
    return dayOfWeek >= 1 && dayOfWeek <= 7 ? names.at(dayOfWeek - 1) : QString();
}

} // namespace Replicall
