// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace Replicall {

// The sender's state database: one SQLite file shared by every thread of
// every Replicall process on the workstation (desktop app and background
// service). SQLite connections must not cross threads, so each thread gets
// its own connection on demand; it is closed when the thread ends.
//
// WAL lets readers run beside the one writer; writers queue on the busy
// timeout instead of failing. The schema is described in docs/state-database.md.
class Database {
public:
    // Creates or upgrades the file at path (WAL, migrations) and makes it the
    // database that connection() serves. Call once at start-up, before threads
    // use the stores; calling it again with another path switches databases.
    static bool open(const QString &path, QString *error = nullptr);

    // This thread's connection to the opened database, created on demand with
    // foreign_keys=ON, synchronous=NORMAL, busy_timeout=10000. Invalid (not
    // open) when open() has not succeeded yet.
    static QSqlDatabase connection();

    // Closes this thread's connection now instead of at thread end.
    static void closeConnection();

    // The absolute path given to the last successful open(), or empty.
    static QString path();

    // The schema version of the opened file, or -1 with *error set.
    static int schemaVersion(QString *error = nullptr);
    static int latestSchemaVersion();

    // Every time in the database is UTC ISO-8601 with seconds and a 'Z'
    // ("2026-11-20T08:15:00Z"), so text order is time order.
    static QString timeText(const QDateTime &time);
    static QDateTime timeFromText(const QString &text);
};

} // namespace Replicall
