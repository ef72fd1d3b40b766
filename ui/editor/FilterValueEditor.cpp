// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/FilterValueEditor.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QTimeZone>
#include <QToolButton>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

QStringList splitList(const QString &text) {
    QStringList items;
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !items.contains(item))
            items << item;
    }
    return items;
}

struct SizeUnit {
    const char *name;
    qint64 factor;
};
constexpr SizeUnit sizeUnits[] = {
    {QT_TRANSLATE_NOOP("Replicall::FilterValueEditor", "bytes"), 1},
    {QT_TRANSLATE_NOOP("Replicall::FilterValueEditor", "KiB"), 1024},
    {QT_TRANSLATE_NOOP("Replicall::FilterValueEditor", "MiB"), 1024 * 1024},
    {QT_TRANSLATE_NOOP("Replicall::FilterValueEditor", "GiB"), 1024 * 1024 * 1024},
};

const QString DayFormat = u"yyyy-MM-dd"_s;

} // namespace

FilterValueEditor::FilterValueEditor(const FilterFieldInfo &field, FilterOperator op,
                                     const QStringList &choices, QWidget *parent)
    : QWidget(parent) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    switch (op) {
    case FilterOperator::IsEmpty:
    case FilterOperator::IsNotEmpty:
        break;
    case FilterOperator::InLastDays:
    case FilterOperator::OlderThanDays:
        m_parts << daysPart();
        break;
    case FilterOperator::OneOf:
    case FilterOperator::NotOneOf:
        m_parts << listPart(field.choices.isEmpty() ? choices : field.choices);
        break;
    case FilterOperator::Between:
        m_pair = true;
        m_parts << scalarPart(field, op, choices);
        layout->addWidget(new QLabel(tr("and"), this));
        m_parts << scalarPart(field, op, choices);
        break;
    default:
        m_parts << scalarPart(field, op, choices);
        break;
    }
    layout->addStretch(1);
}

QJsonValue FilterValueEditor::value() const {
    if (m_parts.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (!m_pair)
        return m_parts.first().get();
    return QJsonArray{m_parts.at(0).get(), m_parts.at(1).get()};
}

void FilterValueEditor::setValue(const QJsonValue &value) {
    if (m_parts.isEmpty())
        return;
    if (!m_pair) {
        m_parts.first().set(value);
        return;
    }
    const QJsonArray pair = value.toArray();
    if (pair.size() == 2) {
        m_parts.at(0).set(pair.at(0));
        m_parts.at(1).set(pair.at(1));
    }
}

FilterValueEditor::Part FilterValueEditor::scalarPart(const FilterFieldInfo &field,
                                                      FilterOperator op,
                                                      const QStringList &choices) {
    switch (field.type) {
    case FilterFieldType::Time:
        return timePart();
    case FilterFieldType::Number:
        // duration is written in seconds (scaled to ms), audioSize in bytes.
        return field.scale == 1000 ? secondsPart() : bytesPart();
    case FilterFieldType::Choice:
        return pickPart(field.choices, false);
    default:
        break;
    }
    const bool pattern = op == FilterOperator::Contains || op == FilterOperator::StartsWith ||
                         op == FilterOperator::Matches;
    if (!pattern && !choices.isEmpty())
        return pickPart(choices, true);
    return textPart();
}

FilterValueEditor::Part FilterValueEditor::daysPart() {
    auto *spin = new QSpinBox(this);
    spin->setObjectName(u"daysSpinBox"_s);
    spin->setRange(0, 36500);
    spin->setValue(7);
    spin->setSuffix(tr(" days"));
    layout()->addWidget(spin);
    connect(spin, &QSpinBox::valueChanged, this, &FilterValueEditor::changed);
    return {[spin] { return QJsonValue(spin->value()); },
            [spin](const QJsonValue &v) {
                if (v.isDouble())
                    spin->setValue(v.toInt());
            }};
}

FilterValueEditor::Part FilterValueEditor::timePart() {
    // Shown in local time, written as UTC. A value given as a whole day
    // ("2026-11-20") stays a day: `greater` a day means "from the next day on",
    // which no single moment expresses.
    auto *edit = new QDateTimeEdit(this);
    edit->setObjectName(u"dateTimeEdit"_s);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    edit->setDateTime(QDateTime(QDate::currentDate(), QTime(0, 0)));
    layout()->addWidget(edit);
    connect(edit, &QDateTimeEdit::dateTimeChanged, this, &FilterValueEditor::changed);
    return {[edit] {
                if (edit->displayFormat() == DayFormat)
                    return QJsonValue(edit->date().toString(Qt::ISODate));
                return QJsonValue(edit->dateTime().toUTC().toString(Qt::ISODate));
            },
            [edit](const QJsonValue &v) {
                const QString text = v.toString();
                const QDate day = QDate::fromString(text, Qt::ISODate);
                if (text.size() == 10 && day.isValid()) {
                    edit->setDisplayFormat(DayFormat);
                    edit->setTimeSpec(Qt::UTC);
                    edit->setDate(day);
                    return;
                }
                const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
                if (time.isValid())
                    edit->setDateTime(time.toLocalTime());
            }};
}

FilterValueEditor::Part FilterValueEditor::secondsPart() {
    auto *spin = new QDoubleSpinBox(this);
    spin->setObjectName(u"secondsSpinBox"_s);
    spin->setRange(0, 1e7);
    spin->setDecimals(1);
    spin->setValue(30);
    spin->setSuffix(tr(" s"));
    layout()->addWidget(spin);
    connect(spin, &QDoubleSpinBox::valueChanged, this, &FilterValueEditor::changed);
    return {[spin] { return QJsonValue(spin->value()); },
            [spin](const QJsonValue &v) {
                if (v.isDouble())
                    spin->setValue(v.toDouble());
            }};
}

FilterValueEditor::Part FilterValueEditor::bytesPart() {
    auto *spin = new QDoubleSpinBox(this);
    spin->setObjectName(u"sizeSpinBox"_s);
    spin->setRange(0, 1e9);
    spin->setDecimals(0);
    auto *unit = new QComboBox(this);
    unit->setObjectName(u"sizeUnitCombo"_s);
    for (const SizeUnit &u : sizeUnits)
        unit->addItem(tr(u.name), u.factor);
    unit->setCurrentIndex(1);
    layout()->addWidget(spin);
    layout()->addWidget(unit);
    connect(spin, &QDoubleSpinBox::valueChanged, this, &FilterValueEditor::changed);
    connect(unit, &QComboBox::currentIndexChanged, this, &FilterValueEditor::changed);
    return {[spin, unit] {
                const qint64 factor = unit->currentData().toLongLong();
                return QJsonValue(double(std::llround(spin->value() * double(factor))));
            },
            [spin, unit](const QJsonValue &v) {
                if (!v.isDouble())
                    return;
                const qint64 bytes = qint64(v.toDouble());
                // The largest unit that shows the size exactly.
                int best = 0;
                for (int i = 0; i < unit->count(); ++i) {
                    const qint64 factor = unit->itemData(i).toLongLong();
                    if (bytes > 0 && bytes % factor == 0)
                        best = i;
                }
                unit->setCurrentIndex(best);
                spin->setValue(double(bytes / unit->itemData(best).toLongLong()));
            }};
}

FilterValueEditor::Part FilterValueEditor::textPart() {
    auto *edit = new QLineEdit(this);
    edit->setObjectName(u"textEdit"_s);
    edit->setPlaceholderText(tr("text"));
    layout()->addWidget(edit);
    connect(edit, &QLineEdit::textChanged, this, &FilterValueEditor::changed);
    return {[edit] { return QJsonValue(edit->text()); },
            [edit](const QJsonValue &v) {
                if (v.isString())
                    edit->setText(v.toString());
            }};
}

FilterValueEditor::Part FilterValueEditor::pickPart(const QStringList &choices, bool editable) {
    auto *combo = new QComboBox(this);
    combo->setObjectName(u"pickCombo"_s);
    combo->setEditable(editable);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(choices);
    combo->setMinimumContentsLength(12);
    layout()->addWidget(combo);
    connect(combo, &QComboBox::currentTextChanged, this, &FilterValueEditor::changed);
    return {[combo] { return QJsonValue(combo->currentText()); },
            [combo](const QJsonValue &v) {
                if (!v.isString())
                    return;
                const int index = combo->findText(v.toString());
                if (index >= 0)
                    combo->setCurrentIndex(index);
                else if (combo->isEditable())
                    combo->setEditText(v.toString());
            }};
}

FilterValueEditor::Part FilterValueEditor::listPart(const QStringList &choices) {
    // Free text with commas for values the catalog does not know yet, and a
    // menu of the ones it does.
    auto *edit = new QLineEdit(this);
    edit->setObjectName(u"listEdit"_s);
    edit->setPlaceholderText(tr("values, separated by commas"));
    edit->setMinimumWidth(160);
    layout()->addWidget(edit);
    connect(edit, &QLineEdit::textChanged, this, &FilterValueEditor::changed);
    if (!choices.isEmpty()) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"listPickButton"_s);
        button->setText(tr("Pick…"));
        button->setToolTip(tr("Pick from the values the archive holds"));
        button->setPopupMode(QToolButton::InstantPopup);
        auto *menu = new QMenu(button);
        for (const QString &choice : choices) {
            QAction *action = menu->addAction(choice);
            action->setData(choice); // the text may gain '&' accelerators
            action->setCheckable(true);
            connect(action, &QAction::toggled, edit, [edit, choice](bool on) {
                QStringList items = splitList(edit->text());
                if (on && !items.contains(choice))
                    items << choice;
                else if (!on)
                    items.removeAll(choice);
                edit->setText(items.join(u", "_s));
            });
        }
        // Tick what the text names each time the menu opens.
        connect(menu, &QMenu::aboutToShow, edit, [menu, edit] {
            const QStringList items = splitList(edit->text());
            const QList<QAction *> actions = menu->actions();
            for (QAction *action : actions) {
                const QSignalBlocker blocker(action);
                action->setChecked(items.contains(action->data().toString()));
            }
        });
        button->setMenu(menu);
        layout()->addWidget(button);
    }
    return {[edit] { return QJsonValue(QJsonArray::fromStringList(splitList(edit->text()))); },
            [edit](const QJsonValue &v) {
                if (!v.isArray())
                    return;
                QStringList items;
                const QJsonArray array = v.toArray();
                for (const QJsonValue &item : array)
                    items << item.toString();
                edit->setText(items.join(u", "_s));
            }};
}

} // namespace Replicall
