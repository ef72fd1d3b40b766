// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/RunWindow.h"

#include "schedule/LocalTime.h"
#include "schedule/SpecText.h"
#include "schedule/Weekdays.h"

#include <QList>
#include <QStringList>
#include <map>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

const QString entryForm =
    u"[<weekdays>] HH:00-HH:00[,HH:00-HH:00...], e.g. 'mon-fri 20:00-06:00'"_s;

// Open hours of one day, [start, end) in hours; end <= start crosses midnight.
struct Span {
    int start = 0;
    int end = 0;
    QString toString() const {
        return formatTimeOfDay(start * 60) + u'-' + formatTimeOfDay(end * 60);
    }
};

// "20:00-06:00" -> hours; whole hours only, since the grid has hour cells.
bool parseSpan(QStringView text, Span *out, QString *error) {
    const QList<QStringView> ends = text.split(u'-');
    if (ends.size() != 2)
        return failWith(error, u"'"_s + text.toString() +
                                   u"' is not an hour range (HH:00-HH:00, e.g. 20:00-06:00)"_s);
    int hours[2] = {};
    for (int i = 0; i < 2; ++i) {
        const std::optional<int> minutes = parseTimeOfDay(ends.at(i), i == 1, error);
        if (!minutes)
            return false;
        if (*minutes % 60 != 0)
            return failWith(error, u"'"_s + ends.at(i).trimmed().toString() +
                                       u"' is not a whole hour; run windows open and close "
                                       u"on the hour (e.g. 20:00)"_s);
        hours[i] = *minutes / 60;
    }
    if (hours[0] == hours[1])
        return failWith(error, u"the range '"_s + text.toString() +
                                   u"' is empty or ambiguous; write 00:00-24:00 for a whole day"_s);
    *out = {hours[0], hours[1]};
    return true;
}

} // namespace

RunWindow::RunWindow() {
    m_hours.set();
}

RunWindow RunWindow::never() {
    RunWindow window;
    window.m_hours.reset();
    return window;
}

bool RunWindow::isOpen(int dayOfWeek, int hour) const {
    if (dayOfWeek < 1 || dayOfWeek > 7 || hour < 0 || hour >= HoursPerDay)
        return false;
    return m_hours.test(index(dayOfWeek, hour));
}

void RunWindow::setOpen(int dayOfWeek, int hour, bool open) {
    if (dayOfWeek >= 1 && dayOfWeek <= 7 && hour >= 0 && hour < HoursPerDay)
        m_hours.set(index(dayOfWeek, hour), open);
}

QBitArray RunWindow::toGrid() const {
    QBitArray grid(HoursPerWeek);
    for (int i = 0; i < HoursPerWeek; ++i)
        grid.setBit(i, m_hours.test(i));
    return grid;
}

bool RunWindow::fromGrid(const QBitArray &grid, RunWindow *out) {
    if (grid.size() != HoursPerWeek)
        return false;
    RunWindow window = never();
    for (int i = 0; i < HoursPerWeek; ++i)
        window.m_hours.set(i, grid.testBit(i));
    *out = window;
    return true;
}

bool RunWindow::parse(const QString &spec, RunWindow *out, QString *error) {
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(u"always", Qt::CaseInsensitive) == 0) {
        *out = always();
        return true;
    }
    if (trimmed.compare(u"never", Qt::CaseInsensitive) == 0) {
        *out = never();
        return true;
    }
    RunWindow window = never();
    bool anyEntry = false;
    for (QStringView entry : QStringView(trimmed).split(u';')) {
        if (entry.trimmed().isEmpty())
            continue; // a trailing ';' is harmless
        if (!window.parseEntry(entry, error))
            return false;
        anyEntry = true;
    }
    if (!anyEntry)
        return failWith(error, u"the run window '"_s + trimmed + u"' has no entries ("_s +
                                   entryForm + u")"_s);
    *out = window;
    return true;
}

bool RunWindow::parseEntry(QStringView entry, QString *error) {
    const QStringList words = specWords(entry.toString());
    // A first word with a ':' is already a time range: the entry is for every day.
    const bool hasDays = !words.isEmpty() && !words.first().contains(u':');
    if (words.size() != (hasDays ? 2 : 1))
        return failWith(error,
                        u"'"_s + words.join(u' ') + u"' does not match '"_s + entryForm + u"'"_s);
    Weekdays days = Weekdays::all();
    if (hasDays && !Weekdays::parse(words.first(), &days, error))
        return false;

    for (QStringView text : QStringView(words.last()).split(u',')) {
        Span span;
        if (!parseSpan(text, &span, error))
            return false;
        const int length = (span.end - span.start + HoursPerDay - 1) % HoursPerDay + 1;
        for (int day = 1; day <= 7; ++day) {
            if (!days.contains(day))
                continue;
            for (int i = 0; i < length; ++i) {
                const int cell = index(day, span.start) + i;
                m_hours.set(cell % HoursPerWeek);
            }
        }
    }
    return true;
}

QString RunWindow::toString() const {
    if (isAlwaysOpen())
        return QString();
    if (isNeverOpen())
        return u"never"_s;

    // Runs of open hours inside each day (index 0 = Monday).
    QList<Span> runs[7];
    for (int day = 0; day < 7; ++day) {
        int hour = 0;
        while (hour < HoursPerDay) {
            if (!isOpen(day + 1, hour)) {
                ++hour;
                continue;
            }
            int end = hour;
            while (end < HoursPerDay && isOpen(day + 1, end))
                ++end;
            runs[day] << Span{hour, end};
            hour = end;
        }
    }

    // An evening run up to midnight followed by a shorter morning run the
    // next day reads better as one range that crosses midnight ("20:00-06:00").
    bool crossesMidnight[7] = {};
    for (int day = 0; day < 7; ++day) {
        const QList<Span> &next = runs[(day + 1) % 7];
        crossesMidnight[day] = !runs[day].isEmpty() && runs[day].last().end == HoursPerDay &&
                               runs[day].last().start > 0 && !next.isEmpty() &&
                               next.first().start == 0 && next.first().end < runs[day].last().start;
    }

    // Days with the same ranges share one entry; entries ordered by first day.
    std::map<int, std::pair<Weekdays, QString>> entries;
    std::map<QString, int> firstDayOf;
    for (int day = 0; day < 7; ++day) {
        QStringList spans;
        for (const Span &run : runs[day]) {
            if (run.start == 0 && crossesMidnight[(day + 6) % 7])
                continue; // already written as the previous day's range
            Span span = run;
            if (run.end == HoursPerDay && crossesMidnight[day])
                span.end = runs[(day + 1) % 7].first().end;
            spans << span.toString();
        }
        if (spans.isEmpty())
            continue;
        const QString ranges = spans.join(u',');
        const auto found = firstDayOf.find(ranges);
        const int first = found == firstDayOf.end() ? day : found->second;
        firstDayOf.emplace(ranges, first);
        entries[first].first.add(day + 1);
        entries[first].second = ranges;
    }

    QStringList parts;
    for (const auto &[first, entry] : entries) {
        Q_UNUSED(first)
        parts << (entry.first.isAll() ? entry.second
                                      : entry.first.toString() + u' ' + entry.second);
    }
    return parts.join(u"; "_s);
}

bool RunWindow::contains(const QDateTime &local) const {
    return local.isValid() && isOpen(local.date().dayOfWeek(), local.time().hour());
}

QDateTime RunWindow::nextOpening(const QDateTime &from) const {
    if (!from.isValid() || isNeverOpen())
        return QDateTime();
    if (contains(from))
        return from;

    const QTimeZone zone = from.timeZone();
    QDate date = from.date();
    int hour = from.time().hour();
    // Eight days of hour boundaries reach every cell of the week even when
    // DST changes shift the wall clock.
    for (int step = 0; step < 8 * HoursPerDay; ++step) {
        if (++hour == HoursPerDay) {
            hour = 0;
            date = date.addDays(1);
        }
        if (!isOpen(date.dayOfWeek(), hour))
            continue;
        const QDateTime opening = resolveLocalTime(date, QTime(hour, 0), zone).toTimeZone(zone);
        if (opening > from && contains(opening))
            return opening;
    }
    return QDateTime();
}

} // namespace Replicall
