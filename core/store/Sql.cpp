// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Sql.h"

#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// SQLite's own words ("database is locked", "FOREIGN KEY constraint failed")
// without Qt's generic suffix ("Unable to fetch row").
QString sqliteMessage(const QSqlError &error) {
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.text().trimmed() : text;
}

bool runPlain(const QSqlDatabase &db, const QString &sql, const QString &context, QString *error) {
    QSqlQuery query(db);
    if (!query.exec(sql))
        return Sql::fail(error, context + u": "_s + sqliteMessage(query.lastError()));
    return true;
}

} // namespace

bool Sql::fail(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

std::optional<QSqlDatabase> Sql::connection(QString *error) {
    QSqlDatabase db = Database::connection();
    if (!db.isOpen()) {
        fail(error, Database::path().isEmpty()
                        ? u"the state database is not open"_s
                        : u"cannot use the state database '%1': %2"_s.arg(
                              Database::path(), sqliteMessage(db.lastError())));
        return std::nullopt;
    }
    return db;
}

std::optional<QSqlQuery> Sql::run(const QString &sql, const QVariantList &values,
                                  const QString &context, QString *error) {
    std::optional<QSqlQuery> query = prepare(sql, context, error);
    if (!query || !exec(*query, values, context, error))
        return std::nullopt;
    return query;
}

std::optional<QSqlQuery> Sql::prepare(const QString &sql, const QString &context, QString *error) {
    const std::optional<QSqlDatabase> db = connection(error);
    if (!db)
        return std::nullopt;
    QSqlQuery query(*db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        fail(error, context + u": "_s + sqliteMessage(query.lastError()));
        return std::nullopt;
    }
    return query;
}

bool Sql::exec(QSqlQuery &query, const QVariantList &values, const QString &context,
               QString *error) {
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec())
        return fail(error, context + u": "_s + sqliteMessage(query.lastError()));
    return true;
}

QString Sql::jsonList(const QStringList &values) {
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QVariant Sql::nullText() {
    return QVariant(QMetaType::fromType<QString>());
}

WriteTransaction::~WriteTransaction() {
    if (m_active)
        runPlain(m_db, u"ROLLBACK"_s, m_context, nullptr);
}

bool WriteTransaction::begin(const QString &context, QString *error) {
    const std::optional<QSqlDatabase> db = Sql::connection(error);
    if (!db)
        return false;
    m_db = *db;
    m_context = context;
    m_active = runPlain(m_db, u"BEGIN IMMEDIATE"_s, context, error);
    return m_active;
}

bool WriteTransaction::commit(QString *error) {
    if (!m_active)
        return Sql::fail(error, m_context + u": no transaction to commit"_s);
    if (!runPlain(m_db, u"COMMIT"_s, m_context, error))
        return false; // the destructor rolls back
    m_active = false;
    return true;
}

} // namespace Replicall
