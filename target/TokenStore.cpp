// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenStore.h"

#include "Database.h"
#include "Hasher.h"
#include "Ids.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace Replicall::Target {

namespace {

const QByteArray TokenPrefix = QByteArrayLiteral("rpl_");

QByteArray tokenHash(const QByteArray &token) {
    Hasher hasher;
    hasher.add(token);
    return hasher.result();
}

bool looksLikeToken(const QByteArray &token) {
    static const QRegularExpression pattern(QStringLiteral("\\Arpl_[A-Za-z0-9_-]{43}\\z"));
    return pattern.match(QString::fromLatin1(token)).hasMatch();
}

Token tokenFromQuery(const QSqlQuery &query) {
    Token token;
    token.name = query.value(0).toString();
    token.tenants = query.value(1).toString().split(u',', Qt::SkipEmptyParts);
    token.data = query.value(2).toString().split(u',', Qt::SkipEmptyParts);
    token.created = parseIsoUtc(query.value(3).toString());
    token.expires = parseIsoUtc(query.value(4).toString());
    token.revoked = parseIsoUtc(query.value(5).toString());
    return token;
}

const QString SelectColumns = QStringLiteral("name, tenants, data, created, expires, revoked");

} // namespace

const QStringList &TokenStore::dataKinds() {
    static const QStringList kinds = {QStringLiteral("audio"), QStringLiteral("metadata"),
                                      QStringLiteral("users")};
    return kinds;
}

QString TokenStore::create(const QString &name, const QStringList &tenants, const QStringList &data,
                           int expiresDays, QString *error) {
    if (!isValidId(name)) {
        *error = QStringLiteral("token name '%1' is not valid: use letters, digits, '.', '_' "
                                "and '-', starting with a letter or digit, at most 128")
                     .arg(name);
        return {};
    }
    if (tenants.isEmpty()) {
        *error = QStringLiteral("a token needs at least one tenant (--tenants a,b)");
        return {};
    }
    for (const QString &tenant : tenants) {
        if (!isValidId(tenant)) {
            *error = QStringLiteral("tenant '%1' is not a valid tenant id").arg(tenant);
            return {};
        }
    }
    if (data.isEmpty()) {
        *error = QStringLiteral("a token needs at least one data type (audio, metadata, users)");
        return {};
    }
    for (const QString &kind : data) {
        if (!dataKinds().contains(kind)) {
            *error =
                QStringLiteral("data type '%1' is unknown; use audio, metadata or users").arg(kind);
            return {};
        }
    }
    if (expiresDays < 0) {
        *error =
            QStringLiteral("--expires-days must be 0 (never) or more, not %1").arg(expiresDays);
        return {};
    }

    unsigned char random[32];
    if (RAND_bytes(random, sizeof random) != 1) {
        *error = QStringLiteral("the system's random number generator failed");
        return {};
    }
    const QByteArray token =
        TokenPrefix + QByteArray(reinterpret_cast<const char *>(random), sizeof random)
                          .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery query(Database::connection());
    query.prepare(QStringLiteral("INSERT INTO tokens (name, hash, tenants, data, created, expires) "
                                 "VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(name);
    query.addBindValue(tokenHash(token));
    query.addBindValue(tenants.join(u','));
    query.addBindValue(data.join(u','));
    query.addBindValue(isoUtc(now));
    query.addBindValue(expiresDays > 0 ? QVariant(isoUtc(now.addDays(expiresDays))) : QVariant());
    if (!query.exec()) {
        QSqlQuery existing(Database::connection());
        existing.prepare(QStringLiteral("SELECT 1 FROM tokens WHERE name = ?"));
        existing.addBindValue(name);
        if (existing.exec() && existing.next())
            *error = QStringLiteral(
                         "a token named '%1' already exists; revoke it or choose another name")
                         .arg(name);
        else
            Database::exec(query, QStringLiteral("storing the token"), error);
        return {};
    }
    return QString::fromLatin1(token);
}

bool TokenStore::list(QList<Token> *tokens, QString *error) {
    QSqlQuery query(Database::connection());
    query.prepare(QStringLiteral("SELECT ") + SelectColumns +
                  QStringLiteral(" FROM tokens ORDER BY name"));
    if (!Database::exec(query, QStringLiteral("listing tokens"), error))
        return false;
    while (query.next())
        tokens->append(tokenFromQuery(query));
    return true;
}

bool TokenStore::revoke(const QString &name, QString *error) {
    QSqlQuery query(Database::connection());
    query.prepare(
        QStringLiteral("UPDATE tokens SET revoked = ? WHERE name = ? AND revoked IS NULL"));
    query.addBindValue(isoUtc(QDateTime::currentDateTimeUtc()));
    query.addBindValue(name);
    if (!Database::exec(query, QStringLiteral("revoking the token"), error))
        return false;
    if (query.numRowsAffected() == 1)
        return true;
    QList<Token> tokens;
    list(&tokens, error);
    for (const Token &token : std::as_const(tokens)) {
        if (token.name == name) {
            *error = QStringLiteral("the token '%1' was already revoked on %2")
                         .arg(name, isoUtc(token.revoked));
            return false;
        }
    }
    *error = QStringLiteral("there is no token named '%1'").arg(name);
    return false;
}

bool TokenStore::authenticate(const QByteArray &authorization, Token *token, Problem *problem) {
    const QByteArray value = authorization.trimmed();
    if (value.isEmpty()) {
        *problem = {
            QStringLiteral("token-missing"),
            QStringLiteral("The request carries no 'Authorization: Bearer <token>' header.")};
        return false;
    }
    if (!value.startsWith("Bearer ")) {
        *problem = {
            QStringLiteral("token-missing"),
            QStringLiteral("The Authorization header is not of the form 'Bearer <token>'.")};
        return false;
    }
    const QByteArray presented = value.mid(7).trimmed();
    if (!looksLikeToken(presented)) {
        *problem = {QStringLiteral("token-invalid"),
                    QStringLiteral("The bearer token is not a replication token (rpl_ followed by "
                                   "43 base64url characters).")};
        return false;
    }
    const QByteArray hash = tokenHash(presented);
    CachedQuery query(QStringLiteral("SELECT ") + SelectColumns +
                      QStringLiteral(", hash FROM tokens WHERE hash = ?"));
    query->bindValue(0, hash);
    QString error;
    if (!Database::exec(*query, QStringLiteral("checking the token"), &error)) {
        *problem = {QStringLiteral("internal"), error};
        return false;
    }
    const QByteArray stored = query->next() ? query->value(6).toByteArray() : QByteArray();
    // Compared in constant time although the lookup already matched, so that the final
    // decision never depends on how many leading bytes agree.
    if (stored.size() != hash.size() ||
        CRYPTO_memcmp(stored.constData(), hash.constData(), size_t(hash.size())) != 0) {
        *problem = {QStringLiteral("token-invalid"),
                    QStringLiteral("The replication token is not known to this target.")};
        return false;
    }
    *token = tokenFromQuery(*query);
    if (token->revoked.isValid()) {
        *problem = {QStringLiteral("token-revoked"),
                    QStringLiteral("The replication token '%1' was revoked on %2.")
                        .arg(token->name, isoUtc(token->revoked))};
        return false;
    }
    if (token->expires.isValid() && token->expires <= QDateTime::currentDateTimeUtc()) {
        *problem = {QStringLiteral("token-expired"),
                    QStringLiteral("The replication token '%1' expired on %2.")
                        .arg(token->name, isoUtc(token->expires))};
        return false;
    }
    return true;
}

} // namespace Replicall::Target
