// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "store/FailureStore.h"
#include "store/RunStore.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Replicall {

// The numbers of one call day (UTC) of one job.
struct ReportDay {
    QDate day;
    qint64 matched = 0;    // catalog recordings of the day in the job's scope and filter
    qint64 replicated = 0; // uploaded and verified (day_stats)
    qint64 skipped = 0;    // the target already held them (day_stats)
    qint64 failed = 0;     // failed attempts (day_stats)
    qint64 bytes = 0;      // bytes sent (day_stats)
};

// How much of what the job should copy is verified at the target, over the
// report's range. Recordings that left the source after a verified
// replication (remove after replication) are no longer in the catalog; they
// count as matching and verified (`removedAtSource`).
struct Coverage {
    qint64 matching = 0; // in the catalog, in scope and filter, plus removedAtSource
    qint64 verified = 0; // of those, in the job's ledger
    qint64 removedAtSource = 0;
    bool sourceIndexed = false; // false: the catalog has no entry for the job's source yet

    // 0..1; 1 when nothing matches (nothing is missing).
    double share() const { return matching > 0 ? double(verified) / double(matching) : 1.0; }
};

// Everything a report shows about one job.
struct JobReport {
    Job job;
    QList<ReportDay> days; // every day of the range, oldest first
    ReportDay totals;      // sums over `days` (day invalid)
    Coverage coverage;
    QList<RunRecord> runs;         // runs started in the range, newest first, at most MaxRuns
    qint64 runsInRange = 0;        // all of them, also those not listed
    QList<FailureRecord> failures; // recordings of the range that failed last, newest first
    QString filterText;            // the filter in words, or a note that it is not valid
};

// A report: pure data, built once and handed to any writer.
struct ReportData {
    QDate from;
    QDate to;
    QDateTime generatedAt; // UTC
    bool allJobs = false;  // the request named no job
    QList<JobReport> jobs; // ordered by name

    static constexpr int MaxRuns = 500;
};

} // namespace Replicall
