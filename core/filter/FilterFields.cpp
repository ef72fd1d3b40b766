// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/FilterFields.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

using Op = FilterOperator;

QList<FilterOperator> operatorsFor(FilterFieldType type) {
    switch (type) {
    case FilterFieldType::Text:
        return {Op::Equals,     Op::NotEquals, Op::OneOf,   Op::NotOneOf,  Op::Contains,
                Op::StartsWith, Op::Matches,   Op::IsEmpty, Op::IsNotEmpty};
    case FilterFieldType::Party:
        // Negations over several columns read ambiguously ("no party is X" or
        // "some party is not X"); a NOT group says which one is meant.
        return {Op::Equals, Op::OneOf, Op::Contains, Op::StartsWith, Op::Matches};
    case FilterFieldType::Choice:
        return {Op::Equals, Op::NotEquals, Op::OneOf, Op::NotOneOf};
    case FilterFieldType::List:
        return {Op::Has, Op::HasNot, Op::OneOf, Op::NotOneOf, Op::IsEmpty, Op::IsNotEmpty};
    case FilterFieldType::Number:
        return {Op::Equals, Op::NotEquals, Op::Less, Op::Greater, Op::Between};
    case FilterFieldType::Time:
        return {Op::Less, Op::Greater, Op::Between, Op::InLastDays, Op::OlderThanDays};
    }
    return {};
}

FilterFieldInfo makeField(FilterField field, const QString &name, const QString &label,
                          FilterFieldType type, const QStringList &columns, bool ignoreCase = false,
                          qint64 scale = 1, const QStringList &choices = {}) {
    return {field, name, label, type, columns, ignoreCase, scale, choices, operatorsFor(type)};
}

using OperatorNames = QList<std::pair<FilterOperator, QString>>;

const OperatorNames &operatorNames() {
    static const OperatorNames names = {
        {Op::Equals, u"equals"_s},
        {Op::NotEquals, u"notEquals"_s},
        {Op::OneOf, u"oneOf"_s},
        {Op::NotOneOf, u"notOneOf"_s},
        {Op::Contains, u"contains"_s},
        {Op::StartsWith, u"startsWith"_s},
        {Op::Matches, u"matches"_s},
        {Op::Less, u"less"_s},
        {Op::Greater, u"greater"_s},
        {Op::Between, u"between"_s},
        {Op::IsEmpty, u"isEmpty"_s},
        {Op::IsNotEmpty, u"isNotEmpty"_s},
        {Op::Has, u"has"_s},
        {Op::HasNot, u"hasNot"_s},
        {Op::InLastDays, u"inLastDays"_s},
        {Op::OlderThanDays, u"olderThanDays"_s},
    };
    return names;
}

} // namespace

const QList<FilterFieldInfo> &filterFields() {
    using T = FilterFieldType;
    static const QList<FilterFieldInfo> fields = {
        makeField(FilterField::Id, u"id"_s, u"id"_s, T::Text, {u"id"_s}),
        makeField(FilterField::Tenant, u"tenant"_s, u"tenant"_s, T::Text, {u"tenant"_s}),
        makeField(FilterField::User, u"user"_s, u"user"_s, T::List, {u"users"_s}),
        makeField(FilterField::Group, u"group"_s, u"group"_s, T::List, {u"groups"_s}),
        makeField(FilterField::Category, u"category"_s, u"category"_s, T::List, {u"categories"_s}),
        makeField(FilterField::Direction, u"direction"_s, u"direction"_s, T::Choice,
                  {u"direction"_s}, false, 1, {u"inbound"_s, u"outbound"_s, u"internal"_s}),
        makeField(FilterField::Start, u"start"_s, u"start"_s, T::Time, {u"start_utc"_s}),
        makeField(FilterField::Duration, u"duration"_s, u"duration"_s, T::Number,
                  {u"duration_ms"_s}, false, 1000),
        makeField(FilterField::CallerNumber, u"callerNumber"_s, u"caller number"_s, T::Text,
                  {u"caller_number"_s}),
        makeField(FilterField::CallerName, u"callerName"_s, u"caller name"_s, T::Text,
                  {u"caller_name"_s}, true),
        makeField(FilterField::CalleeNumber, u"calleeNumber"_s, u"callee number"_s, T::Text,
                  {u"callee_number"_s}),
        makeField(FilterField::CalleeName, u"calleeName"_s, u"callee name"_s, T::Text,
                  {u"callee_name"_s}, true),
        makeField(FilterField::AnyParty, u"anyParty"_s, u"any party"_s, T::Party,
                  {u"caller_number"_s, u"caller_name"_s, u"callee_number"_s, u"callee_name"_s},
                  true),
        makeField(FilterField::AudioSize, u"audioSize"_s, u"audio size"_s, T::Number,
                  {u"audio_size"_s}),
    };
    return fields;
}

const FilterFieldInfo &filterFieldInfo(FilterField field) {
    // The table above lists the fields in enum order.
    return filterFields().at(static_cast<int>(field));
}

const FilterFieldInfo *filterFieldByName(const QString &name) {
    for (const FilterFieldInfo &info : filterFields()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

QString filterOperatorName(FilterOperator op) {
    for (const auto &[known, name] : operatorNames()) {
        if (known == op)
            return name;
    }
    return {};
}

std::optional<FilterOperator> filterOperatorByName(const QString &name) {
    for (const auto &[op, known] : operatorNames()) {
        if (known == name)
            return op;
    }
    return std::nullopt;
}

} // namespace Replicall
