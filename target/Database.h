// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutexLocker>
#include <QRecursiveMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <optional>

namespace Replicall::Target {

// The target's SQLite database, <data-dir>/target.sqlite, in WAL mode.
// open() runs once per process and brings the schema up to date; every thread then
// gets its own connection from connection() (SQLite connections must not be shared).
class Database {
public:
    static constexpr int SchemaVersion = 1;

    static bool open(const QString &dataDir, QString *error);
    static QString filePath();
    static QSqlDatabase connection();

    // Runs a prepared query; on failure names the statement's purpose and SQLite's reason.
    static bool exec(QSqlQuery &query, const QString &what, QString *error);
};

// A statement of this thread's connection that is parsed once per thread and kept:
// parsing the SQL anew was a tenth of an upload request's time. For the request
// path only (the server's threads). Reset when the guard goes, so that no kept
// statement holds a read snapshot between requests.
class CachedQuery {
public:
    explicit CachedQuery(const QString &sql);
    ~CachedQuery();
    CachedQuery(const CachedQuery &) = delete;
    CachedQuery &operator=(const CachedQuery &) = delete;

    QSqlQuery &operator*() { return *m_query; }
    QSqlQuery *operator->() { return m_query; }

private:
    QSqlQuery *m_query;
    std::optional<QSqlQuery> m_failed;
};

// Held by every write of this process. SQLite lets one writer in at a time and
// makes the others sleep and retry (busy_timeout, sleeps of 1 to 25 ms): with a
// sender's 8 parallel uploads those sleeps were most of a small upload's time.
// The server's own threads queue here instead and go on as soon as the writer
// before them is done; other processes (`token create`) still meet the busy
// timeout. Recursive, so a write inside a Transaction may take it again.
class WriteLock {
public:
    WriteLock();

private:
    QMutexLocker<QRecursiveMutex> m_locker;
};

// For writes that may be lost in a power cut without harm: the tus upload rows.
// An upload row or offset that did not reach the disk makes the sender HEAD and
// resend (a missing upload is "not-found: restart it"), so these skip the WAL
// fsync that synchronous=FULL costs per statement. Every later FULL commit on
// the file (a recording, a token) flushes them anyway. Restores FULL when done.
class RelaxedSync {
public:
    explicit RelaxedSync(const QSqlDatabase &db);
    ~RelaxedSync();
    RelaxedSync(const RelaxedSync &) = delete;
    RelaxedSync &operator=(const RelaxedSync &) = delete;

private:
    WriteLock m_lock; // declared first: taken before the pragma, released after
    QSqlDatabase m_db;
};

// Rolls back unless commit() was called, so an early return never leaves a transaction open.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit(QString *error);

private:
    WriteLock m_lock; // declared first: released only after the rollback
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace Replicall::Target
