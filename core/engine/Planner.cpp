// SPDX-License-Identifier: GPL-3.0-or-later
#include "Planner.h"

#include "filter/Filter.h"
#include "source/CatalogReader.h"
#include "store/Sql.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

QString placeholders(qsizetype count) {
    QStringList marks;
    marks.fill(u"?"_s, count);
    return marks.join(u',');
}

} // namespace

Planner::Planner(const Job &job, qint64 sourceId)
    : m_job(job)
    , m_sourceId(sourceId) {}

bool Planner::plan(const QDateTime &nowUtc, QList<PlanEntry> *entries, QString *error) const {
    entries->clear();
    // A job that replicates the users configuration alone sends no recordings.
    if (!m_job.data.testFlag(DataKind::Audio) && !m_job.data.testFlag(DataKind::Metadata))
        return true;
    const std::optional<Filter> filter = Filter::fromJson(m_job.filter, error);
    if (!filter) {
        *error = u"the job's filter is not valid: %1"_s.arg(*error);
        return false;
    }
    QVariantList values{m_sourceId};
    QStringList where{u"recordings.source_id = ?"_s};
    if (!m_job.tenants.isEmpty()) {
        where.append(u"recordings.tenant IN (%1)"_s.arg(placeholders(m_job.tenants.size())));
        for (const QString &tenant : m_job.tenants)
            values.append(tenant);
    }
    if (!filter->isEmpty()) {
        const SqlFragment fragment = filter->toSql(nowUtc);
        where.append(u"("_s + fragment.where + u")"_s);
        values.append(fragment.values);
    }
    if (m_job.mode == ReplicationMode::Incremental) {
        // What the ledger holds unchanged is left out: same metadata, and the
        // same audio file (size and modification time) when audio is sent.
        // A subquery rather than a join, so that the filter's column names
        // stay unambiguous.
        QStringList unchanged{u"ledger.job_id = ?"_s, u"ledger.recording_id = recordings.id"_s};
        if (m_job.data.testFlag(DataKind::Audio)) {
            unchanged << u"ledger.audio_size = recordings.audio_size"_s
                      << u"ledger.audio_mtime_ns = recordings.audio_mtime_ns"_s;
        }
        if (m_job.data.testFlag(DataKind::Metadata))
            unchanged << u"ledger.metadata_sha256 = recordings.metadata_sha256"_s;
        where.append(u"NOT EXISTS (SELECT 1 FROM ledger WHERE "_s + unchanged.join(u" AND "_s) +
                     u")"_s);
        values.append(m_job.id);
    }
    const QString sql = u"SELECT recordings.id, recordings.audio_size FROM recordings WHERE "_s +
                        where.join(u" AND "_s) + u" ORDER BY recordings.start_utc, recordings.id"_s;

    std::optional<QSqlQuery> query = Sql::run(sql, values, u"cannot read the catalog"_s, error);
    if (!query)
        return false;
    entries->clear();
    while (query->next())
        entries->append({query->value(0).toString(), query->value(1).toLongLong()});
    return true;
}

bool Planner::load(const QStringList &ids, QList<Recording> *out, QString *error) const {
    out->clear();
    if (ids.isEmpty())
        return true;
    QVariantList values{m_sourceId};
    for (const QString &id : ids)
        values.append(id);
    const QString sql = u"SELECT %1 FROM recordings WHERE source_id = ? AND id IN (%2)"_s.arg(
        CatalogReader::columns(), placeholders(ids.size()));
    std::optional<QSqlQuery> query = Sql::run(sql, values, u"cannot read the catalog"_s, error);
    if (!query)
        return false;
    QHash<QString, Recording> byId;
    while (query->next()) {
        Recording recording = CatalogReader::fromQuery(*query);
        byId.insert(recording.id, recording);
    }
    // A recording may have left the catalog since the plan was made (removed
    // at the source); it is simply not sent.
    for (const QString &id : ids) {
        if (const auto it = byId.constFind(id); it != byId.cend())
            out->append(*it);
    }
    return true;
}

bool Planner::replicatedButPresent(QList<Recording> *out, QString *error) const {
    out->clear();
    const QString sql =
        u"SELECT %1 FROM recordings WHERE source_id = ? AND EXISTS (SELECT 1 FROM ledger "
        u"WHERE ledger.job_id = ? AND ledger.recording_id = recordings.id "
        u"AND ledger.audio_size = recordings.audio_size "
        u"AND ledger.audio_mtime_ns = recordings.audio_mtime_ns "
        u"AND ledger.metadata_sha256 = recordings.metadata_sha256)"_s.arg(CatalogReader::columns());
    std::optional<QSqlQuery> query =
        Sql::run(sql, {m_sourceId, m_job.id}, u"cannot read the catalog"_s, error);
    if (!query)
        return false;
    while (query->next())
        out->append(CatalogReader::fromQuery(*query));
    return true;
}

} // namespace Replicall
