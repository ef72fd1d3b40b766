// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QTimeZone>
#include <QWidget>
#include <memory>

class QCheckBox;

namespace Replicall {

namespace Ui {
class ScheduleEditor;
}

// Edits a job's schedule ("weekly mon,fri 22:30") and run window (a painted
// week of hours) and previews the next runs in the local time zone.
class ScheduleEditor : public QWidget {
    Q_OBJECT
public:
    explicit ScheduleEditor(QWidget *parent = nullptr);
    ~ScheduleEditor() override;

    // Canonical spec when valid, else the text as built from the controls.
    QString schedule() const;
    // A spec that does not parse is kept as it is and shown as a problem.
    void setSchedule(const QString &spec);

    QString window() const; // "" = always open
    void setWindow(const QString &spec);

    // The first problem of schedule or window, empty when both are valid.
    QString problem() const;
    bool isValid() const { return problem().isEmpty(); }

    // The preview counts from this instant and zone (tests pin them);
    // by default the machine's clock and zone.
    void setPreviewTime(const QDateTime &nowUtc, const QTimeZone &zone);
    QList<QDateTime> nextRuns() const { return m_nextRuns; } // UTC

Q_SIGNALS:
    void changed();

private:
    void controlsChanged();
    void gridChanged();
    void showKind();
    QString specFromControls() const;
    void updatePreview();
    QList<QCheckBox *> weekdayChecks() const;

    std::unique_ptr<Ui::ScheduleEditor> ui;
    QString m_windowProblem; // a window spec given to setWindow() that did not parse
    QString m_rawWindow;
    QList<QDateTime> m_nextRuns;
    QDateTime m_previewNow; // invalid: the current time
    QTimeZone m_previewZone;
    bool m_loading = false;
};

} // namespace Replicall
