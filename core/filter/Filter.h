// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/FilterTree.h"
#include "model/Recording.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariantList>
#include <optional>

namespace Replicall {

// A WHERE condition over the catalog table `recordings` (not aliased) with
// its values, to be bound in order to the '?' placeholders.
struct SqlFragment {
    QString where;
    QVariantList values;
};

// The filtering criteria of a job: a tree of AND/OR groups and conditions,
// stored as JSON in Job::filter (docs/filters.md). The same tree runs as SQL
// over the catalog and in memory over one recording, with the same result.
class Filter {
public:
    static constexpr int MaxDepth = 8;        // nested groups, the top group included
    static constexpr int MaxConditions = 200; // conditions in the whole tree
    static constexpr int MaxListValues = 500; // values of one oneOf / notOneOf
    static constexpr qint64 MaxDays = 36500;  // inLastDays / olderThanDays

    // The empty filter: matches every recording.
    Filter() = default;

    // Reads and checks a filter. On bad input returns nothing and sets
    // `error` to a message naming the place in the tree
    // ("conditions[2].value: expected a number of days ..."). An empty
    // object is the empty filter.
    static std::optional<Filter> fromJson(const QJsonObject &json, QString *error);
    QJsonObject toJson() const;

    bool isEmpty() const { return m_root.children.empty() && !m_root.negate; }
    const FilterNode &root() const { return m_root; }

    // Relative times ("last 7 days") are resolved against nowUtc, so a caller
    // that runs SQL and then checks single recordings passes the same instant.
    SqlFragment toSql(const QDateTime &nowUtc) const;
    bool matches(const Recording &recording, const QDateTime &nowUtc) const;

    // "tenant is one of acme, globex AND duration greater than 30 s"
    QString describe() const;

private:
    explicit Filter(FilterNode root)
        : m_root(std::move(root)) {}

    FilterNode m_root;
};

} // namespace Replicall
