// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Replicall::Target {

// Reads typed fields of a request body; every failure is a bad-request problem naming the
// field by its path (e.g. "users[3].tenant").
class JsonFields {
public:
    JsonFields(const QJsonObject &object, const QString &where)
        : m_object(object)
        , m_where(where) {}

    // Parses a whole body that must be a JSON object.
    static std::optional<Problem> parseObject(const QByteArray &body, QJsonObject *object);

    bool has(const QString &key) const {
        return m_object.contains(key) && !m_object.value(key).isNull();
    }
    std::optional<Problem> string(const QString &key, bool required, QString *out) const;
    // A string matching the id pattern; a bad one is `invalidCode` ("invalid-id" or "bad-request").
    std::optional<Problem> id(const QString &key, QString *out,
                              const QString &invalidCode = QStringLiteral("bad-request")) const;
    std::optional<Problem> integer(const QString &key, qint64 *out) const;
    std::optional<Problem> object(const QString &key, QJsonObject *out) const;
    std::optional<Problem> array(const QString &key, QJsonArray *out) const;

    QString path(const QString &key) const;

private:
    Problem wrong(const QString &key, const QString &expected) const;

    QJsonObject m_object;
    QString m_where;
};

} // namespace Replicall::Target
