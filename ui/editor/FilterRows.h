// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/FilterFields.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace Replicall {

class FilterValueEditor;

// Catalog values a pick list offers, per field (tenant, user, group, category).
using FilterChoices = QMap<FilterField, QStringList>;

// The row of one condition in the filter tree: field, operator, value.
// The operator list follows the field and the value editor follows both.
class FilterConditionRow : public QWidget {
    Q_OBJECT
public:
    explicit FilterConditionRow(const FilterChoices &choices, QWidget *parent = nullptr);

    QJsonObject toJson() const;
    // Takes a condition as written in a filter (already checked by Filter).
    void setJson(const QJsonObject &json);
    void setChoices(const FilterChoices &choices);

    // "operator 'greater'" -> "greater than" as shown in the operator list.
    static QString operatorText(FilterFieldType type, FilterOperator op);

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    const FilterFieldInfo &field() const;
    FilterOperator op() const;
    void fillOperators(FilterOperator preferred);
    void rebuildValueEditor();

    QComboBox *m_fieldCombo;
    QComboBox *m_operatorCombo;
    FilterValueEditor *m_valueEditor = nullptr;
    FilterChoices m_choices;
};

// The row of an AND / OR group: "all of", "any of", "not all of", "none of".
class FilterGroupRow : public QWidget {
    Q_OBJECT
public:
    // The top group cannot be removed.
    explicit FilterGroupRow(bool removable, QWidget *parent = nullptr);

    bool any() const;
    bool negate() const;
    void setMode(bool any, bool negate);

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    QComboBox *m_modeCombo;
};

} // namespace Replicall
