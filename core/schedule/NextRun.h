// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

namespace Replicall {

// When jobs run, as pure functions of the schedule, the window, the last start
// and the current time, so tests can cover any date without waiting.
//
// Rules (docs/schedules.md, "When a job runs"):
//  - daily/weekly slots are wall-clock times in `zone`, resolved with
//    resolveLocalTime(): a time skipped by spring-forward runs at the end of the
//    gap (02:30 -> 03:00), a time that occurs twice runs at its first occurrence;
//  - "every N" counts elapsed UTC time from the last start, and starts at once
//    when the job never ran;
//  - if one or more slots passed since the last start (machine off, asleep, or
//    the window was closed), the job is due once, now - not once per slot;
//  - a time outside the run window moves to the window's next opening;
//  - continuous jobs are due whenever they are not running, but restart at most
//    once per ContinuousRestartSeconds so a failing run cannot spin;
//  - manual jobs, and jobs whose window never opens, have no next run.

constexpr int ContinuousRestartSeconds = 60;

// The first daily/weekly slot strictly after afterUtc; invalid for other kinds.
QDateTime nextSlotAfter(const Schedule &schedule, const QDateTime &afterUtc, const QTimeZone &zone);

// The instant (UTC) the job should start next. A result <= nowUtc means "due
// now". lastRunStartUtc may be invalid (never ran). Invalid when none.
QDateTime nextRun(const Schedule &schedule, const RunWindow &window,
                  const QDateTime &lastRunStartUtc, const QDateTime &nowUtc, const QTimeZone &zone);

bool isDue(const Schedule &schedule, const RunWindow &window, const QDateTime &lastRunStartUtc,
           const QDateTime &nowUtc, const QTimeZone &zone);

// The next n start times (UTC), assuming each run starts when due; for "show
// the next runs". Continuous jobs list only their next start.
QList<QDateTime> upcoming(const Schedule &schedule, const RunWindow &window,
                          const QDateTime &lastRunStartUtc, const QDateTime &nowUtc,
                          const QTimeZone &zone, int n);

} // namespace Replicall
