// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/FilterTree.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Replicall {

// What kind of value a field holds; it decides which operators fit.
enum class FilterFieldType {
    Text,   // one string per recording
    Party,  // anyParty: a condition on any of several strings
    Choice, // one of a fixed set of strings (direction)
    List,   // a list of strings (users, groups, categories)
    Number, // an integer column; JSON values may be scaled (seconds -> ms)
    Time,   // the call's start
};

// Everything the parser, the SQL builder, the evaluator and the UI need to
// know about one field.
struct FilterFieldInfo {
    FilterField field;
    QString name;  // as written in JSON: "callerNumber"
    QString label; // as shown to people: "caller number"
    FilterFieldType type;
    QStringList columns; // columns of the catalog table `recordings`
    bool ignoreCase;     // compare ignoring ASCII letter case (names)
    qint64 scale;        // Number: JSON value * scale = column value
    QStringList choices; // Choice: the allowed values
    QList<FilterOperator> operators;
};

const QList<FilterFieldInfo> &filterFields();
const FilterFieldInfo &filterFieldInfo(FilterField field);
const FilterFieldInfo *filterFieldByName(const QString &name);

QString filterOperatorName(FilterOperator op);
std::optional<FilterOperator> filterOperatorByName(const QString &name);

} // namespace Replicall
