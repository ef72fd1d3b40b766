// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/FilterTree.h"

#include <QDateTime>
#include <QString>

namespace Replicall::FilterTime {

// Filters compare start times to the whole second. A start with milliseconds
// counts as the second it falls in, as it does in the catalog's text.
qint64 secondsOf(const QDateTime &utc);

// The catalog's start_utc text for a second: "2026-11-20T08:15:00Z".
QString catalogText(qint64 seconds);

// Reads a time value of a filter: a day "2026-11-20" covers the whole UTC day;
// a moment "2026-11-20T08:15:00Z" (or with an offset) covers its second.
// `first`/`last` are the first and last second covered. Years 1970..9999.
bool parseTimeValue(const QString &text, qint64 *first, qint64 *last);

// The range of seconds (start) or of integers (duration, audio size) a
// condition accepts; relative times are resolved against `nowUtc`.
FilterRange effectiveRange(const FilterCondition &condition, const QDateTime &nowUtc);

constexpr qint64 SecondsPerDay = 24 * 60 * 60;

} // namespace Replicall::FilterTime
