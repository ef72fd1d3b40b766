// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/Clock.h"

namespace Replicall {

QDateTime SystemClock::nowUtc() const {
    return QDateTime::currentDateTimeUtc();
}

QTimeZone SystemClock::zone() const {
    return QTimeZone::systemTimeZone();
}

ManualClock::ManualClock(const QDateTime &nowUtc, const QTimeZone &zone)
    : m_now(nowUtc.isValid() ? nowUtc.toUTC() : QDateTime::currentDateTimeUtc())
    , m_zone(zone) {}

} // namespace Replicall
