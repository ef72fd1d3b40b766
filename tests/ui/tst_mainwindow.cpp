// SPDX-License-Identifier: GPL-3.0-or-later
// The main window and the status page, driven by objectName over a real
// database, and one run against a real replicall-target on 127.0.0.1.
#include "TargetProcess.h"
#include "UiFixture.h"
#include "main/MainWindow.h"
#include "main/RunController.h"
#include "models/JobListModel.h"
#include "status/DayStatsChart.h"
#include "status/JobStatusPage.h"
#include "store/JobStore.h"

#include <QAction>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

// Answers the next modal message box named `name` with `button`, once it shows.
void answerMessageBox(const QString &name, QMessageBox::StandardButton button, bool *seen) {
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, name, button, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != name)
            return;
        *seen = true;
        QTest::mouseClick(box->button(button), Qt::LeftButton);
        timer->deleteLater();
    });
    timer->start();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsJobsFromTheDatabase();
    void filterBoxFiltersTheTable();
    void duplicateWithShortcut();
    void deleteAsksFirst();
    void runShowsProgressThenStatistics();

private:
    template <typename T> T *find(const QString &name) const {
        T *widget = m_window->findChild<T *>(name);
        if (!widget)
            qWarning("no child named %s", qPrintable(name));
        return widget;
    }
    QAction *action(const QString &name) const { return find<QAction>(name); }
    QTableView *jobTable() const { return find<QTableView>(u"jobTable"_s); }
    int jobRows() const { return jobTable()->model()->rowCount(); }

    Test::UiFixture m_fixture;
    std::unique_ptr<RunController> m_runs;
    std::unique_ptr<JobListModel> m_jobs;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase() {
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    for (const QString &name : {u"alpha"_s, u"bravo"_s}) {
        QVERIFY2(m_fixture.addJob(name, m_fixture.dir(),
                                  QUrl(u"https://"_s + name + u".example.com"_s), "t", &error),
                 qPrintable(error));
    }
}

void TestMainWindow::init() {
    m_runs = std::make_unique<RunController>(m_fixture.databasePath());
    m_jobs = std::make_unique<JobListModel>();
    m_window = std::make_unique<MainWindow>(m_jobs.get(), m_runs.get(), m_fixture.databasePath());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy loaded(m_jobs.get(), &JobListModel::loaded);
    m_jobs->reload();
    QVERIFY(loaded.wait(5000));
}

void TestMainWindow::cleanup() {
    m_window.reset();
    m_jobs.reset();
    QVERIFY(m_runs->shutdown(20'000));
    m_runs.reset();
}

void TestMainWindow::showsJobsFromTheDatabase() {
    QCOMPARE(jobRows(), 2);
    QCOMPARE(jobTable()->model()->index(0, JobListModel::NameColumn).data().toString(), u"alpha"_s);
    // The first job is selected and its status page shown.
    QCOMPARE(m_window->selectedJob()->name, u"alpha"_s);
    QCOMPARE(find<QLabel>(u"jobTitleLabel"_s)->text(), u"alpha"_s);
    QVERIFY(action(u"runNowAction"_s)->isEnabled());
    QVERIFY(!action(u"stopAction"_s)->isEnabled());
    QCOMPARE(action(u"newJobAction"_s)->shortcut(), QKeySequence(u"Ctrl+N"_s));
    QCOMPARE(action(u"deleteJobAction"_s)->shortcut(), QKeySequence(QKeySequence::Delete));

    // Clicking the second row selects its job.
    QTableView *table = jobTable();
    const QRect second = table->visualRect(table->model()->index(1, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, second.center());
    QCOMPARE(m_window->selectedJob()->name, u"bravo"_s);
    QCOMPARE(m_window->statusPage()->jobId(), m_window->selectedJob()->id);
}

void TestMainWindow::filterBoxFiltersTheTable() {
    auto *filter = find<QLineEdit>(u"filterEdit"_s);
    QTest::keyClicks(filter, u"BRAV"_s);
    QCOMPARE(jobRows(), 1);
    QCOMPARE(jobTable()->model()->index(0, 0).data().toString(), u"bravo"_s);
    filter->clear();
    QCOMPARE(jobRows(), 2);
}

void TestMainWindow::duplicateWithShortcut() {
    QVERIFY(m_window->selectJob(JobStore::byName(u"alpha"_s)->id));
    QSignalSpy changed(m_window.get(), &MainWindow::jobsChanged);
    jobTable()->setFocus();
    QTest::keyClick(jobTable(), Qt::Key_D, Qt::ControlModifier);
    QVERIFY(changed.wait(5000));
    QTRY_COMPARE(jobRows(), 3);
    const auto copy = JobStore::byName(u"alpha (copy)"_s);
    QVERIFY(copy);
    // The copy has a token of its own, so deleting one keeps the other's.
    QVERIFY(copy->tokenRef != JobStore::byName(u"alpha"_s)->tokenRef);
    QCOMPARE(copy->targetUrl, QUrl(u"https://alpha.example.com"_s));
}

void TestMainWindow::deleteAsksFirst() {
    const auto copy = JobStore::byName(u"alpha (copy)"_s);
    QVERIFY(copy);
    QVERIFY(m_window->selectJob(copy->id));
    const int before = jobRows();

    bool asked = false;
    answerMessageBox(u"deleteConfirmation"_s, QMessageBox::Cancel, &asked);
    action(u"deleteJobAction"_s)->trigger();
    QVERIFY(asked);
    QTest::qWait(200);
    QCOMPARE(jobRows(), before);
    QVERIFY(JobStore::byId(copy->id));

    asked = false;
    QSignalSpy changed(m_window.get(), &MainWindow::jobsChanged);
    answerMessageBox(u"deleteConfirmation"_s, QMessageBox::Yes, &asked);
    // The confirmation took the focus; shortcuts need the window active again.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    jobTable()->setFocus();
    QTest::keyClick(jobTable(), Qt::Key_Delete);
    QVERIFY(asked);
    QVERIFY(changed.wait(5000));
    QTRY_COMPARE(jobRows(), before - 1);
    QVERIFY(!JobStore::byId(copy->id));
}

void TestMainWindow::runShowsProgressThenStatistics() {
    Test::TargetProcess target;
    QString error;
    QVERIFY2(target.start(&error), qPrintable(error));
    const QString token = target.createToken(u"ui"_s, {u"acme"_s, u"globex"_s});
    QVERIFY(!token.isEmpty());
    const QString archive = m_fixture.dir() + u"/archive"_s;
    constexpr int Calls = 40;
    QVERIFY2(m_fixture.writeArchive(archive, Calls, 5, &error), qPrintable(error));
    const auto job =
        m_fixture.addJob(u"charlie"_s, archive, target.baseUrl(), token.toUtf8(), &error);
    QVERIFY2(job, qPrintable(error));
    QSignalSpy loaded(m_jobs.get(), &JobListModel::loaded);
    m_jobs->reload();
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_window->selectJob(job->id));

    JobStatusPage *page = m_window->statusPage();
    auto *progressBar = find<QProgressBar>(u"filesProgressBar"_s);
    QSignalSpy progress(m_runs.get(), &RunController::progressChanged);
    QSignalSpy finished(m_runs.get(), &RunController::runFinished);
    QSignalSpy pageLoaded(page, &JobStatusPage::loaded);
    QTest::keyClick(jobTable(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(m_runs->isRunning(job->id));
    QVERIFY(!action(u"runNowAction"_s)->isEnabled());
    QVERIFY(action(u"stopAction"_s)->isEnabled());

    // Progress reaches the page while the run goes on, and the job table's
    // state column carries the bar for the delegate.
    int bestSeen = 0;
    int bestPercent = -1;
    const int row = m_jobs->rowOfJob(job->id);
    QElapsedTimer clock;
    clock.start();
    while (finished.isEmpty() && clock.elapsed() < 60'000) {
        QTest::qWait(20);
        bestSeen = qMax(bestSeen, progressBar->maximum() > 1 ? progressBar->value() : 0);
        bestPercent = qMax(
            bestPercent, m_jobs->index(row, JobListModel::StateColumn).data(ProgressRole).toInt());
    }
    QCOMPARE(finished.size(), 1);
    QVERIFY(!progress.isEmpty());
    QVERIFY2(bestPercent >= 0, "the state column never showed progress");
    const RunSummary summary = finished.first().at(1).value<RunSummary>();
    QVERIFY2(summary.ok(), qPrintable(summary.message));
    QCOMPARE(summary.uploaded, Calls);
    QVERIFY(progress.last().at(1).value<RunProgress>().filesTotal == Calls);
    Q_UNUSED(bestSeen) // progress may be too fast to sample mid-run; the signals prove it

    // Then the statistics: the table and the chart agree with the run.
    QTRY_VERIFY_WITH_TIMEOUT(!pageLoaded.isEmpty() && !page->isLoading(), 10'000);
    QTRY_VERIFY(find<QTableView>(u"statsTable"_s)->model()->rowCount() > 0);
    QAbstractItemModel *stats = find<QTableView>(u"statsTable"_s)->model();
    qint64 replicated = 0;
    for (int day = 0; day < stats->rowCount(); ++day)
        replicated += stats->index(day, 1).data().toLongLong();
    QCOMPARE(replicated, qint64(Calls));

    auto *chart = find<DayStatsChart>(u"statsChart"_s);
    QBarSeries *series = chart->series();
    QCOMPARE(series->count(), 3);
    QCOMPARE(series->barSets().at(0)->count(), stats->rowCount());
    double charted = 0;
    for (int day = 0; day < series->barSets().at(0)->count(); ++day)
        charted += series->barSets().at(0)->at(day);
    QCOMPARE(charted, double(Calls));

    QCOMPARE(find<QTableView>(u"runHistoryTable"_s)->model()->rowCount(), 1);
    QCOMPARE(find<QTableView>(u"failureTable"_s)->model()->rowCount(), 0);

    // A date range before the calls shows no day.
    const QDate today = QDate::currentDate();
    pageLoaded.clear();
    page->setDateRange(today.addYears(-2), today.addYears(-1));
    QVERIFY(pageLoaded.wait(5000));
    QCOMPARE(stats->rowCount(), 0);
    QCOMPARE(series->barSets().at(0)->count(), 0);

    // The job list shows the run's result.
    QTRY_VERIFY(m_jobs->index(m_jobs->rowOfJob(job->id), JobListModel::LastRunColumn)
                    .data()
                    .toString()
                    .contains(u"succeeded"_s));
    target.stop();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
