// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/ScheduleEditor.h"

#include "schedule/NextRun.h"
#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"
#include "ui_ScheduleEditor.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// Rows of kindCombo, in the order of the .ui file.
enum KindRow { ManualRow, EveryRow, DailyRow, WeeklyRow, ContinuousRow };
enum UnitRow { MinutesRow, HoursRow };
constexpr int PreviewRuns = 5;

QString timeText(int minuteOfDay) {
    return u"%1:%2"_s.arg(minuteOfDay / 60, 2, 10, QLatin1Char('0'))
        .arg(minuteOfDay % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ScheduleEditor::ScheduleEditor(QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::ScheduleEditor>())
    , m_previewZone(QTimeZone::systemTimeZone()) {
    ui->setupUi(this);

    connect(ui->kindCombo, &QComboBox::currentIndexChanged, this, &ScheduleEditor::controlsChanged);
    connect(ui->intervalSpinBox, &QSpinBox::valueChanged, this, &ScheduleEditor::controlsChanged);
    connect(ui->intervalUnitCombo, &QComboBox::currentIndexChanged, this,
            &ScheduleEditor::controlsChanged);
    connect(ui->timesEdit, &QLineEdit::textChanged, this, &ScheduleEditor::controlsChanged);
    for (QCheckBox *check : weekdayChecks())
        connect(check, &QCheckBox::toggled, this, &ScheduleEditor::controlsChanged);
    connect(ui->windowGrid, &RunWindowGrid::windowChanged, this, &ScheduleEditor::gridChanged);
    connect(ui->windowAlwaysButton, &QPushButton::clicked, this,
            [this] { ui->windowGrid->setWindow(RunWindow::always()); });
    connect(ui->windowClearButton, &QPushButton::clicked, this,
            [this] { ui->windowGrid->setWindow(RunWindow::never()); });

    ui->timesEdit->setText(u"02:00"_s);
    ui->kindCombo->setCurrentIndex(ManualRow);
    showKind();
    gridChanged();
}

ScheduleEditor::~ScheduleEditor() = default;

QList<QCheckBox *> ScheduleEditor::weekdayChecks() const {
    return {ui->mondayCheck, ui->tuesdayCheck,  ui->wednesdayCheck, ui->thursdayCheck,
            ui->fridayCheck, ui->saturdayCheck, ui->sundayCheck};
}

QString ScheduleEditor::specFromControls() const {
    const QString times = ui->timesEdit->text().simplified().remove(u' ');
    switch (ui->kindCombo->currentIndex()) {
    case EveryRow:
        return u"every %1%2"_s.arg(ui->intervalSpinBox->value())
            .arg(ui->intervalUnitCombo->currentIndex() == HoursRow ? u"h"_s : u"m"_s);
    case DailyRow:
        return u"daily "_s + times;
    case WeeklyRow: {
        Weekdays days;
        const QList<QCheckBox *> checks = weekdayChecks();
        for (int day = 1; day <= 7; ++day) {
            if (checks.at(day - 1)->isChecked())
                days.add(day);
        }
        // No day ticked yet: leave the part out so the parser names what is missing.
        if (days.isEmpty())
            return u"weekly "_s + times;
        return u"weekly "_s + days.toString() + u' ' + times;
    }
    case ContinuousRow:
        return u"continuous"_s;
    default:
        return u"manual"_s;
    }
}

QString ScheduleEditor::schedule() const {
    const QString spec = specFromControls();
    Schedule parsed;
    return Schedule::parse(spec, &parsed, nullptr) ? parsed.toString() : spec;
}

void ScheduleEditor::setSchedule(const QString &spec) {
    Schedule parsed;
    QString error;
    const bool ok = Schedule::parse(spec, &parsed, &error);
    {
        // The controls' own signals would validate half-set controls.
        m_loading = true;
        QStringList times;
        for (int minute : parsed.times())
            times << timeText(minute);
        switch (parsed.kind()) {
        case Schedule::Kind::Manual:
            ui->kindCombo->setCurrentIndex(ManualRow);
            break;
        case Schedule::Kind::Continuous:
            ui->kindCombo->setCurrentIndex(ContinuousRow);
            break;
        case Schedule::Kind::Every: {
            const int minutes = parsed.intervalMinutes();
            const bool hours = minutes % 60 == 0;
            ui->intervalUnitCombo->setCurrentIndex(hours ? HoursRow : MinutesRow);
            ui->intervalSpinBox->setValue(hours ? minutes / 60 : minutes);
            ui->kindCombo->setCurrentIndex(EveryRow);
            break;
        }
        case Schedule::Kind::Daily:
        case Schedule::Kind::Weekly: {
            const bool weekly = parsed.kind() == Schedule::Kind::Weekly;
            ui->timesEdit->setText(times.join(u", "_s));
            const QList<QCheckBox *> checks = weekdayChecks();
            for (int day = 1; day <= 7; ++day)
                checks.at(day - 1)->setChecked(weekly && parsed.weekdays().contains(day));
            ui->kindCombo->setCurrentIndex(weekly ? WeeklyRow : DailyRow);
            break;
        }
        }
        m_loading = false;
    }
    if (!ok) {
        // Keep what cannot be shown in the controls visible instead of dropping it.
        ui->kindCombo->setCurrentIndex(DailyRow);
        ui->timesEdit->setText(spec);
    }
    controlsChanged();
}

QString ScheduleEditor::window() const {
    if (!m_windowProblem.isEmpty())
        return m_rawWindow;
    return ui->windowGrid->window().toString();
}

void ScheduleEditor::setWindow(const QString &spec) {
    RunWindow parsed;
    QString error;
    if (RunWindow::parse(spec, &parsed, &error)) {
        m_windowProblem.clear();
        m_rawWindow.clear();
        ui->windowGrid->setWindow(parsed);
    } else {
        m_rawWindow = spec;
        m_windowProblem = tr("Run window: %1").arg(error);
    }
    gridChanged();
}

QString ScheduleEditor::problem() const {
    Schedule parsed;
    QString error;
    if (!Schedule::parse(specFromControls(), &parsed, &error))
        return tr("Schedule: %1").arg(error);
    return m_windowProblem;
}

void ScheduleEditor::setPreviewTime(const QDateTime &nowUtc, const QTimeZone &zone) {
    m_previewNow = nowUtc;
    m_previewZone = zone;
    updatePreview();
}

void ScheduleEditor::showKind() {
    const int kind = ui->kindCombo->currentIndex();
    const bool atTimes = kind == DailyRow || kind == WeeklyRow;
    ui->scheduleForm->setRowVisible(ui->intervalLabel, kind == EveryRow);
    ui->scheduleForm->setRowVisible(ui->weekdaysLabel, kind == WeeklyRow);
    ui->scheduleForm->setRowVisible(ui->timesLabel, atTimes);
    // A window limits when scheduled runs start; for manual runs it means nothing.
    ui->windowGroup->setEnabled(kind != ManualRow);
}

void ScheduleEditor::controlsChanged() {
    if (m_loading)
        return;
    showKind();
    const QString problemText = problem();
    ui->scheduleProblemLabel->setText(problemText);
    ui->scheduleProblemLabel->setVisible(!problemText.isEmpty());
    updatePreview();
    Q_EMIT changed();
}

void ScheduleEditor::gridChanged() {
    // Painting replaces a window spec that could not be read.
    if (sender() == ui->windowGrid) {
        m_windowProblem.clear();
        m_rawWindow.clear();
    }
    const RunWindow grid = ui->windowGrid->window();
    QString text;
    if (!m_windowProblem.isEmpty())
        text = m_windowProblem;
    else if (grid.isAlwaysOpen())
        text = tr("May start at any hour");
    else if (grid.isNeverOpen())
        text = tr("Never starts by itself");
    else
        text = tr("May start: %1").arg(grid.toString());
    ui->windowSpecLabel->setText(text);
    controlsChanged();
}

void ScheduleEditor::updatePreview() {
    ui->nextRunsList->clear();
    m_nextRuns.clear();
    Schedule parsed;
    if (!Schedule::parse(specFromControls(), &parsed, nullptr) || !m_windowProblem.isEmpty()) {
        ui->nextRunsList->addItem(tr("(fix the schedule to see the next runs)"));
        return;
    }
    if (parsed.kind() == Schedule::Kind::Manual) {
        ui->nextRunsList->addItem(tr("Runs only when started by hand"));
        return;
    }
    const QDateTime now = m_previewNow.isValid() ? m_previewNow : QDateTime::currentDateTimeUtc();
    m_nextRuns =
        upcoming(parsed, ui->windowGrid->window(), QDateTime(), now, m_previewZone, PreviewRuns);
    if (m_nextRuns.isEmpty()) {
        ui->nextRunsList->addItem(tr("Never: the run window has no open hour"));
        return;
    }
    const QLocale locale;
    for (const QDateTime &run : std::as_const(m_nextRuns)) {
        const QDateTime local = run.toTimeZone(m_previewZone);
        QString text = locale.toString(local, u"ddd yyyy-MM-dd HH:mm"_s);
        if (run <= now)
            text = tr("%1 (now: due at once)").arg(text);
        ui->nextRunsList->addItem(text);
    }
}

} // namespace Replicall
