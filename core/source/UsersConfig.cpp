// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/UsersConfig.h"

#include "model/Job.h"
#include "source/Sidecar.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

// Checks the entries of one section ("tenants", "groups", "users").
class SectionChecker {
public:
    SectionChecker(const QJsonObject &root, QString *error)
        : m_root(root)
        , m_error(error) {}

    bool fail(const QString &message) {
        if (m_error)
            *m_error = UsersConfig::fileName() + u": "_s + message;
        return false;
    }

    bool section(const QString &name, QJsonArray *out) {
        const QJsonValue value = m_root.value(name);
        if (value.isUndefined()) // a recorder without groups may leave them out
            return true;
        if (!value.isArray())
            return fail(u"'%1' is not an array"_s.arg(name));
        *out = value.toArray();
        for (qsizetype i = 0; i < out->size(); ++i) {
            if (!out->at(i).isObject())
                return fail(u"%1[%2] is not an object"_s.arg(name).arg(i));
        }
        return true;
    }

    bool string(const QJsonObject &entry, const QString &where, const QString &key, bool required,
                QString *out = nullptr) {
        const QJsonValue value = entry.value(key);
        if (value.isUndefined() && !required)
            return true;
        if (value.isUndefined())
            return fail(u"%1.%2 is missing"_s.arg(where, key));
        if (!value.isString())
            return fail(u"%1.%2 is not a string"_s.arg(where, key));
        if (out)
            *out = value.toString();
        return true;
    }

    bool id(const QJsonObject &entry, const QString &where, QString *out) {
        if (!string(entry, where, u"id"_s, true, out))
            return false;
        if (!isValidId(*out))
            return fail(u"%1.id ('%2') is not a valid id"_s.arg(where, out->left(140)));
        return true;
    }

    bool tenantOf(const QJsonObject &entry, const QString &where, const QSet<QString> &tenants) {
        QString tenant;
        if (!string(entry, where, u"tenant"_s, true, &tenant))
            return false;
        if (!tenants.contains(tenant))
            return fail(u"%1.tenant '%2' is not one of the tenants"_s.arg(where, tenant.left(140)));
        return true;
    }

private:
    const QJsonObject m_root; // a copy: callers pass temporaries (QJsonDocument::object())
    QString *m_error;
};

QString entryName(const QString &section, qsizetype index) {
    return u"%1[%2]"_s.arg(section).arg(index);
}

} // namespace

std::optional<UsersConfig> UsersConfig::load(const QString &archiveDir, QString *error) {
    QFile file(QDir(archiveDir).filePath(fileName()));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read the users configuration %1: %2"_s.arg(file.fileName(),
                                                                         file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), error);
}

std::optional<UsersConfig> UsersConfig::parse(const QByteArray &json, QString *error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    SectionChecker check(document.object(), error);
    if (parseError.error != QJsonParseError::NoError) {
        check.fail(u"not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString())
                       .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        check.fail(u"the top level is not a JSON object"_s);
        return std::nullopt;
    }

    QJsonArray tenants, groups, users;
    if (!check.section(u"tenants"_s, &tenants) || !check.section(u"groups"_s, &groups) ||
        !check.section(u"users"_s, &users))
        return std::nullopt;

    QSet<QString> tenantIds;
    for (qsizetype i = 0; i < tenants.size(); ++i) {
        const QString where = entryName(u"tenants"_s, i);
        QString id;
        if (!check.id(tenants.at(i).toObject(), where, &id) ||
            !check.string(tenants.at(i).toObject(), where, u"name"_s, false))
            return std::nullopt;
        tenantIds.insert(id);
    }
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QString where = entryName(u"groups"_s, i);
        const QJsonObject group = groups.at(i).toObject();
        QString id;
        if (!check.id(group, where, &id) || !check.tenantOf(group, where, tenantIds) ||
            !check.string(group, where, u"name"_s, false))
            return std::nullopt;
    }
    for (qsizetype i = 0; i < users.size(); ++i) {
        const QString where = entryName(u"users"_s, i);
        const QJsonObject user = users.at(i).toObject();
        QString id;
        if (!check.id(user, where, &id) || !check.tenantOf(user, where, tenantIds) ||
            !check.string(user, where, u"name"_s, false) ||
            !check.string(user, where, u"extension"_s, false))
            return std::nullopt;
        const QJsonValue memberOf = user.value(u"groups"_s);
        if (!memberOf.isUndefined() && !memberOf.isArray()) {
            check.fail(u"%1.groups is not an array of group ids"_s.arg(where));
            return std::nullopt;
        }
        const QJsonArray memberGroups = memberOf.toArray();
        for (const QJsonValue &group : memberGroups) {
            if (!group.isString()) {
                check.fail(u"%1.groups is not an array of group ids"_s.arg(where));
                return std::nullopt;
            }
        }
    }

    UsersConfig config;
    config.m_json = document.object();
    return config;
}

QStringList UsersConfig::tenantIds() const {
    QStringList ids;
    const QJsonArray tenants = m_json.value(u"tenants"_s).toArray();
    for (const QJsonValue &tenant : tenants)
        ids.append(tenant.toObject().value(u"id"_s).toString());
    return ids;
}

QJsonObject UsersConfig::limitedTo(const QStringList &tenants) const {
    auto keep = [&tenants](const QString &section, const QJsonObject &source, const QString &key) {
        QJsonArray kept;
        const QJsonArray entries = source.value(section).toArray();
        for (const QJsonValue &entry : entries) {
            if (tenants.isEmpty() || tenants.contains(entry.toObject().value(key).toString()))
                kept.append(entry);
        }
        return kept;
    };
    QJsonObject limited;
    limited.insert(u"tenants"_s, keep(u"tenants"_s, m_json, u"id"_s));
    limited.insert(u"groups"_s, keep(u"groups"_s, m_json, u"tenant"_s));
    limited.insert(u"users"_s, keep(u"users"_s, m_json, u"tenant"_s));
    return limited;
}

} // namespace Replicall
