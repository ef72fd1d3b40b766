// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/LocalTime.h"

#include <algorithm>

namespace Replicall {

QDateTime resolveLocalTime(const QDate &date, const QTime &time, const QTimeZone &zone) {
    // The wall-clock reading written as if it were UTC; subtracting a zone
    // offset from it gives a candidate instant.
    const QDateTime wall(date, time, Qt::UTC);
    // Transitions are never closer than a day apart, so the offsets a day
    // before and a day after are the only ones this wall time can have.
    const int offsetBefore = zone.offsetFromUtc(wall.addDays(-1));
    const int offsetAfter = zone.offsetFromUtc(wall.addDays(1));

    QDateTime best;
    for (int offset : {offsetBefore, offsetAfter}) {
        const QDateTime candidate = wall.addSecs(-offset);
        if (zone.offsetFromUtc(candidate) != offset)
            continue; // this offset is not in force at that instant
        if (!best.isValid() || candidate < best)
            best = candidate;
    }
    if (best.isValid())
        return best;

    // In the gap: the first instant after it is the transition itself.
    const QDateTime beforeGap = wall.addSecs(-std::max(offsetBefore, offsetAfter));
    if (zone.hasTransitions()) {
        const QTimeZone::OffsetData transition = zone.nextTransition(beforeGap);
        if (transition.atUtc.isValid())
            return transition.atUtc.toUTC();
    }
    return wall.addSecs(-offsetBefore);
}

} // namespace Replicall
