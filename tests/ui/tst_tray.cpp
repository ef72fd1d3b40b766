// SPDX-License-Identifier: GPL-3.0-or-later
// The tray controller on a desktop without a tray (offscreen), one that
// appears later, its menu, its grouped notifications and "start at login".
#include "TargetProcess.h"
#include "UiFixture.h"
#include "main/RunController.h"
#include "models/JobListModel.h"
#include "store/JobStore.h"
#include "tray/Autostart.h"
#include "tray/NotificationGroup.h"
#include "tray/TrayController.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

// Counts how often a widget was shown and hidden, to tell one toggle from two.
class VisibilityLog : public QObject {
public:
    int shown = 0;
    int hidden = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Show)
            ++shown;
        else if (event->type() == QEvent::Hide)
            ++hidden;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class TestTray : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void withoutTrayTheWindowIsTheApp();
    void menuListsJobsAndActions();
    void failedRunsGiveOneGroupedNotification();
    void trayAppearingLaterKeepsClosedWindowRunning();
    void quitAsksWhileAJobRuns();
    void singleClickTogglesDoubleClickOnlyShows();
    void startInTrayAndAtLogin();
    void notificationGroupSummarises();

private:
    QAction *menuAction(const QString &name) const {
        return m_tray->menu()->findChild<QAction *>(name);
    }

    Test::UiFixture m_fixture;
    Job m_unreachable1;
    Job m_unreachable2;
    std::unique_ptr<RunController> m_runs;
    std::unique_ptr<JobListModel> m_jobs;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<TrayController> m_tray;
};

void TestTray::initTestCase() {
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    QCoreApplication::setOrganizationName(u"ReplicallTest"_s);
    QVERIFY2(m_fixture.writeArchive(m_fixture.dir() + u"/archive"_s, 4, 1, &error),
             qPrintable(error));
    // Nothing listens on port 1: these runs fail at "checking target", for real.
    for (Job *job : {&m_unreachable1, &m_unreachable2}) {
        const auto added = m_fixture.addJob(job == &m_unreachable1 ? u"north"_s : u"south"_s,
                                            m_fixture.dir() + u"/archive"_s,
                                            QUrl(u"http://127.0.0.1:1"_s), "t", &error);
        QVERIFY2(added, qPrintable(error));
        *job = *added;
    }
}

void TestTray::init() {
    m_runs = std::make_unique<RunController>(m_fixture.databasePath());
    m_jobs = std::make_unique<JobListModel>();
    m_window = std::make_unique<QWidget>();
    m_window->setObjectName(u"mainWindow"_s);
    m_tray = std::make_unique<TrayController>(m_jobs.get(), m_runs.get(), m_window.get());
    m_tray->setTrayProbe([] { return false; });
    QSignalSpy loaded(m_jobs.get(), &JobListModel::loaded);
    m_jobs->reload();
    QVERIFY(loaded.wait(5000));
}

void TestTray::cleanup() {
    m_tray.reset();
    m_window.reset();
    m_jobs.reset();
    QVERIFY(m_runs->shutdown(20'000));
    m_runs.reset();
}

void TestTray::withoutTrayTheWindowIsTheApp() {
    QVERIFY(!m_tray->isTrayShown());
    QCOMPARE(m_tray->state(), TrayController::State::Idle);
    QVERIFY(m_tray->toolTip().contains(u"Idle"_s));
    // Nowhere to hide: the app must start with its window, whatever was asked.
    QVERIFY(!m_tray->shouldStartHidden(true));
    m_window->show();
    QSignalSpy quitting(m_tray.get(), &TrayController::quitting);
    QVERIFY(!m_window->close() || !m_window->isVisible());
    QCOMPARE(quitting.size(), 1); // closing the window quits when there is no tray
}

void TestTray::menuListsJobsAndActions() {
    for (const QString &name :
         {u"trayOpenAction"_s, u"trayRunAllAction"_s, u"trayPauseAction"_s, u"startInTrayAction"_s,
          u"startAtLoginAction"_s, u"trayQuitAction"_s})
        QVERIFY2(menuAction(name), qPrintable(name));
    auto *runMenu = m_tray->menu()->findChild<QMenu *>(u"trayRunMenu"_s);
    QVERIFY(runMenu);
    QStringList names;
    const QList<QAction *> actions = runMenu->actions();
    for (const QAction *action : actions)
        names.append(action->text());
    QCOMPARE(names, QStringList({u"north"_s, u"south"_s}));
    QVERIFY(!menuAction(u"trayPauseAction"_s)->isEnabled()); // nothing runs

    // "Open" shows the hidden window.
    QVERIFY(!m_window->isVisible());
    menuAction(u"trayOpenAction"_s)->trigger();
    QVERIFY(m_window->isVisible());
    m_tray->toggleWindow();
    QVERIFY(!m_window->isVisible());
}

void TestTray::failedRunsGiveOneGroupedNotification() {
    QSignalSpy notified(m_tray.get(), &TrayController::notified);
    QSignalSpy finished(m_runs.get(), &RunController::runFinished);
    menuAction(u"trayRunAllAction"_s)->trigger();
    QCOMPARE(m_tray->state(), TrayController::State::Running);
    QVERIFY(m_tray->toolTip().contains(u"north"_s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30'000);
    QCOMPARE(m_tray->state(), TrayController::State::Error);
    QVERIFY(m_tray->toolTip().contains(u"Jobs whose last run failed: 2"_s));

    // Both failures arrive as one message after a short delay.
    QVERIFY(notified.wait(TrayController::NotificationDelayMs + 2000));
    QTest::qWait(500);
    QCOMPARE(notified.size(), 1);
    const auto note = notified.first().first().value<Notification>();
    QVERIFY(note.error);
    QCOMPARE(note.title, u"Replication runs failed: 2"_s);
    QVERIFY(note.body.contains(u"north failed"_s));
    QVERIFY(note.body.contains(u"south failed"_s));
}

void TestTray::trayAppearingLaterKeepsClosedWindowRunning() {
    QSettings().remove(u"tray/closeNoticeShown"_s);
    bool trayThere = false;
    m_tray->setTrayProbe([&trayThere] { return trayThere; });
    QVERIFY(!m_tray->isTrayShown());
    trayThere = true; // e.g. the panel finished starting
    QTRY_VERIFY_WITH_TIMEOUT(m_tray->isTrayShown(), TrayController::TrayProbeIntervalMs + 2000);
    QVERIFY(m_tray->shouldStartHidden(true));

    QSignalSpy notified(m_tray.get(), &TrayController::notified);
    QSignalSpy quitting(m_tray.get(), &TrayController::quitting);
    m_window->show();
    m_window->close();
    QVERIFY(!m_window->isVisible());
    QCOMPARE(quitting.size(), 0);
    QCOMPARE(notified.size(), 1); // told once that it keeps running
    m_window->show();
    m_window->close();
    QCOMPARE(notified.size(), 1);
    QVERIFY(QSettings().value(u"tray/closeNoticeShown"_s).toBool());
}

void TestTray::quitAsksWhileAJobRuns() {
    Test::TargetProcess target;
    QString error;
    QVERIFY2(target.start(&error), qPrintable(error));
    const QString token = target.createToken(u"tray"_s, {u"acme"_s, u"globex"_s});
    const QString archive = m_fixture.dir() + u"/big-archive"_s;
    QVERIFY2(m_fixture.writeArchive(archive, 60, 2, &error), qPrintable(error));
    auto job = m_fixture.addJob(u"busy"_s, archive, target.baseUrl(), token.toUtf8(), &error);
    QVERIFY2(job, qPrintable(error));
    job->bandwidth = 64 * 1024; // slow enough to be still running while we ask
    QVERIFY2(JobStore::update(*job, &error), qPrintable(error));
    QVERIFY(m_runs->start(*job));

    auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(100, qApp, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box && box->objectName() == u"quitConfirmation"_s)
                box->button(button)->click();
        });
    };
    QSignalSpy quitting(m_tray.get(), &TrayController::quitting);
    answer(QMessageBox::Cancel);
    QVERIFY(!m_tray->quit());
    QVERIFY(m_runs->isRunning(job->id));
    QCOMPARE(quitting.size(), 0);

    answer(QMessageBox::Yes);
    QVERIFY(m_tray->quit());
    QCOMPARE(quitting.size(), 1);
    QVERIFY(!m_runs->hasRunning()); // stopped before quitting
    target.stop();
}

// A single click waits one double-click interval (it may be the first of a
// pair) and then toggles; a double click shows at once and its first click
// does not toggle afterwards.
void TestTray::singleClickTogglesDoubleClickOnlyShows() {
    m_tray->setTrayProbe([] { return true; });
    QVERIFY(m_tray->isTrayShown());
    auto *icon = m_tray->findChild<QSystemTrayIcon *>();
    QVERIFY(icon);
    VisibilityLog log;
    m_window->installEventFilter(&log);
    const int interval = QApplication::doubleClickInterval();
    auto click = [icon](QSystemTrayIcon::ActivationReason reason) {
        Q_EMIT icon->activated(reason);
    };

    // Single click on the hidden window: shown once the interval has passed.
    QVERIFY(!m_window->isVisible());
    click(QSystemTrayIcon::Trigger);
    QVERIFY(!m_window->isVisible()); // not yet: a second click may follow
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isVisible(), interval + 1000);
    QCOMPARE(log.shown, 1);

    // Single click on the shown window hides it.
    click(QSystemTrayIcon::Trigger);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), interval + 1000);
    QCOMPARE(log.hidden, 1);

    // Double click (the platform sends Trigger, then DoubleClick): shown at
    // once, and it stays shown after the first click's interval.
    click(QSystemTrayIcon::Trigger);
    click(QSystemTrayIcon::DoubleClick);
    QVERIFY(m_window->isVisible());
    QTest::qWait(interval * 2);
    QVERIFY(m_window->isVisible());
    QCOMPARE(log.shown, 2);
    QCOMPARE(log.hidden, 1);

    // A double click on the shown window leaves it shown: it never hides.
    click(QSystemTrayIcon::Trigger);
    click(QSystemTrayIcon::DoubleClick);
    QTest::qWait(interval * 2);
    QVERIFY(m_window->isVisible());
    QCOMPARE(log.hidden, 1);
    m_window->removeEventFilter(&log);
}

void TestTray::startInTrayAndAtLogin() {
    QAction *inTray = m_tray->startInTrayAction();
    inTray->setChecked(true);
    QVERIFY(QSettings().value(u"tray/startInTray"_s).toBool());
    inTray->setChecked(false);
    QVERIFY(!QSettings().value(u"tray/startInTray"_s).toBool());

    const QString entry = Autostart::desktopFilePath();
    QVERIFY2(entry.startsWith(m_fixture.dir()), qPrintable(entry));
    QVERIFY(!QFile::exists(entry));
    m_tray->startAtLoginAction()->setChecked(true);
    QVERIFY(QFile::exists(entry));
    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(u"[Desktop Entry]"_s));
    QVERIFY(text.contains(u"--minimized"_s));
    QVERIFY(Autostart::isEnabled());
    m_tray->startAtLoginAction()->setChecked(false);
    QVERIFY(!QFile::exists(entry));
}

void TestTray::notificationGroupSummarises() {
    NotificationGroup group;
    QVERIFY(group.isEmpty());
    group.addFailure(u"north"_s, {u"call-1"_s, u"recording"_s, u"rejected"_s});
    group.addFailure(u"north"_s, {u"call-2"_s, u"recording"_s, u"rejected"_s});
    group.addFailure(u"west"_s, {u"call-9"_s, u"transient"_s, u"timeout"_s});
    Notification note = group.take();
    QVERIFY(group.isEmpty());
    QCOMPARE(note.title, u"Recordings failed: 3"_s);
    QVERIFY(note.body.contains(u"north: 2 failed, e.g. call-1: rejected"_s));
    QVERIFY(note.error);

    for (int i = 0; i < 8; ++i) {
        RunSummary summary;
        summary.jobName = u"job%1"_s.arg(i);
        summary.status = u"succeeded"_s;
        summary.uploaded = i;
        group.addFinished(summary);
    }
    note = group.take();
    QCOMPARE(note.title, u"Replication runs finished: 8"_s);
    QVERIFY(!note.error);
    QCOMPARE(note.body.count(u'\n'), NotificationGroup::MaxLines - 1);
    QVERIFY(note.body.endsWith(u"… and 4 more"_s));
}

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
