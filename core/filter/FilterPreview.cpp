// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/FilterPreview.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Replicall::FilterPreview {

namespace {

// The scope and the filter as one WHERE clause with its values.
SqlFragment selection(qint64 sourceId, const QStringList &tenants, const Filter &filter,
                      const QDateTime &nowUtc) {
    SqlFragment where;
    where.where = u"recordings.source_id = ?"_s;
    where.values << sourceId;
    if (!tenants.isEmpty()) {
        QStringList marks;
        for (const QString &tenant : tenants) {
            marks << u"?"_s;
            where.values << tenant;
        }
        where.where += u" AND recordings.tenant IN ("_s + marks.join(u", "_s) + u')';
    }
    const SqlFragment filterSql = filter.toSql(nowUtc);
    where.where += u" AND ("_s + filterSql.where + u')';
    where.values += filterSql.values;
    return where;
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values, QString *error) {
    if (!query.prepare(sql)) {
        *error = u"Cannot prepare the filter preview: "_s + query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = u"Cannot run the filter preview: "_s + query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

FilterPreviewResult count(QSqlDatabase db, qint64 sourceId, const QStringList &tenants,
                          const Filter &filter, const QDateTime &nowUtc, int sampleSize) {
    FilterPreviewResult result;
    if (!db.isOpen()) {
        result.error = u"Cannot run the filter preview: the catalog database is not open"_s;
        return result;
    }
    const SqlFragment where = selection(sourceId, tenants, filter, nowUtc);
    QSqlQuery query(db);
    if (!run(query,
             u"SELECT count(*), coalesce(sum(audio_size), 0) FROM recordings WHERE "_s +
                 where.where,
             where.values, &result.error)) {
        return result;
    }
    if (query.next()) {
        result.count = query.value(0).toLongLong();
        result.bytes = query.value(1).toLongLong();
    }
    if (sampleSize <= 0 || result.count == 0)
        return result;

    QVariantList values = where.values;
    values << sampleSize;
    if (!run(query,
             u"SELECT id, start_utc, tenant FROM recordings WHERE "_s + where.where +
                 u" ORDER BY start_utc DESC, id LIMIT ?"_s,
             values, &result.error)) {
        return result;
    }
    while (query.next()) {
        FilterPreviewSample sample;
        sample.id = query.value(0).toString();
        sample.start = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        sample.tenant = query.value(2).toString();
        result.sample << sample;
    }
    return result;
}

} // namespace Replicall::FilterPreview
