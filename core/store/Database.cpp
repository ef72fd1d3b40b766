// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"

#include "store/Schema.h"
#include "store/Sql.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadStorage>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

constexpr int busyTimeoutMs = 10000;

QMutex pathMutex;
QString currentPath; // guarded by pathMutex

void setCurrentPath(const QString &path) {
    QMutexLocker lock(&pathMutex);
    currentPath = path;
}

// The names of the connections one thread created. QThreadStorage deletes
// it when the thread ends, which closes and removes them: a finished worker
// leaves no SQLite handle (and no Qt warning) behind.
class ThreadConnections {
public:
    ThreadConnections() = default;
    ThreadConnections(const ThreadConnections &) = delete;
    ThreadConnections &operator=(const ThreadConnections &) = delete;
    ~ThreadConnections() { closeAll(); }

    void add(const QString &name) { m_names.append(name); }

    void closeAll() {
        for (const QString &name : std::as_const(m_names)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            } // the handle must be gone before the connection is removed
            QSqlDatabase::removeDatabase(name);
        }
        m_names.clear();
    }

private:
    QStringList m_names;
};

QThreadStorage<ThreadConnections *> &threadConnections() {
    static QThreadStorage<ThreadConnections *> storage;
    return storage;
}

QString connectionName(const QString &path) {
    return u"replicall:%1:%2"_s.arg(path).arg(quintptr(QThread::currentThreadId()), 0, 16);
}

bool runPragma(const QSqlDatabase &db, const QString &pragma, QString *result, QString *error) {
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA "_s + pragma))
        return Sql::fail(error, u"cannot set PRAGMA %1 on '%2': %3"_s.arg(
                                    pragma, db.databaseName(), query.lastError().text()));
    if (result)
        *result = query.next() ? query.value(0).toString() : QString();
    return true;
}

// Per-connection settings: SQLite keeps them for one connection only.
bool configure(const QSqlDatabase &db, QString *error) {
    return runPragma(db, u"foreign_keys = ON"_s, nullptr, error) &&
           runPragma(db, u"synchronous = NORMAL"_s, nullptr, error) &&
           runPragma(db, u"busy_timeout = %1"_s.arg(busyTimeoutMs), nullptr, error);
}

QSqlDatabase addConnection(const QString &name, const QString &path) {
    if (!threadConnections().hasLocalData())
        threadConnections().setLocalData(new ThreadConnections);
    threadConnections().localData()->add(name);

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    return db;
}

// Opens lazily (and again after a failure) so that a connection is never
// handed out without its pragmas.
QSqlDatabase connectionFor(const QString &path) {
    const QString name = connectionName(path);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : addConnection(name, path);
    if (!db.isOpen() && db.open()) {
        QString error;
        if (!configure(db, &error)) {
            qWarning("Replicall: %s", qUtf8Printable(error));
            db.close();
        }
    }
    return db;
}

} // namespace

bool Database::open(const QString &path, QString *error) {
    if (path.trimmed().isEmpty())
        return Sql::fail(error, u"no path given for the state database"_s);
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (!QDir().mkpath(info.absolutePath()))
        return Sql::fail(error, u"cannot create the folder '%1' for the state database"_s.arg(
                                    info.absolutePath()));

    QSqlDatabase db = connectionFor(absolute);
    if (!db.isOpen())
        return Sql::fail(error, u"cannot open the state database '%1': %2"_s.arg(
                                    absolute, db.lastError().text()));

    // WAL is a property of the file: set once here, kept by every later connection.
    QString mode;
    if (!runPragma(db, u"journal_mode = WAL"_s, &mode, error))
        return false;
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return Sql::fail(
            error, u"the state database '%1' cannot use write-ahead logging "
                   u"(journal mode is '%2'); is it on a network share?"_s.arg(absolute, mode));

    const QString previous = Database::path();
    setCurrentPath(absolute);
    QString why;
    if (!Schema::migrate(&why)) {
        setCurrentPath(previous);
        return Sql::fail(error, u"'%1': %2"_s.arg(absolute, why));
    }
    return true;
}

QSqlDatabase Database::connection() {
    const QString current = path();
    if (current.isEmpty())
        return {};
    return connectionFor(current);
}

void Database::closeConnection() {
    if (threadConnections().hasLocalData())
        threadConnections().localData()->closeAll();
}

QString Database::path() {
    QMutexLocker lock(&pathMutex);
    return currentPath;
}

int Database::schemaVersion(QString *error) {
    return Schema::currentVersion(error);
}

int Database::latestSchemaVersion() {
    return Schema::latestVersion();
}

QString Database::timeText(const QDateTime &time) {
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime Database::timeFromText(const QString &text) {
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace Replicall
