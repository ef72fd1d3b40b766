// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <QDir>
#include <QSqlError>
#include <QStringList>
#include <QThread>
#include <unordered_map>

namespace Replicall::Target {

namespace {

QString g_filePath;

// Migration N brings the schema from version N-1 to N. Append, never edit.
const QStringList &migrations() {
    static const QStringList list = {
        QStringLiteral(R"sql(
        CREATE TABLE tokens (
            name TEXT PRIMARY KEY,
            hash BLOB NOT NULL UNIQUE,
            tenants TEXT NOT NULL,
            data TEXT NOT NULL,
            created TEXT NOT NULL,
            expires TEXT,
            revoked TEXT);
        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            token TEXT NOT NULL,
            tenant TEXT NOT NULL,
            recording TEXT,
            file_name TEXT,
            sha256 TEXT,
            length INTEGER NOT NULL,
            upload_offset INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            touched_ms INTEGER NOT NULL,
            committed_recording TEXT);
        CREATE INDEX uploads_touched ON uploads (touched_ms);
        CREATE TABLE recordings (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            start TEXT NOT NULL,
            audio_path TEXT,
            audio_size INTEGER,
            audio_sha256 TEXT,
            audio_upload TEXT,
            metadata TEXT,
            metadata_sha256 TEXT,
            committed_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX recordings_tenant ON recordings (tenant);
        CREATE TABLE directory_tenants (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE directory_groups (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant, id));
        CREATE TABLE directory_users (
            tenant TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            extension TEXT,
            groups TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant, id));
        )sql"),
    };
    return list;
}

bool execText(QSqlDatabase db, const QString &sql, QString *error) {
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = QStringLiteral("database %1: '%2' failed: %3")
                     .arg(g_filePath, sql.simplified().left(60), query.lastError().text());
        return false;
    }
    return true;
}

bool migrate(QSqlDatabase db, QString *error) {
    if (!execText(
            db,
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"),
            error))
        return false;
    QSqlQuery query(db);
    int version = 0;
    if (query.exec(QStringLiteral("SELECT version FROM schema_version")) && query.next())
        version = query.value(0).toInt();
    if (version > Database::SchemaVersion) {
        *error = QStringLiteral("database %1 has schema version %2, newer than this "
                                "replicall-target knows (%3); upgrade the program")
                     .arg(g_filePath)
                     .arg(version)
                     .arg(Database::SchemaVersion);
        return false;
    }
    for (int next = version + 1; next <= Database::SchemaVersion; ++next) {
        Transaction transaction(db);
        if (!transaction.isActive()) {
            *error = QStringLiteral("database %1: cannot begin a transaction: %2")
                         .arg(g_filePath, db.lastError().text());
            return false;
        }
        // QSqlQuery runs one statement at a time.
        const QStringList statements = migrations().at(next - 1).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty() && !execText(db, statement, error))
                return false;
        }
        if (!execText(db, QStringLiteral("DELETE FROM schema_version"), error) ||
            !execText(db, QStringLiteral("INSERT INTO schema_version VALUES (%1)").arg(next),
                      error) ||
            !transaction.commit(error))
            return false;
    }
    return true;
}

} // namespace

bool Database::open(const QString &dataDir, QString *error) {
    if (!QDir().mkpath(dataDir)) {
        *error = QStringLiteral("cannot create the data directory %1").arg(dataDir);
        return false;
    }
    g_filePath = QDir(dataDir).absoluteFilePath(QStringLiteral("target.sqlite"));
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        *error = QStringLiteral("cannot open the database %1: %2")
                     .arg(g_filePath, db.lastError().text());
        return false;
    }
    return execText(db, QStringLiteral("PRAGMA journal_mode=WAL"), error) && migrate(db, error);
}

QString Database::filePath() {
    return g_filePath;
}

QSqlDatabase Database::connection() {
    // One connection per thread, named by the thread, opened on first use.
    const QString name =
        QStringLiteral("replicall-target-%1").arg(quintptr(QThread::currentThreadId()));
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (db.isValid() && db.isOpen())
        return db;
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(g_filePath);
        // Waits instead of failing while another thread or `token create` writes.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (db.open()) {
        QSqlQuery pragma(db);
        // FULL: an acknowledged upload offset must survive a power cut, not only a crash.
        pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        pragma.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    return db;
}

bool Database::exec(QSqlQuery &query, const QString &what, QString *error) {
    if (query.exec())
        return true;
    *error = QStringLiteral("database error while %1: %2").arg(what, query.lastError().text());
    return false;
}

namespace {
QRecursiveMutex g_writeMutex;
} // namespace

CachedQuery::CachedQuery(const QString &sql) {
    thread_local std::unordered_map<QString, QSqlQuery> statements;
    auto it = statements.find(sql);
    if (it == statements.end()) {
        QSqlQuery query(Database::connection());
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            // Not kept: running it reports the error, and the next request tries again.
            m_failed.emplace(std::move(query));
            m_query = &*m_failed;
            return;
        }
        it = statements.emplace(sql, std::move(query)).first;
    }
    m_query = &it->second;
}

CachedQuery::~CachedQuery() {
    m_query->finish();
}

WriteLock::WriteLock()
    : m_locker(&g_writeMutex) {}

RelaxedSync::RelaxedSync(const QSqlDatabase &db)
    : m_db(db) {
    QSqlQuery pragma(m_db);
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
}

RelaxedSync::~RelaxedSync() {
    QSqlQuery pragma(m_db);
    pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db)) {
    // IMMEDIATE takes the write lock up front; a deferred transaction that later needs to
    // write can fail with SQLITE_BUSY instead of waiting for the busy timeout.
    QSqlQuery begin(m_db);
    m_active = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction() {
    if (m_active) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
}

bool Transaction::commit(QString *error) {
    QSqlQuery commit(m_db);
    if (!m_active || !commit.exec(QStringLiteral("COMMIT"))) {
        *error = QStringLiteral("database commit failed: %1").arg(commit.lastError().text());
        return false;
    }
    m_active = false;
    return true;
}

} // namespace Replicall::Target
