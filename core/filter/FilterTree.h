// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QStringList>
#include <optional>
#include <vector>

namespace Replicall {

// The fields a filter condition can test. FilterFields.cpp holds their names,
// types and the operators that fit each of them.
enum class FilterField {
    Id,
    Tenant,
    User,
    Group,
    Category,
    Direction,
    Start,
    Duration,
    CallerNumber,
    CallerName,
    CalleeNumber,
    CalleeName,
    AnyParty,
    AudioSize,
};

enum class FilterOperator {
    Equals,
    NotEquals,
    OneOf,
    NotOneOf,
    Contains,
    StartsWith,
    Matches,
    Less,
    Greater,
    Between,
    IsEmpty,
    IsNotEmpty,
    Has,
    HasNot,
    InLastDays,
    OlderThanDays,
};

// An inclusive range of integers (milliseconds, bytes or seconds since the epoch).
// A missing bound is open; `negate` turns "inside" into "outside" (notEquals).
struct FilterRange {
    std::optional<qint64> low;
    std::optional<qint64> high;
    bool negate = false;

    bool contains(qint64 v) const {
        const bool inside = (!low || v >= *low) && (!high || v <= *high);
        return inside != negate;
    }
};

// One test "field operator value", already validated and normalised.
struct FilterCondition {
    FilterField field = FilterField::Tenant;
    FilterOperator op = FilterOperator::Equals;
    QStringList texts; // operands of text and list operators, as written
    FilterRange range; // numbers and absolute times, fixed when parsed
    qint64 days = 0;   // inLastDays / olderThanDays
    QJsonValue value;  // the value as written, for toJson()
};

// A node of the tree: either a group (AND/OR of children, maybe negated)
// or a single condition.
struct FilterNode {
    enum class Kind { Group, Condition };
    Kind kind = Kind::Group;
    bool any = false;    // group: OR when true, AND when false
    bool negate = false; // group: NOT of the whole group
    std::vector<FilterNode> children;
    FilterCondition condition;

    bool isGroup() const { return kind == Kind::Group; }
};

} // namespace Replicall
