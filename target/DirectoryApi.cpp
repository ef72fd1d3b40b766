// SPDX-License-Identifier: GPL-3.0-or-later
#include "DirectoryApi.h"

#include "Database.h"
#include "Ids.h"
#include "JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Replicall::Target {

namespace {

// One checked entry, ready for its table.
struct Entry {
    QString tenant;
    QString id;
    QString name;
    QString extension;
    QString groups; // JSON array, users only
    QString data;   // the whole entry as compact JSON
};

enum class Kind { Tenants, Groups, Users };

std::optional<Problem> readEntries(const Token &token, const QJsonObject &request, Kind kind,
                                   QList<Entry> *entries) {
    static const QString keys[] = {QStringLiteral("tenants"), QStringLiteral("groups"),
                                   QStringLiteral("users")};
    const QString key = keys[int(kind)];
    if (!request.contains(key))
        return std::nullopt;
    QJsonArray array;
    if (auto problem = JsonFields(request, QString()).array(key, &array))
        return problem;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(key).arg(i);
        if (!array.at(i).isObject())
            return Problem{QStringLiteral("bad-request"),
                           QStringLiteral("'%1' must be an object.").arg(where)};
        const QJsonObject object = array.at(i).toObject();
        const JsonFields fields(object, where);
        Entry entry;
        if (auto problem = fields.id(QStringLiteral("id"), &entry.id))
            return problem;
        if (kind == Kind::Tenants)
            entry.tenant = entry.id;
        else if (auto problem = fields.id(QStringLiteral("tenant"), &entry.tenant))
            return problem;
        if (auto problem = fields.string(QStringLiteral("name"), true, &entry.name))
            return problem;
        if (!token.allowsTenant(entry.tenant)) {
            return Problem{
                QStringLiteral("tenant-out-of-scope"),
                QStringLiteral(
                    "'%1' belongs to tenant '%2', outside the token '%3'; nothing was stored.")
                    .arg(where, entry.tenant, token.name)};
        }
        if (kind == Kind::Users) {
            if (auto problem = fields.string(QStringLiteral("extension"), false, &entry.extension))
                return problem;
            QJsonArray groups;
            if (fields.has(QStringLiteral("groups"))) {
                if (auto problem = fields.array(QStringLiteral("groups"), &groups))
                    return problem;
                for (const QJsonValue &group : std::as_const(groups)) {
                    if (!group.isString() || !isValidId(group.toString())) {
                        return Problem{
                            QStringLiteral("bad-request"),
                            QStringLiteral("'%1.groups' must hold group ids.").arg(where)};
                    }
                }
            }
            entry.groups = QString::fromUtf8(QJsonDocument(groups).toJson(QJsonDocument::Compact));
        }
        entry.data = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
        entries->append(entry);
    }
    return std::nullopt;
}

bool upsert(Kind kind, const QList<Entry> &entries, QString *error) {
    static const QString statements[] = {
        QStringLiteral("INSERT INTO directory_tenants (id, name, data, updated_at) VALUES (:id, "
                       ":name, :data, :now) "
                       "ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data, "
                       "updated_at = excluded.updated_at"),
        QStringLiteral(
            "INSERT INTO directory_groups (tenant, id, name, data, updated_at) "
            "VALUES (:tenant, :id, :name, :data, :now) ON CONFLICT (tenant, id) DO UPDATE SET "
            "name = excluded.name, data = excluded.data, updated_at = excluded.updated_at"),
        QStringLiteral(
            "INSERT INTO directory_users (tenant, id, name, extension, groups, data, updated_at) "
            "VALUES (:tenant, :id, :name, :extension, :groups, :data, :now) ON CONFLICT (tenant, "
            "id) "
            "DO UPDATE SET name = excluded.name, extension = excluded.extension, "
            "groups = excluded.groups, data = excluded.data, updated_at = excluded.updated_at"),
    };
    const QString now = isoUtc(QDateTime::currentDateTimeUtc());
    QSqlQuery query(Database::connection());
    query.prepare(statements[int(kind)]);
    for (const Entry &entry : entries) {
        if (kind != Kind::Tenants)
            query.bindValue(QStringLiteral(":tenant"), entry.tenant);
        query.bindValue(QStringLiteral(":id"), entry.id);
        query.bindValue(QStringLiteral(":name"), entry.name);
        query.bindValue(QStringLiteral(":data"), entry.data);
        query.bindValue(QStringLiteral(":now"), now);
        if (kind == Kind::Users) {
            query.bindValue(QStringLiteral(":extension"), entry.extension);
            query.bindValue(QStringLiteral(":groups"), entry.groups);
        }
        if (!Database::exec(query, QStringLiteral("storing directory entry %1").arg(entry.id),
                            error))
            return false;
    }
    return true;
}

} // namespace

HttpResponse DirectoryApi::put(const Token &token, const QByteArray &body) {
    if (!token.allowsData(QStringLiteral("users"))) {
        return HttpResponse::problem(
            QStringLiteral("data-out-of-scope"),
            QStringLiteral("The token '%1' may not replicate the users configuration.")
                .arg(token.name));
    }
    QJsonObject request;
    if (auto problem = JsonFields::parseObject(body, &request))
        return HttpResponse::problem(*problem);
    const Kind kinds[] = {Kind::Tenants, Kind::Groups, Kind::Users};
    QList<Entry> entries[3];
    for (Kind kind : kinds) {
        if (auto problem = readEntries(token, request, kind, &entries[int(kind)]))
            return HttpResponse::problem(*problem);
    }
    QSqlDatabase db = Database::connection();
    Transaction transaction(db);
    QString error = QStringLiteral("cannot begin a database transaction");
    if (!transaction.isActive())
        return HttpResponse::problem(QStringLiteral("internal"), error);
    for (Kind kind : kinds) {
        if (!upsert(kind, entries[int(kind)], &error))
            return HttpResponse::problem(QStringLiteral("internal"), error);
    }
    if (!transaction.commit(&error))
        return HttpResponse::problem(QStringLiteral("internal"), error);
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("tenants"), entries[0].size()},
                                               {QStringLiteral("groups"), entries[1].size()},
                                               {QStringLiteral("users"), entries[2].size()}});
}

} // namespace Replicall::Target
