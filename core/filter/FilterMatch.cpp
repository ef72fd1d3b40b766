// SPDX-License-Identifier: GPL-3.0-or-later
// Filter evaluated over one recording in memory: the twin of FilterSql.cpp.
#include "filter/Filter.h"
#include "filter/FilterFields.h"
#include "filter/FilterRange.h"
#include "filter/FilterText.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// The strings a text field reads from a recording, in the order of the
// field's catalog columns.
QStringList textsOf(FilterField field, const Recording &r) {
    switch (field) {
    case FilterField::Id:
        return {r.id};
    case FilterField::Tenant:
        return {r.tenant};
    case FilterField::Direction:
        return {r.direction};
    case FilterField::CallerNumber:
        return {r.callerNumber};
    case FilterField::CallerName:
        return {r.callerName};
    case FilterField::CalleeNumber:
        return {r.calleeNumber};
    case FilterField::CalleeName:
        return {r.calleeName};
    case FilterField::AnyParty:
        return {r.callerNumber, r.callerName, r.calleeNumber, r.calleeName};
    default:
        return {};
    }
}

const QStringList &listOf(FilterField field, const Recording &r) {
    switch (field) {
    case FilterField::User:
        return r.users;
    case FilterField::Group:
        return r.groups;
    default:
        return r.categories;
    }
}

qint64 numberOf(FilterField field, const Recording &r) {
    return field == FilterField::Duration ? r.durationMs : r.audioSize;
}

bool textMatches(const QString &value, const FilterCondition &c, bool ignoreCase) {
    const auto fold = [ignoreCase](const QString &text) {
        return ignoreCase ? FilterText::foldAscii(text) : text;
    };
    const QString subject = fold(value);
    const auto isOperand = [&](const QString &text) {
        return subject == fold(text);
    };
    switch (c.op) {
    case FilterOperator::Equals:
        return isOperand(c.texts.constFirst());
    case FilterOperator::NotEquals:
        return !isOperand(c.texts.constFirst());
    case FilterOperator::OneOf:
        return std::any_of(c.texts.cbegin(), c.texts.cend(), isOperand);
    case FilterOperator::NotOneOf:
        return std::none_of(c.texts.cbegin(), c.texts.cend(), isOperand);
    // An empty operand is found in every text; QString says otherwise for a
    // null subject, SQL does not.
    case FilterOperator::Contains:
        return c.texts.constFirst().isEmpty() || subject.contains(fold(c.texts.constFirst()));
    case FilterOperator::StartsWith:
        return c.texts.constFirst().isEmpty() || subject.startsWith(fold(c.texts.constFirst()));
    case FilterOperator::Matches:
        return FilterText::globMatch(fold(c.texts.constFirst()), subject);
    case FilterOperator::IsEmpty:
        return value.isEmpty();
    case FilterOperator::IsNotEmpty:
        return !value.isEmpty();
    default:
        return false;
    }
}

bool listMatches(const QStringList &list, const FilterCondition &c) {
    const auto inOperands = [&c](const QString &item) {
        return c.texts.contains(item);
    };
    switch (c.op) {
    case FilterOperator::Has:
        return list.contains(c.texts.constFirst());
    case FilterOperator::HasNot:
        return !list.contains(c.texts.constFirst());
    case FilterOperator::OneOf:
        return std::any_of(list.cbegin(), list.cend(), inOperands);
    case FilterOperator::NotOneOf:
        return std::none_of(list.cbegin(), list.cend(), inOperands);
    case FilterOperator::IsEmpty:
        return list.isEmpty();
    case FilterOperator::IsNotEmpty:
        return !list.isEmpty();
    default:
        return false;
    }
}

bool conditionMatches(const FilterCondition &c, const Recording &r, const QDateTime &nowUtc) {
    const FilterFieldInfo &field = filterFieldInfo(c.field);
    switch (field.type) {
    case FilterFieldType::List:
        return listMatches(listOf(c.field, r), c);
    case FilterFieldType::Number:
        return c.range.contains(numberOf(c.field, r));
    case FilterFieldType::Time:
        return FilterTime::effectiveRange(c, nowUtc).contains(FilterTime::secondsOf(r.start));
    default: {
        const QStringList texts = textsOf(c.field, r);
        return std::any_of(texts.cbegin(), texts.cend(), [&](const QString &text) {
            return textMatches(text, c, field.ignoreCase);
        });
    }
    }
}

bool nodeMatches(const FilterNode &node, const Recording &r, const QDateTime &nowUtc) {
    if (!node.isGroup())
        return conditionMatches(node.condition, r, nowUtc);
    const auto childMatches = [&](const FilterNode &child) {
        return nodeMatches(child, r, nowUtc);
    };
    // An empty group matches, as an empty filter does (also with "or").
    const bool result =
        node.children.empty() ||
        (node.any ? std::any_of(node.children.cbegin(), node.children.cend(), childMatches)
                  : std::all_of(node.children.cbegin(), node.children.cend(), childMatches));
    return result != node.negate;
}

} // namespace

bool Filter::matches(const Recording &recording, const QDateTime &nowUtc) const {
    return nodeMatches(m_root, recording, nowUtc);
}

} // namespace Replicall
