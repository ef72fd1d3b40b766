// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/CatalogWriter.h"

#include "store/Database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

QString jsonArrayText(const QStringList &values) {
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QString jsonObjectText(const QJsonObject &object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The archive's own folder is the empty relative path, which must not be
// bound as NULL.
QString nonNull(const QString &text) {
    return text.isNull() ? u""_s : text;
}

QString nowText() {
    return Database::timeText(QDateTime::currentDateTimeUtc());
}

} // namespace

QString pathRangeStart(const QString &absoluteDir) {
    return absoluteDir + u'/';
}

// '0' is the character after '/', so [dir/, dir0) holds exactly the paths below dir.
QString pathRangeEnd(const QString &absoluteDir) {
    return absoluteDir + u'0';
}

CatalogWriter::CatalogWriter(QSqlDatabase db, int batchSize)
    : m_db(std::move(db))
    , m_batchSize(qMax(1, batchSize)) {}

CatalogWriter::~CatalogWriter() {
    // An unfinished batch is rolled back: the caller failed and reported it,
    // and a half-written folder is re-read on the next scan anyway.
    if (m_inTransaction)
        control(u"ROLLBACK"_s, u"cannot roll back the catalog"_s);
}

// BEGIN IMMEDIATE, not QSqlDatabase::transaction()'s deferred BEGIN: a batch
// reads the catalog before it writes, and a deferred transaction whose read
// snapshot another connection (a second job indexing the same archive)
// committed over cannot upgrade to a write; SQLite then answers "database is
// locked" at once instead of waiting out the busy timeout. Taking the write
// lock first makes the second indexer wait for the first one's batch.
bool CatalogWriter::begin() {
    if (!control(u"BEGIN IMMEDIATE"_s, u"cannot start a catalog transaction"_s))
        return false;
    m_inTransaction = true;
    m_pending = 0;
    return true;
}

bool CatalogWriter::commit() {
    if (!m_inTransaction)
        return true;
    m_inTransaction = false;
    if (!control(u"COMMIT"_s, u"cannot commit the catalog"_s)) {
        const QString error = m_error;
        control(u"ROLLBACK"_s, u"cannot roll back the catalog"_s);
        m_error = error; // the commit's failure is the one to report
        return false;
    }
    return true;
}

bool CatalogWriter::control(const QString &statement, const QString &context) {
    QSqlQuery query(m_db);
    if (query.exec(statement))
        return true;
    m_error = context + u": "_s + query.lastError().text();
    return false;
}

bool CatalogWriter::wrote() {
    if (!m_inTransaction || ++m_pending < m_batchSize)
        return true;
    return commit() && begin();
}

bool CatalogWriter::exec(const QString &sql, const QVariantList &values, int *rowsAffected) {
    // Each statement is parsed once per writer: an index run writes thousands of rows.
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery prepared(m_db);
        if (!prepared.prepare(sql)) {
            m_error = u"catalog query failed: "_s + prepared.lastError().text();
            return false;
        }
        it = m_statements.emplace(sql, std::move(prepared)).first;
    }
    QSqlQuery &query = it->second;
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec()) {
        m_error = u"catalog update failed: "_s + query.lastError().text();
        return false;
    }
    if (rowsAffected)
        *rowsAffected = query.numRowsAffected();
    return wrote();
}

bool CatalogWriter::registerSource(const QString &path, qint64 *sourceId) {
    if (!exec(u"INSERT OR IGNORE INTO sources(path) VALUES(?)"_s, {path}))
        return false;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT id FROM sources WHERE path = ?"_s);
    query.addBindValue(path);
    if (!query.exec() || !query.next()) {
        m_error = u"cannot register the source %1: %2"_s.arg(path, query.lastError().text());
        return false;
    }
    *sourceId = query.value(0).toLongLong();
    return true;
}

bool CatalogWriter::markScanned(qint64 sourceId) {
    return exec(u"UPDATE sources SET scanned_at = ? WHERE id = ?"_s, {nowText(), sourceId});
}

bool CatalogWriter::upsert(qint64 sourceId, const Recording &r, const FileStat &sidecar,
                           const FileStat &audio) {
    // start_utc keeps whole seconds in the database's one time format so
    // that string comparisons in filters order correctly.
    const QDateTime start = r.start.toUTC();
    return exec(u"INSERT OR REPLACE INTO recordings(source_id, id, tenant, start_utc, day, "
                "duration_ms, direction, caller_number, caller_name, callee_number, callee_name, "
                "users, groups, categories, sidecar_path, sidecar_mtime_ns, sidecar_size, "
                "audio_path, audio_size, audio_mtime_ns, metadata_sha256, metadata) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s,
                {sourceId,
                 r.id,
                 r.tenant,
                 Database::timeText(start),
                 start.date().toString(Qt::ISODate),
                 r.durationMs,
                 r.direction,
                 r.callerNumber,
                 r.callerName,
                 r.calleeNumber,
                 r.calleeName,
                 jsonArrayText(r.users),
                 jsonArrayText(r.groups),
                 jsonArrayText(r.categories),
                 r.sidecarPath,
                 sidecar.mtimeNs,
                 sidecar.size,
                 r.audioPath,
                 r.audioPath.isEmpty() ? 0 : audio.size,
                 r.audioPath.isEmpty() ? 0 : audio.mtimeNs,
                 QString::fromLatin1(r.metadataSha256),
                 jsonObjectText(r.metadata)});
}

bool CatalogWriter::updateAudio(qint64 sourceId, const QString &id, const FileStat &audio) {
    return exec(u"UPDATE recordings SET audio_size = ?, audio_mtime_ns = ? "
                "WHERE source_id = ? AND id = ?"_s,
                {audio.size, audio.mtimeNs, sourceId, id});
}

bool CatalogWriter::updateSidecar(const Recording &r, const FileStat &before, const FileStat &after,
                                  int *rows) {
    // "source_id IN" lets SQLite use the (source_id, sidecar_path) index.
    return exec(
        u"UPDATE recordings SET categories = ?, metadata = ?, metadata_sha256 = ?, "
        "sidecar_mtime_ns = ?, sidecar_size = ? WHERE source_id IN (SELECT id FROM sources) "
        "AND sidecar_path = ? AND id = ? AND sidecar_mtime_ns = ? AND sidecar_size = ?"_s,
        {jsonArrayText(r.categories), jsonObjectText(r.metadata),
         QString::fromLatin1(r.metadataSha256), after.mtimeNs, after.size, r.sidecarPath, r.id,
         before.mtimeNs, before.size},
        rows);
}

bool CatalogWriter::removeRecording(qint64 sourceId, const QString &id) {
    return exec(u"DELETE FROM recordings WHERE source_id = ? AND id = ?"_s, {sourceId, id});
}

bool CatalogWriter::removeRecordingsUnder(qint64 sourceId, const QString &absoluteDir,
                                          int *removed) {
    return exec(u"DELETE FROM recordings WHERE source_id = ? AND sidecar_path >= ? "
                "AND sidecar_path < ?"_s,
                {sourceId, pathRangeStart(absoluteDir), pathRangeEnd(absoluteDir)}, removed);
}

bool CatalogWriter::setProblem(qint64 sourceId, const QString &sidecarPath,
                               const QString &problem) {
    return exec(u"INSERT OR REPLACE INTO source_problems(source_id, sidecar_path, problem, "
                "seen_at) VALUES(?,?,?,?)"_s,
                {sourceId, sidecarPath, problem, nowText()});
}

bool CatalogWriter::clearProblem(qint64 sourceId, const QString &sidecarPath) {
    return exec(u"DELETE FROM source_problems WHERE source_id = ? AND sidecar_path = ?"_s,
                {sourceId, sidecarPath});
}

bool CatalogWriter::clearProblemsUnder(qint64 sourceId, const QString &absoluteDir) {
    return exec(u"DELETE FROM source_problems WHERE source_id = ? AND sidecar_path >= ? "
                "AND sidecar_path < ?"_s,
                {sourceId, pathRangeStart(absoluteDir), pathRangeEnd(absoluteDir)});
}

bool CatalogWriter::setDirMtime(qint64 sourceId, const QString &relPath, qint64 mtimeNs) {
    return exec(u"INSERT OR REPLACE INTO source_dirs(source_id, rel_path, mtime_ns) "
                "VALUES(?,?,?)"_s,
                {sourceId, nonNull(relPath), mtimeNs});
}

bool CatalogWriter::removeDirs(qint64 sourceId, const QString &relPath) {
    return exec(u"DELETE FROM source_dirs WHERE source_id = ? AND (rel_path = ? OR "
                "(rel_path >= ? AND rel_path < ?))"_s,
                {sourceId, relPath, pathRangeStart(relPath), pathRangeEnd(relPath)});
}

} // namespace Replicall
