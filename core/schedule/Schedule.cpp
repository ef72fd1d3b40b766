// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/Schedule.h"

#include "schedule/SpecText.h"

#include <QStringList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

const QString usage = u"expected 'manual', 'continuous', 'every 15m', 'every 2h', "
                      u"'daily 02:00[,14:30]' or 'weekly mon-fri 22:30'"_s;

// "02:00,14:30" -> minutes of day.
bool parseTimes(QStringView text, QList<int> *out, QString *error) {
    QList<int> times;
    for (QStringView part : text.split(u',')) {
        const std::optional<int> minutes = parseTimeOfDay(part, false, error);
        if (!minutes)
            return false;
        times << *minutes;
    }
    *out = times;
    return true;
}

// "15m", "2h" -> minutes.
bool parseInterval(QStringView text, int *minutes, QString *error) {
    const QString bad = u"'"_s + text.toString() +
                        u"' is not an interval (a whole number followed by m or h, e.g. 15m, 2h)"_s;
    if (text.size() < 2)
        return failWith(error, bad);
    const QChar unit = text.back().toLower();
    if (unit != u'm' && unit != u'h')
        return failWith(error, bad);
    bool ok = false;
    const qint64 count = text.chopped(1).toLongLong(&ok);
    if (!ok || text.front() == u'+' || text.front() == u'-')
        return failWith(error, bad);
    // Range-checked before multiplying, so a huge count cannot overflow.
    const qint64 total = count > Schedule::MaxIntervalMinutes ? count
                         : unit == u'h'                       ? count * 60
                                                              : count;
    if (total < Schedule::MinIntervalMinutes || total > Schedule::MaxIntervalMinutes)
        return failWith(error, u"the interval '"_s + text.toString() +
                                   u"' is out of range (1m to 168h)"_s);
    *minutes = int(total);
    return true;
}

} // namespace

Schedule Schedule::continuous() {
    Schedule schedule;
    schedule.m_kind = Kind::Continuous;
    return schedule;
}

Schedule Schedule::every(int minutes) {
    Schedule schedule;
    schedule.m_kind = Kind::Every;
    schedule.m_intervalMinutes =
        std::clamp(minutes, int(MinIntervalMinutes), int(MaxIntervalMinutes));
    return schedule;
}

Schedule Schedule::daily(const QList<int> &minutesOfDay) {
    return atTimes(Kind::Daily, Weekdays::all(), minutesOfDay);
}

Schedule Schedule::weekly(const Weekdays &days, const QList<int> &minutesOfDay) {
    return atTimes(Kind::Weekly, days, minutesOfDay);
}

Schedule Schedule::atTimes(Kind kind, const Weekdays &days, QList<int> minutesOfDay) {
    // Sorted and unique so equal schedules compare equal and format alike.
    minutesOfDay.erase(std::remove_if(minutesOfDay.begin(), minutesOfDay.end(),
                                      [](int m) { return m < 0 || m >= MinutesPerDay; }),
                       minutesOfDay.end());
    std::sort(minutesOfDay.begin(), minutesOfDay.end());
    minutesOfDay.erase(std::unique(minutesOfDay.begin(), minutesOfDay.end()), minutesOfDay.end());
    Schedule schedule;
    schedule.m_kind = kind;
    schedule.m_days = days;
    schedule.m_times = minutesOfDay;
    return schedule;
}

bool Schedule::parse(const QString &spec, Schedule *out, QString *error) {
    const QStringList words = specWords(spec);
    if (words.isEmpty())
        return failWith(error, u"the schedule is empty ("_s + usage + u")"_s);

    const QString keyword = words.first().toLower();
    const auto expectWords = [&](qsizetype count, const QString &form) {
        if (words.size() == count)
            return true;
        return failWith(error, u"'"_s + words.join(u' ') + u"' does not match '"_s + form + u"'"_s);
    };

    if (keyword == u"manual" || keyword == u"continuous") {
        if (!expectWords(1, keyword))
            return false;
        *out = keyword == u"manual" ? manual() : continuous();
        return true;
    }
    if (keyword == u"every") {
        int minutes = 0;
        if (!expectWords(2, u"every <N>m|<N>h"_s) || !parseInterval(words.at(1), &minutes, error))
            return false;
        *out = every(minutes);
        return true;
    }
    if (keyword == u"daily") {
        QList<int> times;
        if (!expectWords(2, u"daily HH:MM[,HH:MM...]"_s) || !parseTimes(words.at(1), &times, error))
            return false;
        *out = daily(times);
        return true;
    }
    if (keyword == u"weekly") {
        Weekdays days;
        QList<int> times;
        if (!expectWords(3, u"weekly <weekdays> HH:MM[,HH:MM...]"_s) ||
            !Weekdays::parse(words.at(1), &days, error) || !parseTimes(words.at(2), &times, error))
            return false;
        *out = weekly(days, times);
        return true;
    }
    return failWith(error, u"'"_s + keyword + u"' is not a kind of schedule ("_s + usage + u")"_s);
}

QString Schedule::toString() const {
    QStringList times;
    for (int minutes : m_times)
        times << formatTimeOfDay(minutes);

    switch (m_kind) {
    case Kind::Manual:
        return u"manual"_s;
    case Kind::Continuous:
        return u"continuous"_s;
    case Kind::Every:
        return m_intervalMinutes % 60 == 0 ? u"every %1h"_s.arg(m_intervalMinutes / 60)
                                           : u"every %1m"_s.arg(m_intervalMinutes);
    case Kind::Daily:
        return u"daily "_s + times.join(u',');
    case Kind::Weekly:
        return u"weekly "_s + m_days.toString() + u' ' + times.join(u',');
    }
    return QString();
}

} // namespace Replicall
