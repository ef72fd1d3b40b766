// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <optional>

namespace Replicall {

// Small helpers shared by the stores so that every failure becomes one
// message saying what was attempted and what SQLite answered.
namespace Sql {

// Sets *error (when given) and returns false, for `return Sql::fail(error, ...)`.
bool fail(QString *error, const QString &message);

// This thread's connection, or an invalid one with *error set when the
// database has not been opened.
std::optional<QSqlDatabase> connection(QString *error);

// Prepares sql on this thread's connection, binds values in order and runs
// it. On failure: std::nullopt and *error = "<context>: <SQLite's message>".
std::optional<QSqlQuery> run(const QString &sql, const QVariantList &values, const QString &context,
                             QString *error);

// The two halves of run(), for a statement run many times over: SQLite parses
// it once.
std::optional<QSqlQuery> prepare(const QString &sql, const QString &context, QString *error);
bool exec(QSqlQuery &query, const QVariantList &values, const QString &context, QString *error);

// A list of ids as one JSON array text, for `IN (SELECT value FROM json_each(?))`:
// one bound value however many ids.
QString jsonList(const QStringList &values);

// A NULL value for a nullable text column.
QVariant nullText();

} // namespace Sql

// A write transaction that takes SQLite's write lock at once (BEGIN
// IMMEDIATE): a deferred transaction that reads first and writes later can
// fail with "database is locked" without waiting when another connection
// wrote in between. Rolls back on destruction unless committed.
class WriteTransaction {
public:
    WriteTransaction() = default;
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begin(const QString &context, QString *error);
    bool commit(QString *error);

private:
    QSqlDatabase m_db;
    QString m_context;
    bool m_active = false;
};

} // namespace Replicall
