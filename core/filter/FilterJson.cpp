// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/FilterJson.h"

#include "filter/Filter.h"
#include "filter/FilterRange.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

QString childPath(const QString &path, const QString &key) {
    return path.isEmpty() ? key : path + u'.' + key;
}

QString indexPath(const QString &path, qsizetype index) {
    return path + u'[' + QString::number(index) + u']';
}

QString quotedList(const QStringList &items) {
    return items.join(u", "_s);
}

QString operatorNames(const QList<FilterOperator> &ops) {
    QStringList names;
    for (FilterOperator op : ops)
        names << filterOperatorName(op);
    return quotedList(names);
}

QString fieldNames() {
    QStringList names;
    for (const FilterFieldInfo &info : filterFields())
        names << info.name;
    return quotedList(names);
}

// JSON numbers are doubles; beyond this they lose whole units.
constexpr double MaxExactNumber = 9007199254740992.0; // 2^53

const QString TimeHint = u"a day (2026-11-20) or a UTC time (2026-11-20T08:15:00Z)"_s;

} // namespace

bool FilterJsonReader::read(const QJsonObject &json, FilterNode *root, QString *error) {
    m_error.clear();
    m_conditions = 0;
    *root = FilterNode();
    if (json.isEmpty())
        return true;
    if (readGroup(json, QString(), 1, root))
        return true;
    if (error)
        *error = m_error;
    return false;
}

bool FilterJsonReader::fail(const QString &path, const QString &message) {
    m_error = (path.isEmpty() ? u"filter"_s : path) + u": "_s + message;
    return false;
}

bool FilterJsonReader::checkKeys(const QJsonObject &json, const QString &path,
                                 const QStringList &allowed) {
    for (const QString &key : json.keys()) {
        if (!allowed.contains(key)) {
            return fail(path,
                        u"unknown key '"_s + key + u"' (expected "_s + quotedList(allowed) + u')');
        }
    }
    return true;
}

bool FilterJsonReader::readGroup(const QJsonObject &json, const QString &path, int depth,
                                 FilterNode *group) {
    if (depth > Filter::MaxDepth) {
        return fail(path, u"groups are nested deeper than "_s + QString::number(Filter::MaxDepth) +
                              u" levels"_s);
    }
    if (!checkKeys(json, path, {u"op"_s, u"not"_s, u"conditions"_s}))
        return false;
    group->kind = FilterNode::Kind::Group;

    const QJsonValue op = json.value(u"op"_s);
    if (op.isUndefined() || op == u"and"_s)
        group->any = false;
    else if (op == u"or"_s)
        group->any = true;
    else
        return fail(childPath(path, u"op"_s), u"expected \"and\" or \"or\""_s);

    const QJsonValue negate = json.value(u"not"_s);
    if (!negate.isUndefined() && !negate.isBool())
        return fail(childPath(path, u"not"_s), u"expected true or false"_s);
    group->negate = negate.toBool(false);

    const QString listPath = childPath(path, u"conditions"_s);
    const QJsonValue conditions = json.value(u"conditions"_s);
    if (!conditions.isArray())
        return fail(listPath, u"expected an array of conditions and groups"_s);
    const QJsonArray items = conditions.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = indexPath(listPath, i);
        if (!items.at(i).isObject())
            return fail(itemPath, u"expected an object (a condition or a group)"_s);
        const QJsonObject item = items.at(i).toObject();
        FilterNode child;
        if (item.contains(u"field"_s)) {
            child.kind = FilterNode::Kind::Condition;
            if (++m_conditions > Filter::MaxConditions) {
                return fail(QString(), u"more than "_s + QString::number(Filter::MaxConditions) +
                                           u" conditions"_s);
            }
            if (!readCondition(item, itemPath, &child.condition))
                return false;
        } else if (item.contains(u"conditions"_s)) {
            if (!readGroup(item, itemPath, depth + 1, &child))
                return false;
        } else {
            return fail(itemPath, u"expected a condition (with \"field\") or a group "
                                  u"(with \"conditions\")"_s);
        }
        group->children.push_back(std::move(child));
    }
    return true;
}

bool FilterJsonReader::readCondition(const QJsonObject &json, const QString &path,
                                     FilterCondition *condition) {
    if (!checkKeys(json, path, {u"field"_s, u"operator"_s, u"value"_s}))
        return false;
    const QJsonValue fieldValue = json.value(u"field"_s);
    const FilterFieldInfo *field =
        fieldValue.isString() ? filterFieldByName(fieldValue.toString()) : nullptr;
    if (!field) {
        const QString shown = fieldValue.isString()
                                  ? u"unknown field '"_s + fieldValue.toString() + u"'"_s
                                  : u"expected a field name"_s;
        return fail(childPath(path, u"field"_s), shown + u" (known: "_s + fieldNames() + u')');
    }
    condition->field = field->field;

    const QString opPath = childPath(path, u"operator"_s);
    const QJsonValue opValue = json.value(u"operator"_s);
    if (!opValue.isString())
        return fail(opPath, u"expected an operator name"_s);
    const std::optional<FilterOperator> op = filterOperatorByName(opValue.toString());
    if (!op)
        return fail(opPath, u"unknown operator '"_s + opValue.toString() + u"'"_s);
    if (!field->operators.contains(*op)) {
        return fail(opPath, u"operator '"_s + opValue.toString() + u"' does not fit field '"_s +
                                field->name + u"' (use "_s + operatorNames(field->operators) +
                                u')');
    }
    condition->op = *op;
    condition->value = json.value(u"value"_s);
    return readValue(*field, childPath(path, u"value"_s), condition);
}

bool FilterJsonReader::readValue(const FilterFieldInfo &field, const QString &path,
                                 FilterCondition *condition) {
    const QJsonValue &value = condition->value;
    switch (condition->op) {
    case FilterOperator::IsEmpty:
    case FilterOperator::IsNotEmpty:
        if (!value.isUndefined() && !value.isNull()) {
            return fail(path, u"operator '"_s + filterOperatorName(condition->op) +
                                  u"' takes no value"_s);
        }
        return true;
    case FilterOperator::InLastDays:
    case FilterOperator::OlderThanDays: {
        const double days = value.toDouble(-1);
        if (!value.isDouble() || days < 0 || days > Filter::MaxDays || std::floor(days) != days) {
            return fail(path, u"expected a number of days (a whole number from 0 to "_s +
                                  QString::number(Filter::MaxDays) + u')');
        }
        condition->days = static_cast<qint64>(days);
        return true;
    }
    default:
        break;
    }
    switch (field.type) {
    case FilterFieldType::Number:
        return readNumberRange(field, value, path, condition);
    case FilterFieldType::Time:
        return readTimeRange(value, path, condition);
    default:
        return readStrings(field, value, path, condition);
    }
}

bool FilterJsonReader::readStrings(const FilterFieldInfo &field, const QJsonValue &value,
                                   const QString &path, FilterCondition *condition) {
    const bool many =
        condition->op == FilterOperator::OneOf || condition->op == FilterOperator::NotOneOf;
    QJsonArray items;
    if (many) {
        if (!value.isArray() || value.toArray().isEmpty() ||
            value.toArray().size() > Filter::MaxListValues) {
            return fail(path, u"expected an array of 1 to "_s +
                                  QString::number(Filter::MaxListValues) + u" strings"_s);
        }
        items = value.toArray();
    } else {
        items.append(value);
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = many ? indexPath(path, i) : path;
        if (!items.at(i).isString())
            return fail(itemPath, u"expected a string"_s);
        const QString text = items.at(i).toString();
        if (!text.isValidUtf16()) // SQLite and QString would read it differently
            return fail(itemPath, u"the text holds an unpaired UTF-16 surrogate"_s);
        if (!field.choices.isEmpty() && !field.choices.contains(text)) {
            return fail(itemPath, u"'"_s + text + u"' is not a "_s + field.label +
                                      u" (expected one of "_s + quotedList(field.choices) + u')');
        }
        condition->texts << text;
    }
    return true;
}

bool FilterJsonReader::readNumber(const FilterFieldInfo &field, const QJsonValue &value,
                                  const QString &path, qint64 *out) {
    const bool seconds = field.scale == 1000;
    const double number = value.toDouble(-1);
    const bool whole = std::floor(number) == number;
    if (!value.isDouble() || number < 0 || number * field.scale > MaxExactNumber ||
        (!seconds && !whole)) {
        return fail(path, seconds ? u"expected a number of seconds (0 or more)"_s
                                  : u"expected a number of bytes (a whole number, 0 or more)"_s);
    }
    *out = std::llround(number * field.scale);
    return true;
}

bool FilterJsonReader::readTime(const QJsonValue &value, const QString &path, qint64 *first,
                                qint64 *last) {
    if (!value.isString() || !FilterTime::parseTimeValue(value.toString(), first, last))
        return fail(path, u"expected "_s + TimeHint);
    return true;
}

bool FilterJsonReader::readPair(const QJsonValue &value, const QString &path, const QString &what) {
    if (!value.isArray() || value.toArray().size() != 2)
        return fail(path, u"expected [from, to], two "_s + what);
    return true;
}

bool FilterJsonReader::readNumberRange(const FilterFieldInfo &field, const QJsonValue &value,
                                       const QString &path, FilterCondition *condition) {
    FilterRange &range = condition->range;
    if (condition->op == FilterOperator::Between) {
        const QString what = field.scale == 1000 ? u"numbers of seconds"_s : u"numbers of bytes"_s;
        qint64 from = 0, to = 0;
        if (!readPair(value, path, what) ||
            !readNumber(field, value.toArray().at(0), indexPath(path, 0), &from) ||
            !readNumber(field, value.toArray().at(1), indexPath(path, 1), &to)) {
            return false;
        }
        if (from > to)
            return fail(path, u"from is greater than to"_s);
        range.low = from;
        range.high = to;
        return true;
    }
    qint64 number = 0;
    if (!readNumber(field, value, path, &number))
        return false;
    switch (condition->op) {
    case FilterOperator::Less:
        range.high = number - 1;
        break;
    case FilterOperator::Greater:
        range.low = number + 1;
        break;
    default: // equals, notEquals
        range.low = range.high = number;
        range.negate = condition->op == FilterOperator::NotEquals;
        break;
    }
    return true;
}

bool FilterJsonReader::readTimeRange(const QJsonValue &value, const QString &path,
                                     FilterCondition *condition) {
    FilterRange &range = condition->range;
    qint64 first = 0, last = 0;
    if (condition->op == FilterOperator::Between) {
        qint64 toFirst = 0, toLast = 0;
        if (!readPair(value, path, u"times, each "_s + TimeHint) ||
            !readTime(value.toArray().at(0), indexPath(path, 0), &first, &last) ||
            !readTime(value.toArray().at(1), indexPath(path, 1), &toFirst, &toLast)) {
            return false;
        }
        if (first > toLast)
            return fail(path, u"from is after to"_s);
        range.low = first;
        range.high = toLast;
        return true;
    }
    if (!readTime(value, path, &first, &last))
        return false;
    if (condition->op == FilterOperator::Less)
        range.high = first - 1; // before the day or second named
    else
        range.low = last + 1; // after the day or second named
    return true;
}

QJsonObject filterNodeToJson(const FilterNode &node) {
    if (!node.isGroup()) {
        QJsonObject json{{u"field"_s, filterFieldInfo(node.condition.field).name},
                         {u"operator"_s, filterOperatorName(node.condition.op)}};
        if (!node.condition.value.isUndefined() && !node.condition.value.isNull())
            json.insert(u"value"_s, node.condition.value);
        return json;
    }
    QJsonArray children;
    for (const FilterNode &child : node.children)
        children.append(filterNodeToJson(child));
    QJsonObject json{{u"op"_s, node.any ? u"or"_s : u"and"_s}, {u"conditions"_s, children}};
    if (node.negate)
        json.insert(u"not"_s, true);
    return json;
}

} // namespace Replicall
