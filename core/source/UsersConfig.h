// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace Replicall {

// The archive's users.json: tenants, groups and users (docs/archive-format.md).
// It is sent as it is, limited to a job's tenants, to PUT /directory; the
// target refuses a whole batch for one entry out of scope, so every entry is
// checked here first and a bad one named.
class UsersConfig {
public:
    static QString fileName() { return QStringLiteral("users.json"); }

    // Loads <archiveDir>/users.json.
    static std::optional<UsersConfig> load(const QString &archiveDir, QString *error);
    static std::optional<UsersConfig> parse(const QByteArray &json, QString *error);

    QJsonObject toJson() const { return m_json; }
    QStringList tenantIds() const;

    // Only the given tenants and the groups and users belonging to them;
    // an empty list keeps every tenant (a job without a tenant scope).
    QJsonObject limitedTo(const QStringList &tenants) const;

private:
    QJsonObject m_json;
};

} // namespace Replicall
