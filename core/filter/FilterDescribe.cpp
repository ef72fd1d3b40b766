// SPDX-License-Identifier: GPL-3.0-or-later
// A filter as one line of text for job lists, logs and reports.
#include "filter/Filter.h"
#include "filter/FilterFields.h"

#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

QString quoted(const QString &text) {
    return u'"' + text + u'"';
}

// One value as people read it: "30 s", "1.50 MiB", "2026-11-20", acme.
QString shownValue(const FilterFieldInfo &field, const QJsonValue &value) {
    switch (field.type) {
    case FilterFieldType::Number:
        if (field.scale == 1000)
            return QString::number(value.toDouble()) + u" s"_s;
        return QLocale::c().formattedDataSize(static_cast<qint64>(value.toDouble()));
    case FilterFieldType::Time:
        return value.toString();
    default:
        return value.toString().isEmpty() ? quoted(QString()) : value.toString();
    }
}

QString shownValues(const FilterFieldInfo &field, const QJsonValue &value) {
    QStringList shown;
    const QJsonArray items = value.toArray();
    for (const QJsonValue &item : items)
        shown << shownValue(field, item);
    return shown.join(u", "_s);
}

QString phrase(const FilterCondition &c) {
    const FilterFieldInfo &field = filterFieldInfo(c.field);
    const bool list = field.type == FilterFieldType::List;
    const bool time = field.type == FilterFieldType::Time;
    const QJsonValue &v = c.value;
    switch (c.op) {
    case FilterOperator::Equals:
        return u"is "_s + shownValue(field, v);
    case FilterOperator::NotEquals:
        return u"is not "_s + shownValue(field, v);
    case FilterOperator::OneOf:
        return (list ? u"has any of "_s : u"is one of "_s) + shownValues(field, v);
    case FilterOperator::NotOneOf:
        return (list ? u"has none of "_s : u"is none of "_s) + shownValues(field, v);
    case FilterOperator::Contains:
        return u"contains "_s + quoted(v.toString());
    case FilterOperator::StartsWith:
        return u"starts with "_s + quoted(v.toString());
    case FilterOperator::Matches:
        return u"matches "_s + quoted(v.toString());
    case FilterOperator::Less:
        return (time ? u"before "_s : u"less than "_s) + shownValue(field, v);
    case FilterOperator::Greater:
        return (time ? u"after "_s : u"greater than "_s) + shownValue(field, v);
    case FilterOperator::Between:
        return u"between "_s + shownValue(field, v.toArray().at(0)) + u" and "_s +
               shownValue(field, v.toArray().at(1));
    case FilterOperator::IsEmpty:
        return u"is empty"_s;
    case FilterOperator::IsNotEmpty:
        return u"is not empty"_s;
    case FilterOperator::Has:
        return u"has "_s + shownValue(field, v);
    case FilterOperator::HasNot:
        return u"does not have "_s + shownValue(field, v);
    case FilterOperator::InLastDays:
        return u"in the last "_s + QString::number(c.days) + u" days"_s;
    case FilterOperator::OlderThanDays:
        return u"older than "_s + QString::number(c.days) + u" days"_s;
    }
    return {};
}

QString describeNode(const FilterNode &node, bool nested) {
    if (!node.isGroup())
        return filterFieldInfo(node.condition.field).label + u' ' + phrase(node.condition);
    QStringList parts;
    for (const FilterNode &child : node.children)
        parts << describeNode(child, true);
    QString text =
        parts.isEmpty() ? u"all recordings"_s : parts.join(node.any ? u" OR "_s : u" AND "_s);
    if (node.negate)
        return u"NOT ("_s + text + u')';
    if (nested && parts.size() > 1)
        return u'(' + text + u')';
    return text;
}

} // namespace

QString Filter::describe() const {
    return describeNode(m_root, false);
}

} // namespace Replicall
