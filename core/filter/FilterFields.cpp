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

// Labels are marked with QT_TRANSLATE_NOOP for lupdate and stay English here;
// the filter builder translates them in the context "Replicall::FilterFields".
FilterFieldInfo makeField(FilterField field, const QString &name, const char *label,
                          FilterFieldType type, const QStringList &columns, bool ignoreCase = false,
                          qint64 scale = 1, const QStringList &choices = {}) {
    const QString text = QString::fromUtf8(label);
    return {field, name, text, type, columns, ignoreCase, scale, choices, operatorsFor(type)};
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
        makeField(FilterField::Id, u"id"_s, QT_TRANSLATE_NOOP("Replicall::FilterFields", "id"),
                  T::Text, {u"id"_s}),
        makeField(FilterField::Tenant, u"tenant"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "tenant"), T::Text, {u"tenant"_s}),
        makeField(FilterField::User, u"user"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "user"), T::List, {u"users"_s}),
        makeField(FilterField::Group, u"group"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "group"), T::List, {u"groups"_s}),
        makeField(FilterField::Category, u"category"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "category"), T::List,
                  {u"categories"_s}),
        makeField(FilterField::Direction, u"direction"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "direction"), T::Choice,
                  {u"direction"_s}, false, 1, {u"inbound"_s, u"outbound"_s, u"internal"_s}),
        makeField(FilterField::Start, u"start"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "start"), T::Time, {u"start_utc"_s}),
        makeField(FilterField::Duration, u"duration"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "duration"), T::Number,
                  {u"duration_ms"_s}, false, 1000),
        makeField(FilterField::CallerNumber, u"callerNumber"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "caller number"), T::Text,
                  {u"caller_number"_s}),
        makeField(FilterField::CallerName, u"callerName"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "caller name"), T::Text,
                  {u"caller_name"_s}, true),
        makeField(FilterField::CalleeNumber, u"calleeNumber"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "callee number"), T::Text,
                  {u"callee_number"_s}),
        makeField(FilterField::CalleeName, u"calleeName"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "callee name"), T::Text,
                  {u"callee_name"_s}, true),
        makeField(FilterField::AnyParty, u"anyParty"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "any party"), T::Party,
                  {u"caller_number"_s, u"caller_name"_s, u"callee_number"_s, u"callee_name"_s},
                  true),
        makeField(FilterField::AudioSize, u"audioSize"_s,
                  QT_TRANSLATE_NOOP("Replicall::FilterFields", "audio size"), T::Number,
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
