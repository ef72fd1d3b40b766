// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"
#include "report/ReportRequest.h"

#include <optional>

namespace Replicall {

// Gathers a report's data from the state database: per-day statistics
// (StatsStore), the catalog's matching recordings, coverage, runs
// (RunStore) and failures (FailureStore).
//
// Reads through the calling thread's Database::connection(), so it may run
// on any thread once Database::open() has succeeded.
class ReportBuilder {
public:
    // std::nullopt with a message on a bad request, an unknown job or a
    // failed read.
    static std::optional<ReportData> build(const ReportRequest &request, QString *error);

    // One job's part of a report.
    static std::optional<JobReport> buildJob(const Job &job, const QDate &from, const QDate &to,
                                             const QDateTime &nowUtc, QString *error);
};

} // namespace Replicall
