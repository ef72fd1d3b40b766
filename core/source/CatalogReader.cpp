// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/CatalogReader.h"

#include "store/Database.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

QStringList stringList(const QString &jsonArrayText) {
    QStringList values;
    const QJsonArray array = QJsonDocument::fromJson(jsonArrayText.toUtf8()).array();
    for (const QJsonValue &value : array)
        values.append(value.toString());
    return values;
}

// "" or " AND tenant IN (?,?)" with the tenants appended to values.
QString tenantClause(const QStringList &tenants, QVariantList *values) {
    if (tenants.isEmpty())
        return {};
    QStringList marks;
    for (const QString &tenant : tenants) {
        marks.append(u"?"_s);
        values->append(tenant);
    }
    return u" AND tenant IN ("_s + marks.join(u',') + u')';
}

} // namespace

CatalogReader::CatalogReader()
    : CatalogReader(Database::connection()) {}

CatalogReader::CatalogReader(QSqlDatabase db)
    : m_db(std::move(db)) {}

QString CatalogReader::columns() {
    return u"id, tenant, start_utc, duration_ms, direction, caller_number, caller_name, "
           "callee_number, callee_name, users, groups, categories, sidecar_path, audio_path, "
           "audio_size, audio_mtime_ns, metadata_sha256, metadata"_s;
}

Recording CatalogReader::fromQuery(const QSqlQuery &query) {
    Recording r;
    r.id = query.value(0).toString();
    r.tenant = query.value(1).toString();
    r.start = Database::timeFromText(query.value(2).toString());
    r.durationMs = query.value(3).toLongLong();
    r.direction = query.value(4).toString();
    r.callerNumber = query.value(5).toString();
    r.callerName = query.value(6).toString();
    r.calleeNumber = query.value(7).toString();
    r.calleeName = query.value(8).toString();
    r.users = stringList(query.value(9).toString());
    r.groups = stringList(query.value(10).toString());
    r.categories = stringList(query.value(11).toString());
    r.sidecarPath = query.value(12).toString();
    r.audioPath = query.value(13).toString();
    r.audioSize = query.value(14).toLongLong();
    r.audioMtimeNs = query.value(15).toLongLong();
    r.audioMtimeMs = r.audioMtimeNs / 1'000'000;
    r.metadataSha256 = query.value(16).toString().toLatin1();
    r.metadata = QJsonDocument::fromJson(query.value(17).toString().toUtf8()).object();
    return r;
}

bool CatalogReader::run(QSqlQuery &query, const QString &sql, const QVariantList &values) const {
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        m_error = u"catalog query failed: "_s + query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = u"catalog query failed: "_s + query.lastError().text();
        return false;
    }
    m_error.clear();
    return true;
}

std::optional<qint64> CatalogReader::sourceIdFor(const QString &archiveDir) const {
    QSqlQuery query(m_db);
    const QString path = QDir::cleanPath(QFileInfo(archiveDir).absoluteFilePath());
    if (run(query, u"SELECT id FROM sources WHERE path = ?"_s, {path}) && query.next())
        return query.value(0).toLongLong();
    return std::nullopt;
}

QDateTime CatalogReader::scannedAt(qint64 sourceId) const {
    QSqlQuery query(m_db);
    if (run(query, u"SELECT scanned_at FROM sources WHERE id = ?"_s, {sourceId}) && query.next())
        return Database::timeFromText(query.value(0).toString());
    return {};
}

QList<Recording> CatalogReader::recordings(qint64 sourceId, const QStringList &tenants) const {
    QVariantList values{sourceId};
    const QString sql = u"SELECT "_s + columns() + u" FROM recordings WHERE source_id = ?"_s +
                        tenantClause(tenants, &values) + u" ORDER BY start_utc, id"_s;
    QList<Recording> result;
    QSqlQuery query(m_db);
    if (run(query, sql, values)) {
        while (query.next())
            result.append(fromQuery(query));
    }
    return result;
}

std::optional<Recording> CatalogReader::recording(qint64 sourceId, const QString &id) const {
    QSqlQuery query(m_db);
    const QString sql =
        u"SELECT "_s + columns() + u" FROM recordings WHERE source_id = ? AND id = ?"_s;
    if (run(query, sql, {sourceId, id}) && query.next())
        return fromQuery(query);
    return std::nullopt;
}

qint64 CatalogReader::count(qint64 sourceId, const QStringList &tenants) const {
    QVariantList values{sourceId};
    const QString sql =
        u"SELECT count(*) FROM recordings WHERE source_id = ?"_s + tenantClause(tenants, &values);
    QSqlQuery query(m_db);
    if (run(query, sql, values) && query.next())
        return query.value(0).toLongLong();
    return 0;
}

QStringList CatalogReader::tenants(qint64 sourceId) const {
    QStringList result;
    QSqlQuery query(m_db);
    if (run(query, u"SELECT DISTINCT tenant FROM recordings WHERE source_id = ? ORDER BY 1"_s,
            {sourceId})) {
        while (query.next())
            result.append(query.value(0).toString());
    }
    return result;
}

QStringList CatalogReader::distinctFromArrays(qint64 sourceId, const QString &column) const {
    // column is one of our own constants, never user input.
    QStringList result;
    QSqlQuery query(m_db);
    const QString sql = u"SELECT DISTINCT j.value FROM recordings, json_each(recordings."_s +
                        column + u") AS j WHERE recordings.source_id = ? ORDER BY 1"_s;
    if (run(query, sql, {sourceId})) {
        while (query.next())
            result.append(query.value(0).toString());
    }
    return result;
}

QStringList CatalogReader::categories(qint64 sourceId) const {
    return distinctFromArrays(sourceId, u"categories"_s);
}

QStringList CatalogReader::users(qint64 sourceId) const {
    return distinctFromArrays(sourceId, u"users"_s);
}

QStringList CatalogReader::groups(qint64 sourceId) const {
    return distinctFromArrays(sourceId, u"groups"_s);
}

QList<SourceProblem> CatalogReader::problems(qint64 sourceId) const {
    QList<SourceProblem> result;
    QSqlQuery query(m_db);
    if (run(query,
            u"SELECT sidecar_path, problem, seen_at FROM source_problems WHERE source_id = ? "
            "ORDER BY sidecar_path"_s,
            {sourceId})) {
        while (query.next()) {
            result.append({query.value(0).toString(), query.value(1).toString(),
                           Database::timeFromText(query.value(2).toString())});
        }
    }
    return result;
}

} // namespace Replicall
