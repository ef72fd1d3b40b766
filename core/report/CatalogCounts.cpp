// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/CatalogCounts.h"

#include "filter/Filter.h"
#include "source/CatalogReader.h"
#include "store/Sql.h"

using namespace Qt::StringLiterals;

namespace Replicall {

CatalogCounts::CatalogCounts(const Job &job, const QDate &from, const QDate &to,
                             const QDateTime &nowUtc)
    : m_job(job)
    , m_from(from)
    , m_to(to)
    , m_now(nowUtc) {}

bool CatalogCounts::read(QString *error) {
    m_matched.clear();
    m_coverage = {};
    const std::optional<qint64> sourceId = CatalogReader().sourceIdFor(m_job.sourceDir);
    if (!sourceId)
        return true; // never indexed: nothing is known to match yet
    m_coverage.sourceIndexed = true;
    return countCatalog(*sourceId, error) && countRemovedAtSource(*sourceId, error);
}

bool CatalogCounts::countCatalog(qint64 sourceId, QString *error) {
    QString why;
    const std::optional<Filter> filter = Filter::fromJson(m_job.filter, &why);
    if (!filter)
        return Sql::fail(error, u"job '%1': the filter is not valid: %2"_s.arg(m_job.name, why));

    // The ledger test is a subquery rather than a join: the filter's SQL
    // names catalog columns without a table, and `tenant` and `day` exist
    // in the ledger too.
    QString sql = u"SELECT day, COUNT(*), SUM(EXISTS(SELECT 1 FROM ledger WHERE ledger.job_id = ? "
                  u"AND ledger.recording_id = recordings.id)) FROM recordings "
                  u"WHERE source_id = ? AND day >= ? AND day <= ?"_s;
    QVariantList values{m_job.id, sourceId, m_from.toString(Qt::ISODate),
                        m_to.toString(Qt::ISODate)};
    if (!m_job.tenants.isEmpty()) {
        QStringList marks;
        for (const QString &tenant : std::as_const(m_job.tenants)) {
            marks.append(u"?"_s);
            values.append(tenant);
        }
        sql += u" AND tenant IN ("_s + marks.join(u',') + u')';
    }
    if (!filter->isEmpty()) {
        const SqlFragment fragment = filter->toSql(m_now);
        sql += u" AND ("_s + fragment.where + u')';
        values.append(fragment.values);
    }
    sql += u" GROUP BY day"_s;

    std::optional<QSqlQuery> rows =
        Sql::run(sql, values,
                 u"job '%1': cannot count its recordings in the catalog"_s.arg(m_job.name), error);
    if (!rows)
        return false;
    while (rows->next()) {
        const qint64 matched = rows->value(1).toLongLong();
        m_matched.insert(QDate::fromString(rows->value(0).toString(), Qt::ISODate), matched);
        m_coverage.matching += matched;
        m_coverage.verified += rows->value(2).toLongLong();
    }
    return true;
}

bool CatalogCounts::countRemovedAtSource(qint64 sourceId, QString *error) {
    std::optional<QSqlQuery> rows = Sql::run(
        u"SELECT COUNT(*) FROM ledger WHERE job_id = ? AND day >= ? AND day <= ? AND NOT EXISTS("
        u"SELECT 1 FROM recordings WHERE recordings.source_id = ? "
        u"AND recordings.id = ledger.recording_id)"_s,
        {m_job.id, m_from.toString(Qt::ISODate), m_to.toString(Qt::ISODate), sourceId},
        u"job '%1': cannot read its ledger"_s.arg(m_job.name), error);
    if (!rows || !rows->next())
        return rows ? Sql::fail(error, u"job '%1': cannot read its ledger"_s.arg(m_job.name))
                    : false;
    m_coverage.removedAtSource = rows->value(0).toLongLong();
    m_coverage.matching += m_coverage.removedAtSource;
    m_coverage.verified += m_coverage.removedAtSource;
    return true;
}

} // namespace Replicall
