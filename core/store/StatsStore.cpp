// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/StatsStore.h"

#include "store/Sql.h"

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// Runs `select` over the job's days in the range; the counters are columns 1..4.
std::optional<QList<DayStats>> query(const QString &select, const QString &tail, qint64 jobId,
                                     const QDate &from, const QDate &to, QString *error) {
    if (from.isValid() && to.isValid() && from > to) {
        Sql::fail(error, u"the statistics range starts (%1) after it ends (%2)"_s.arg(
                             from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
        return std::nullopt;
    }
    QString sql = select + u" FROM day_stats WHERE job_id = ?"_s;
    QVariantList values{jobId};
    if (from.isValid()) {
        sql += u" AND day >= ?"_s;
        values.append(from.toString(Qt::ISODate));
    }
    if (to.isValid()) {
        sql += u" AND day <= ?"_s;
        values.append(to.toString(Qt::ISODate));
    }
    std::optional<QSqlQuery> rows =
        Sql::run(sql + tail, values, u"cannot read the statistics of job %1"_s.arg(jobId), error);
    if (!rows)
        return std::nullopt;
    QList<DayStats> result;
    while (rows->next()) {
        DayStats stats;
        stats.day = rows->value(0).toString();
        stats.replicated = rows->value(1).toLongLong();
        stats.skipped = rows->value(2).toLongLong();
        stats.failed = rows->value(3).toLongLong();
        stats.bytes = rows->value(4).toLongLong();
        result.append(stats);
    }
    return result;
}

} // namespace

std::optional<QList<DayStats>> StatsStore::days(qint64 jobId, const QDate &from, const QDate &to,
                                                QString *error) {
    return query(u"SELECT day, replicated, skipped, failed, bytes"_s, u" ORDER BY day"_s, jobId,
                 from, to, error);
}

std::optional<DayStats> StatsStore::totals(qint64 jobId, const QDate &from, const QDate &to,
                                           QString *error) {
    const std::optional<QList<DayStats>> sums =
        query(u"SELECT '', COALESCE(SUM(replicated), 0), COALESCE(SUM(skipped), 0), "
              u"COALESCE(SUM(failed), 0), COALESCE(SUM(bytes), 0)"_s,
              {}, jobId, from, to, error);
    if (!sums)
        return std::nullopt;
    return sums->value(0);
}

} // namespace Replicall
