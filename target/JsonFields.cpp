// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonFields.h"

#include "Ids.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace Replicall::Target {

std::optional<Problem> JsonFields::parseObject(const QByteArray &body, QJsonObject *object) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("The body is not valid JSON: %1 at byte %2.")
                           .arg(error.errorString())
                           .arg(error.offset)};
    }
    if (!document.isObject())
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("The body must be a JSON object.")};
    *object = document.object();
    return std::nullopt;
}

QString JsonFields::path(const QString &key) const {
    return m_where.isEmpty() ? key : m_where + u'.' + key;
}

Problem JsonFields::wrong(const QString &key, const QString &expected) const {
    return Problem{
        QStringLiteral("bad-request"),
        has(key) ? QStringLiteral("The field '%1' must be %2.").arg(path(key), expected)
                 : QStringLiteral("The field '%1' (%2) is missing.").arg(path(key), expected)};
}

std::optional<Problem> JsonFields::string(const QString &key, bool required, QString *out) const {
    const QJsonValue value = m_object.value(key);
    if (value.isString()) {
        *out = value.toString();
        return std::nullopt;
    }
    if (!required && !has(key))
        return std::nullopt;
    return wrong(key, QStringLiteral("a string"));
}

std::optional<Problem> JsonFields::id(const QString &key, QString *out,
                                      const QString &invalidCode) const {
    if (auto problem = string(key, true, out))
        return problem;
    if (isValidId(*out))
        return std::nullopt;
    return Problem{invalidCode, QStringLiteral("The field '%1' is '%2', which is not an id "
                                               "([A-Za-z0-9][A-Za-z0-9._-]{0,127}).")
                                    .arg(path(key), out->left(140))};
}

std::optional<Problem> JsonFields::integer(const QString &key, qint64 *out) const {
    const QJsonValue value = m_object.value(key);
    const double number = value.toDouble(-1);
    // Doubles hold integers exactly up to 2^53, far beyond any recording size.
    if (value.isDouble() && number >= 0 && number <= 9007199254740992.0 &&
        std::floor(number) == number) {
        *out = qint64(number);
        return std::nullopt;
    }
    return wrong(key, QStringLiteral("a whole number of at least 0"));
}

std::optional<Problem> JsonFields::object(const QString &key, QJsonObject *out) const {
    const QJsonValue value = m_object.value(key);
    if (!value.isObject())
        return wrong(key, QStringLiteral("an object"));
    *out = value.toObject();
    return std::nullopt;
}

std::optional<Problem> JsonFields::array(const QString &key, QJsonArray *out) const {
    const QJsonValue value = m_object.value(key);
    if (!value.isArray())
        return wrong(key, QStringLiteral("an array"));
    *out = value.toArray();
    return std::nullopt;
}

} // namespace Replicall::Target
