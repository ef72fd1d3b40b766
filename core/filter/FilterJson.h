// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/FilterFields.h"
#include "filter/FilterTree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Replicall {

// Reads the JSON form of a filter into a tree, checking every part of it.
// Messages start with the path of the offending part ("conditions[1].op").
class FilterJsonReader {
public:
    bool read(const QJsonObject &json, FilterNode *root, QString *error);

private:
    bool readGroup(const QJsonObject &json, const QString &path, int depth, FilterNode *group);
    bool readCondition(const QJsonObject &json, const QString &path, FilterCondition *condition);
    bool readValue(const FilterFieldInfo &field, const QString &path, FilterCondition *condition);
    bool readStrings(const FilterFieldInfo &field, const QJsonValue &value, const QString &path,
                     FilterCondition *condition);
    bool readNumberRange(const FilterFieldInfo &field, const QJsonValue &value, const QString &path,
                         FilterCondition *condition);
    bool readTimeRange(const QJsonValue &value, const QString &path, FilterCondition *condition);
    bool readNumber(const FilterFieldInfo &field, const QJsonValue &value, const QString &path,
                    qint64 *out);
    bool readTime(const QJsonValue &value, const QString &path, qint64 *first, qint64 *last);
    bool readPair(const QJsonValue &value, const QString &path, const QString &what);
    bool checkKeys(const QJsonObject &json, const QString &path, const QStringList &allowed);
    bool fail(const QString &path, const QString &message);

    QString m_error;
    int m_conditions = 0;
};

QJsonObject filterNodeToJson(const FilterNode &node);

} // namespace Replicall
