// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

namespace Replicall {

// Turns a wall-clock time in a zone into one instant, with the daylight-saving
// rules schedules rely on (Qt 6.4 itself returns an invalid QDateTime for a time
// in the spring-forward gap and the *later* instant for an ambiguous one):
//  - a time that does not exist (skipped by spring-forward) resolves to the end
//    of the gap, i.e. the first valid instant after it (02:30 -> 03:00);
//  - a time that occurs twice (fall-back) resolves to its first occurrence.
// The result is in UTC.
QDateTime resolveLocalTime(const QDate &date, const QTime &time, const QTimeZone &zone);

} // namespace Replicall
