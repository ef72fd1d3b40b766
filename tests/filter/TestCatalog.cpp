// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// The catalog table as the store's migration creates it.
const QString RecordingsDdl = uR"(CREATE TABLE recordings(
    source_id INTEGER NOT NULL, id TEXT NOT NULL, tenant TEXT NOT NULL,
    start_utc TEXT NOT NULL, day TEXT NOT NULL, duration_ms INTEGER NOT NULL,
    direction TEXT NOT NULL,
    caller_number TEXT NOT NULL DEFAULT '', caller_name TEXT NOT NULL DEFAULT '',
    callee_number TEXT NOT NULL DEFAULT '', callee_name TEXT NOT NULL DEFAULT '',
    users TEXT NOT NULL DEFAULT '[]', groups TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    sidecar_path TEXT NOT NULL, sidecar_mtime_ns INTEGER NOT NULL, sidecar_size INTEGER NOT NULL,
    audio_path TEXT NOT NULL DEFAULT '', audio_size INTEGER NOT NULL DEFAULT 0,
    audio_mtime_ns INTEGER NOT NULL DEFAULT 0,
    metadata_sha256 TEXT NOT NULL, metadata TEXT NOT NULL,
    PRIMARY KEY(source_id, id)))"_s;

QString jsonList(const QStringList &items) {
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

} // namespace

TestCatalog::TestCatalog(const QString &path)
    : m_connection(u"filter-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)) {
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return;
    }
    QSqlQuery query(db);
    if (!query.exec(RecordingsDdl)) {
        m_error = query.lastError().text();
        return;
    }
    m_ok = true;
}

TestCatalog::~TestCatalog() {
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase TestCatalog::database() const {
    return QSqlDatabase::database(m_connection, false);
}

bool TestCatalog::beginBatch() {
    return database().transaction();
}

bool TestCatalog::commitBatch() {
    return database().commit();
}

bool TestCatalog::insert(qint64 sourceId, const Recording &r) {
    const QDateTime start = r.start.toUTC();
    const QString startText = start.toString(start.time().msec() ? u"yyyy-MM-ddTHH:mm:ss.zzz'Z'"_s
                                                                 : u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
    QSqlQuery query(database());
    query.prepare(
        u"INSERT INTO recordings(source_id, id, tenant, start_utc, day, duration_ms, "
        u"direction, caller_number, caller_name, callee_number, callee_name, users, "
        u"groups, categories, sidecar_path, sidecar_mtime_ns, sidecar_size, audio_path, "
        u"audio_size, audio_mtime_ns, metadata_sha256, metadata) "
        u"VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, 0, '', '{}')"_s);
    const QVariantList values = {sourceId,
                                 r.id,
                                 r.tenant,
                                 startText,
                                 r.day(),
                                 r.durationMs,
                                 r.direction,
                                 r.callerNumber,
                                 r.callerName,
                                 r.calleeNumber,
                                 r.calleeName,
                                 jsonList(r.users),
                                 jsonList(r.groups),
                                 jsonList(r.categories),
                                 r.sidecarPath,
                                 r.audioPath,
                                 r.audioSize};
    for (const QVariant &value : values) {
        // The columns are NOT NULL; a null QString would bind as NULL.
        const bool nullText =
            value.metaType().id() == QMetaType::QString && value.toString().isNull();
        query.addBindValue(nullText ? QVariant(u""_s) : value);
    }
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

QStringList TestCatalog::select(const Filter &filter, const QDateTime &nowUtc, bool *ok,
                                QString *error) const {
    const SqlFragment fragment = filter.toSql(nowUtc);
    QSqlQuery query(database());
    *ok = query.prepare(u"SELECT id FROM recordings WHERE "_s + fragment.where);
    for (const QVariant &value : fragment.values)
        query.addBindValue(value);
    *ok = *ok && query.exec();
    if (!*ok && error)
        *error = query.lastError().text() + u" in: "_s + fragment.where;
    QStringList ids;
    while (*ok && query.next())
        ids << query.value(0).toString();
    ids.sort(); // in C++, so both sides of a comparison sort alike
    return ids;
}

} // namespace Replicall
