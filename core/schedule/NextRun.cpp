// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/NextRun.h"

#include "schedule/LocalTime.h"

#include <algorithm>

namespace Replicall {

QDateTime nextSlotAfter(const Schedule &schedule, const QDateTime &afterUtc,
                        const QTimeZone &zone) {
    if (schedule.kind() != Schedule::Kind::Daily && schedule.kind() != Schedule::Kind::Weekly)
        return QDateTime();

    // From the day before (a resolved time may fall on the previous local
    // date's side of a DST change) through a full week and a day after.
    const QDate firstDate = afterUtc.toTimeZone(zone).date().addDays(-1);
    const Weekdays days = schedule.weekdays();
    QDateTime best;
    for (int offset = 0; offset < 9; ++offset) {
        const QDate date = firstDate.addDays(offset);
        if (!days.contains(date.dayOfWeek()))
            continue;
        for (int minutes : schedule.times()) {
            const QDateTime slot = resolveLocalTime(date, QTime(minutes / 60, minutes % 60), zone);
            if (slot > afterUtc && (!best.isValid() || slot < best))
                best = slot;
        }
        if (best.isValid())
            break; // later dates only give later slots
    }
    return best;
}

QDateTime nextRun(const Schedule &schedule, const RunWindow &window,
                  const QDateTime &lastRunStartUtc, const QDateTime &nowUtc,
                  const QTimeZone &zone) {
    if (!nowUtc.isValid() || window.isNeverOpen())
        return QDateTime();

    const bool ranBefore = lastRunStartUtc.isValid();
    // A last start in the future means the clock was set back; intervals then
    // count from now so the job neither stalls nor runs twice at once.
    const QDateTime intervalBase = ranBefore ? std::min(lastRunStartUtc, nowUtc) : nowUtc;
    QDateTime candidate;
    switch (schedule.kind()) {
    case Schedule::Kind::Manual:
        return QDateTime();
    case Schedule::Kind::Every:
        candidate =
            ranBefore ? intervalBase.addSecs(qint64(schedule.intervalMinutes()) * 60) : nowUtc;
        break;
    case Schedule::Kind::Continuous:
        candidate = ranBefore ? intervalBase.addSecs(ContinuousRestartSeconds) : nowUtc;
        break;
    case Schedule::Kind::Daily:
    case Schedule::Kind::Weekly:
        // Slots are only ever run once: counted from the last start even if
        // the clock went back, and from just before now for a new job.
        candidate =
            nextSlotAfter(schedule, ranBefore ? lastRunStartUtc : nowUtc.addMSecs(-1), zone);
        break;
    }
    if (!candidate.isValid())
        return QDateTime();

    // Any number of missed slots make one run, now.
    candidate = std::max(candidate, nowUtc);
    const QDateTime local = candidate.toTimeZone(zone);
    if (!window.contains(local))
        return window.nextOpening(local).toUTC();
    return candidate.toUTC();
}

bool isDue(const Schedule &schedule, const RunWindow &window, const QDateTime &lastRunStartUtc,
           const QDateTime &nowUtc, const QTimeZone &zone) {
    const QDateTime next = nextRun(schedule, window, lastRunStartUtc, nowUtc, zone);
    return next.isValid() && next <= nowUtc;
}

QList<QDateTime> upcoming(const Schedule &schedule, const RunWindow &window,
                          const QDateTime &lastRunStartUtc, const QDateTime &nowUtc,
                          const QTimeZone &zone, int n) {
    QList<QDateTime> runs;
    QDateTime lastStart = lastRunStartUtc;
    QDateTime now = nowUtc;
    while (runs.size() < n) {
        const QDateTime next = nextRun(schedule, window, lastStart, now, zone);
        if (!next.isValid())
            break;
        runs << next;
        if (schedule.kind() == Schedule::Kind::Continuous)
            break;
        lastStart = next;
        now = next;
    }
    return runs;
}

} // namespace Replicall
