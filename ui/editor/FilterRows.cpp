// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/FilterRows.h"

#include "editor/FilterValueEditor.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

QToolButton *makeRemoveButton(QWidget *parent, const QString &toolTip) {
    auto *button = new QToolButton(parent);
    button->setObjectName(u"removeRowButton"_s);
    button->setText(u"✕"_s);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

QHBoxLayout *rowLayout(QWidget *row) {
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(2, 1, 2, 1);
    return layout;
}

} // namespace

FilterConditionRow::FilterConditionRow(const FilterChoices &choices, QWidget *parent)
    : QWidget(parent)
    , m_fieldCombo(new QComboBox(this))
    , m_operatorCombo(new QComboBox(this))
    , m_choices(choices) {
    setObjectName(u"conditionRow"_s);
    m_fieldCombo->setObjectName(u"fieldCombo"_s);
    m_operatorCombo->setObjectName(u"operatorCombo"_s);
    m_fieldCombo->setAccessibleName(tr("Field"));
    m_operatorCombo->setAccessibleName(tr("Operator"));
    for (const FilterFieldInfo &info : filterFields()) {
        m_fieldCombo->addItem(
            QCoreApplication::translate("Replicall::FilterFields", info.label.toUtf8().constData()),
            info.name);
    }
    m_fieldCombo->setCurrentIndex(m_fieldCombo->findData(u"tenant"_s));

    auto *layout = rowLayout(this);
    layout->addWidget(m_fieldCombo);
    layout->addWidget(m_operatorCombo);
    QToolButton *remove = makeRemoveButton(this, tr("Remove this condition"));
    layout->addStretch(1);
    layout->addWidget(remove);
    connect(remove, &QToolButton::clicked, this, &FilterConditionRow::removeRequested);

    fillOperators(FilterOperator::Equals);
    rebuildValueEditor();
    connect(m_fieldCombo, &QComboBox::currentIndexChanged, this, [this] {
        fillOperators(op());
        rebuildValueEditor();
        Q_EMIT changed();
    });
    connect(m_operatorCombo, &QComboBox::currentIndexChanged, this, [this] {
        rebuildValueEditor();
        Q_EMIT changed();
    });
}

const FilterFieldInfo &FilterConditionRow::field() const {
    const FilterFieldInfo *info = filterFieldByName(m_fieldCombo->currentData().toString());
    return info ? *info : filterFields().first();
}

FilterOperator FilterConditionRow::op() const {
    return static_cast<FilterOperator>(m_operatorCombo->currentData().toInt());
}

void FilterConditionRow::fillOperators(FilterOperator preferred) {
    const QSignalBlocker blocker(m_operatorCombo);
    m_operatorCombo->clear();
    const FilterFieldInfo &info = field();
    for (FilterOperator candidate : info.operators)
        m_operatorCombo->addItem(operatorText(info.type, candidate), int(candidate));
    const int index = m_operatorCombo->findData(int(preferred));
    m_operatorCombo->setCurrentIndex(qMax(0, index));
}

void FilterConditionRow::rebuildValueEditor() {
    const QJsonValue previous = m_valueEditor ? m_valueEditor->value() : QJsonValue();
    delete m_valueEditor;
    const FilterFieldInfo &info = field();
    m_valueEditor = new FilterValueEditor(info, op(), m_choices.value(info.field), this);
    m_valueEditor->setObjectName(u"valueEditor"_s);
    m_valueEditor->setValue(previous);
    // Insert between the operator and the stretch before the remove button.
    static_cast<QHBoxLayout *>(layout())->insertWidget(2, m_valueEditor, 1);
    connect(m_valueEditor, &FilterValueEditor::changed, this, &FilterConditionRow::changed);
    setTabOrder(m_operatorCombo, m_valueEditor);
}

void FilterConditionRow::setChoices(const FilterChoices &choices) {
    if (choices.value(field().field) == m_choices.value(field().field)) {
        m_choices = choices;
        return;
    }
    m_choices = choices;
    rebuildValueEditor();
}

QJsonObject FilterConditionRow::toJson() const {
    QJsonObject json{{u"field"_s, field().name}, {u"operator"_s, filterOperatorName(op())}};
    const QJsonValue value = m_valueEditor->value();
    if (!value.isUndefined())
        json.insert(u"value"_s, value);
    return json;
}

void FilterConditionRow::setJson(const QJsonObject &json) {
    {
        const QSignalBlocker fieldBlocker(m_fieldCombo);
        m_fieldCombo->setCurrentIndex(
            qMax(0, m_fieldCombo->findData(json.value(u"field"_s).toString())));
    }
    const std::optional<FilterOperator> wanted =
        filterOperatorByName(json.value(u"operator"_s).toString());
    fillOperators(wanted.value_or(FilterOperator::Equals));
    delete m_valueEditor;
    m_valueEditor = nullptr;
    rebuildValueEditor();
    m_valueEditor->setValue(json.value(u"value"_s));
}

QString FilterConditionRow::operatorText(FilterFieldType type, FilterOperator op) {
    const bool time = type == FilterFieldType::Time;
    switch (op) {
    case FilterOperator::Equals:
        return tr("is");
    case FilterOperator::NotEquals:
        return tr("is not");
    case FilterOperator::OneOf:
        return type == FilterFieldType::List ? tr("has any of") : tr("is one of");
    case FilterOperator::NotOneOf:
        return type == FilterFieldType::List ? tr("has none of") : tr("is none of");
    case FilterOperator::Contains:
        return tr("contains");
    case FilterOperator::StartsWith:
        return tr("starts with");
    case FilterOperator::Matches:
        return tr("matches pattern");
    case FilterOperator::Less:
        return time ? tr("is before") : tr("is less than");
    case FilterOperator::Greater:
        return time ? tr("is after") : tr("is greater than");
    case FilterOperator::Between:
        return tr("is between");
    case FilterOperator::IsEmpty:
        return type == FilterFieldType::List ? tr("has none") : tr("is empty");
    case FilterOperator::IsNotEmpty:
        return type == FilterFieldType::List ? tr("has some") : tr("is not empty");
    case FilterOperator::Has:
        return tr("includes");
    case FilterOperator::HasNot:
        return tr("does not include");
    case FilterOperator::InLastDays:
        return tr("is within the last");
    case FilterOperator::OlderThanDays:
        return tr("is older than");
    }
    return filterOperatorName(op);
}

FilterGroupRow::FilterGroupRow(bool removable, QWidget *parent)
    : QWidget(parent)
    , m_modeCombo(new QComboBox(this)) {
    setObjectName(u"groupRow"_s);
    m_modeCombo->setObjectName(u"groupModeCombo"_s);
    m_modeCombo->setAccessibleName(tr("How the conditions of this group combine"));
    // Data: bit 0 = any (OR), bit 1 = not.
    m_modeCombo->addItem(tr("all of these match (AND)"), 0);
    m_modeCombo->addItem(tr("any of these matches (OR)"), 1);
    m_modeCombo->addItem(tr("not all of these match (NOT AND)"), 2);
    m_modeCombo->addItem(tr("none of these matches (NOT OR)"), 3);

    auto *layout = rowLayout(this);
    layout->addWidget(new QLabel(removable ? tr("Group:") : tr("Recordings where"), this));
    layout->addWidget(m_modeCombo);
    layout->addStretch(1);
    if (removable) {
        QToolButton *remove = makeRemoveButton(this, tr("Remove this group and its conditions"));
        layout->addWidget(remove);
        connect(remove, &QToolButton::clicked, this, &FilterGroupRow::removeRequested);
    }
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, &FilterGroupRow::changed);
}

bool FilterGroupRow::any() const {
    return m_modeCombo->currentData().toInt() & 1;
}

bool FilterGroupRow::negate() const {
    return m_modeCombo->currentData().toInt() & 2;
}

void FilterGroupRow::setMode(bool any, bool negate) {
    m_modeCombo->setCurrentIndex(m_modeCombo->findData((any ? 1 : 0) | (negate ? 2 : 0)));
}

} // namespace Replicall
