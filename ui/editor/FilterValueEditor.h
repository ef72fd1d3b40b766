// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/FilterFields.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <functional>

namespace Replicall {

// The value part of one filter condition, shaped by its field and operator:
// a date-time for an absolute start, spin boxes for days, seconds and sizes,
// a pick list of what the catalog holds (tenants, users, groups, categories,
// directions), several of them for oneOf, a line edit for free text, two
// editors for between, nothing for isEmpty.
class FilterValueEditor : public QWidget {
    Q_OBJECT
public:
    // choices: values the catalog knows for this field (may be empty).
    FilterValueEditor(const FilterFieldInfo &field, FilterOperator op, const QStringList &choices,
                      QWidget *parent = nullptr);

    // The JSON value of the condition; undefined when the operator takes none.
    QJsonValue value() const;
    // Takes a value as written in a filter; parts of another type are ignored
    // so a value survives a change of operator where it still fits.
    void setValue(const QJsonValue &value);

Q_SIGNALS:
    void changed();

private:
    struct Part {
        std::function<QJsonValue()> get;
        std::function<void(const QJsonValue &)> set;
    };
    Part scalarPart(const FilterFieldInfo &field, FilterOperator op, const QStringList &choices);
    Part daysPart();
    Part timePart();
    Part secondsPart();
    Part bytesPart();
    Part textPart();
    Part pickPart(const QStringList &choices, bool editable);
    Part listPart(const QStringList &choices);

    QList<Part> m_parts;
    bool m_pair = false; // between: [from, to]
};

} // namespace Replicall
