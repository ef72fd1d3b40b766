// SPDX-License-Identifier: GPL-3.0-or-later
// The schedule editor driven as a person uses it: kind combo, weekday boxes,
// times, and the run window painted with the mouse and the keyboard.
#include "EditorTestSupport.h"
#include "editor/RunWindowGrid.h"
#include "editor/ScheduleEditor.h"
#include "schedule/RunWindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;
using Replicall::Test::child;
using Replicall::Test::typeInto;

namespace {

// Wednesday 2026-11-18 12:00 UTC.
const QDateTime Now(QDate(2026, 11, 18), QTime(12, 0), QTimeZone::utc());

} // namespace

class TestScheduleEditor : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ScheduleEditor> m_editor;

    RunWindowGrid *grid() { return child<RunWindowGrid>(m_editor.get(), u"windowGrid"_s); }
    QPoint centre(int day, int hour) { return grid()->cellRect(day, hour).center(); }

private slots:
    void init() {
        m_editor = std::make_unique<ScheduleEditor>();
        m_editor->setPreviewTime(Now, QTimeZone::utc());
        m_editor->resize(700, 600);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    }

    void cleanup() { m_editor.reset(); }

    void defaultsToManual() {
        QCOMPARE(m_editor->schedule(), u"manual"_s);
        QCOMPARE(m_editor->window(), QString());
        QVERIFY(m_editor->isValid());
        auto *list = child<QListWidget>(m_editor.get(), u"nextRunsList"_s);
        QCOMPARE(list->count(), 1);
        QVERIFY(m_editor->nextRuns().isEmpty());
    }

    void weeklyScheduleListsNextRuns() {
        QSignalSpy changed(m_editor.get(), &ScheduleEditor::changed);
        child<QComboBox>(m_editor.get(), u"kindCombo"_s)->setCurrentIndex(3); // weekly
        QTest::mouseClick(child<QCheckBox>(m_editor.get(), u"mondayCheck"_s), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(m_editor.get(), u"fridayCheck"_s), Qt::LeftButton);
        typeInto(child<QLineEdit>(m_editor.get(), u"timesEdit"_s), u"22:30"_s);
        QVERIFY(changed.count() > 0);

        QCOMPARE(m_editor->schedule(), u"weekly mon,fri 22:30"_s);
        QVERIFY2(m_editor->isValid(), qPrintable(m_editor->problem()));
        const QList<QDateTime> expected = {
            QDateTime(QDate(2026, 11, 20), QTime(22, 30), QTimeZone::utc()), // Friday
            QDateTime(QDate(2026, 11, 23), QTime(22, 30), QTimeZone::utc()), // Monday
            QDateTime(QDate(2026, 11, 27), QTime(22, 30), QTimeZone::utc()),
            QDateTime(QDate(2026, 11, 30), QTime(22, 30), QTimeZone::utc()),
            QDateTime(QDate(2026, 12, 4), QTime(22, 30), QTimeZone::utc()),
        };
        QCOMPARE(m_editor->nextRuns(), expected);
        auto *list = child<QListWidget>(m_editor.get(), u"nextRunsList"_s);
        QCOMPARE(list->count(), 5);
        QVERIFY2(list->item(0)->text().contains(u"2026-11-20 22:30"_s),
                 qPrintable(list->item(0)->text()));
        QVERIFY2(list->item(4)->text().contains(u"2026-12-04 22:30"_s),
                 qPrintable(list->item(4)->text()));
    }

    void setScheduleFillsTheControls() {
        m_editor->setSchedule(u"weekly fri,mon 22:30"_s);
        QCOMPARE(child<QComboBox>(m_editor.get(), u"kindCombo"_s)->currentIndex(), 3);
        QVERIFY(child<QCheckBox>(m_editor.get(), u"mondayCheck"_s)->isChecked());
        QVERIFY(child<QCheckBox>(m_editor.get(), u"fridayCheck"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(m_editor.get(), u"tuesdayCheck"_s)->isChecked());
        QCOMPARE(child<QLineEdit>(m_editor.get(), u"timesEdit"_s)->text(), u"22:30"_s);
        QCOMPARE(m_editor->schedule(), u"weekly mon,fri 22:30"_s);

        m_editor->setSchedule(u"every 120m"_s);
        QCOMPARE(child<QSpinBox>(m_editor.get(), u"intervalSpinBox"_s)->value(), 2);
        QCOMPARE(child<QComboBox>(m_editor.get(), u"intervalUnitCombo"_s)->currentIndex(), 1);
        QCOMPARE(m_editor->schedule(), u"every 2h"_s);
        // Never ran: due at once, then every two hours.
        QCOMPARE(m_editor->nextRuns().value(1), Now.addSecs(2 * 3600));

        for (const QString &spec : {u"manual"_s, u"continuous"_s, u"daily 02:00,14:30"_s,
                                    u"every 15m"_s, u"weekly mon-fri 08:00,20:00"_s}) {
            m_editor->setSchedule(spec);
            QCOMPARE(m_editor->schedule(), spec);
        }
    }

    void badTimesAreNamed() {
        child<QComboBox>(m_editor.get(), u"kindCombo"_s)->setCurrentIndex(2); // daily
        typeInto(child<QLineEdit>(m_editor.get(), u"timesEdit"_s), u"02:00, 25:00"_s);
        QVERIFY2(m_editor->problem().contains(u"'25:00' is not a time of day"_s),
                 qPrintable(m_editor->problem()));
        auto *label = child<QLabel>(m_editor.get(), u"scheduleProblemLabel"_s);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), m_editor->problem());
        QVERIFY(m_editor->nextRuns().isEmpty());

        child<QComboBox>(m_editor.get(), u"kindCombo"_s)->setCurrentIndex(3); // weekly, no day
        typeInto(child<QLineEdit>(m_editor.get(), u"timesEdit"_s), u"02:00"_s);
        QVERIFY(!m_editor->isValid());

        m_editor->setSchedule(u"hourly"_s);
        QVERIFY2(m_editor->problem().contains(u"'hourly'"_s), qPrintable(m_editor->problem()));
    }

    void windowNeedsASchedule() {
        // A window limits when scheduled runs start; a manual job has none to limit.
        QVERIFY(!child<QWidget>(m_editor.get(), u"windowGroup"_s)->isEnabled());
        m_editor->setSchedule(u"daily 02:00"_s);
        QVERIFY(child<QWidget>(m_editor.get(), u"windowGroup"_s)->isEnabled());
    }

    void paintingTheGridSetsTheWindow() {
        m_editor->setSchedule(u"continuous"_s);
        QTest::mouseClick(child<QPushButton>(m_editor.get(), u"windowClearButton"_s),
                          Qt::LeftButton);
        QCOMPARE(m_editor->window(), u"never"_s);

        // Monday 22:00-24:00 in one horizontal stroke...
        QTest::mousePress(grid(), Qt::LeftButton, {}, centre(1, 22));
        QTest::mouseMove(grid(), centre(1, 23));
        QTest::mouseRelease(grid(), Qt::LeftButton, {}, centre(1, 23));
        // ...and the first hour of Saturday and Sunday in a vertical one.
        QTest::mousePress(grid(), Qt::LeftButton, {}, centre(6, 0));
        QTest::mouseMove(grid(), centre(7, 0));
        QTest::mouseRelease(grid(), Qt::LeftButton, {}, centre(7, 0));

        RunWindow expected = RunWindow::never();
        expected.setOpen(1, 22, true);
        expected.setOpen(1, 23, true);
        expected.setOpen(6, 0, true);
        expected.setOpen(7, 0, true);
        QCOMPARE(m_editor->window(), expected.toString());
        RunWindow parsed;
        QVERIFY(RunWindow::parse(m_editor->window(), &parsed, nullptr));
        QCOMPARE(parsed.toGrid(), expected.toGrid());

        // A stroke that starts on an open hour closes what it passes.
        QTest::mousePress(grid(), Qt::LeftButton, {}, centre(1, 23));
        QTest::mouseMove(grid(), centre(1, 22));
        QTest::mouseMove(grid(), centre(1, 21)); // closed already: stays closed
        QTest::mouseRelease(grid(), Qt::LeftButton, {}, centre(1, 21));
        expected.setOpen(1, 22, false);
        expected.setOpen(1, 23, false);
        QCOMPARE(m_editor->window(), expected.toString());
        QVERIFY(child<QLabel>(m_editor.get(), u"windowSpecLabel"_s)
                    ->text()
                    .contains(expected.toString()));
    }

    void gridWorksFromTheKeyboard() {
        m_editor->setSchedule(u"every 1h"_s);
        m_editor->setWindow(u"never"_s);
        grid()->setFocus();
        QTest::keyClick(grid(), Qt::Key_Space);                    // Monday 00:00 opens
        QTest::keyClick(grid(), Qt::Key_Right, Qt::ShiftModifier); // carried to 01:00
        QTest::keyClick(grid(), Qt::Key_Down);
        QTest::keyClick(grid(), Qt::Key_Space); // Tuesday 01:00
        RunWindow expected = RunWindow::never();
        expected.setOpen(1, 0, true);
        expected.setOpen(1, 1, true);
        expected.setOpen(2, 1, true);
        QCOMPARE(m_editor->window(), expected.toString());
    }

    void windowSpecsRoundTripAndBadOnesAreKept() {
        m_editor->setSchedule(u"daily 02:00"_s);
        m_editor->setWindow(u"mon-fri 20:00-06:00; sat,sun 00:00-24:00"_s);
        RunWindow expected;
        QVERIFY(
            RunWindow::parse(u"mon-fri 20:00-06:00; sat,sun 00:00-24:00"_s, &expected, nullptr));
        QCOMPARE(m_editor->window(), expected.toString());
        QCOMPARE(grid()->window(), expected);
        // A run at 02:00 on a weekday night is inside the window.
        QCOMPARE(m_editor->nextRuns().value(0),
                 QDateTime(QDate(2026, 11, 19), QTime(2, 0), QTimeZone::utc()));

        m_editor->setWindow(u"mon 25:00-26:00"_s);
        QVERIFY2(m_editor->problem().startsWith(u"Run window:"_s), qPrintable(m_editor->problem()));
        QCOMPARE(m_editor->window(), u"mon 25:00-26:00"_s);
        // Painting replaces the unreadable spec.
        QTest::mouseClick(child<QPushButton>(m_editor.get(), u"windowAlwaysButton"_s),
                          Qt::LeftButton);
        QTest::mouseClick(grid(), Qt::LeftButton, {}, centre(3, 12));
        QVERIFY(m_editor->isValid());
        QVERIFY(!grid()->window().isOpen(3, 12));
    }
};

QTEST_MAIN(TestScheduleEditor)
#include "tst_schedule_editor.moc"
