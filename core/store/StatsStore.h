// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace Replicall {

// The counters of one day (the calls' start day, UTC) of one job.
struct DayStats {
    QString day; // YYYY-MM-DD; empty for totals
    qint64 replicated = 0;
    qint64 skipped = 0;
    qint64 failed = 0; // failed attempts, a retried recording counts each time
    qint64 bytes = 0;
};

// Per-day statistics (table `day_stats`), written by LedgerStore in the
// same transaction as the ledger.
class StatsStore {
public:
    // Days with any activity between from and to (inclusive), oldest first.
    // An invalid QDate leaves that end open.
    static std::optional<QList<DayStats>> days(qint64 jobId, const QDate &from, const QDate &to,
                                               QString *error = nullptr);
    // The sum over the same range.
    static std::optional<DayStats> totals(qint64 jobId, const QDate &from, const QDate &to,
                                          QString *error = nullptr);
};

} // namespace Replicall
