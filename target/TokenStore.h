// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Replicall::Target {

// A replication token as stored: everything but the token value, of which only the
// SHA-256 is kept.
struct Token {
    QString name;
    QStringList tenants;
    QStringList data; // "audio", "metadata", "users"
    QDateTime created;
    QDateTime expires; // invalid: never
    QDateTime revoked; // invalid: not revoked

    bool allowsTenant(const QString &tenant) const { return tenants.contains(tenant); }
    bool allowsData(const QString &kind) const { return data.contains(kind); }
};

class TokenStore {
public:
    static const QStringList &dataKinds(); // audio, metadata, users

    // Creates a token and returns its value (shown once, never stored); empty on error.
    static QString create(const QString &name, const QStringList &tenants, const QStringList &data,
                          int expiresDays, QString *error);
    static bool list(QList<Token> *tokens, QString *error);
    static bool revoke(const QString &name, QString *error);

    // Checks an Authorization header value; fills either token or problem.
    static bool authenticate(const QByteArray &authorization, Token *token, Problem *problem);
};

} // namespace Replicall::Target
