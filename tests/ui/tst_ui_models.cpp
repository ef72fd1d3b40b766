// SPDX-License-Identifier: GPL-3.0-or-later
// The table models of the desktop application over a real database, each
// checked by QAbstractItemModelTester.
#include "UiFixture.h"
#include "models/DayStatsModel.h"
#include "models/FailureModel.h"
#include "models/Format.h"
#include "models/JobFilterProxyModel.h"
#include "models/JobListModel.h"
#include "models/RunHistoryModel.h"
#include "store/FailureStore.h"
#include "store/JobStore.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"
#include "store/StatsStore.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

class TestUiModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jobListShowsJobsFromTheDatabase();
    void jobListStateFollowsActivity();
    void proxyFiltersAndSorts();
    void runHistoryModel();
    void dayStatsAndFailureModels();
    void schedulesAndTriggersInWords();

private:
    qint64 addSuccess(qint64 jobId, qint64 runId, const QString &id, const QString &day);

    Test::UiFixture m_fixture;
    Job m_nightly;
    Job m_branch;
};

void TestUiModels::initTestCase() {
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    const auto nightly = m_fixture.addJob(u"nightly"_s, m_fixture.dir(),
                                          QUrl(u"https://archive.example.com"_s), "t", &error);
    QVERIFY2(nightly, qPrintable(error));
    m_nightly = *nightly;
    m_nightly.schedule = u"daily 02:00"_s;
    QVERIFY2(JobStore::update(m_nightly, &error), qPrintable(error));
    const auto branch = m_fixture.addJob(u"branch-office"_s, m_fixture.dir(),
                                         QUrl(u"https://branch.example.org"_s), "t", &error);
    QVERIFY2(branch, qPrintable(error));
    m_branch = *branch;
}

void TestUiModels::jobListShowsJobsFromTheDatabase() {
    JobListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &JobListModel::loaded);
    model.reload();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(JobListModel::ColumnCount));
    // JobStore lists by name.
    QCOMPARE(model.index(0, JobListModel::NameColumn).data().toString(), u"branch-office"_s);
    QCOMPARE(model.index(1, JobListModel::TargetColumn).data().toString(),
             u"https://archive.example.com"_s);
    QCOMPARE(model.index(1, JobListModel::ScheduleColumn).data().toString(), u"daily at 02:00"_s);
    QCOMPARE(model.index(0, JobListModel::LastRunColumn).data().toString(), u"never"_s);
    QCOMPARE(model.index(0, JobListModel::NextRunColumn).data().toString(), u"manual"_s);
    // A daily job runs at its next slot, within a day.
    const QDateTime next = model.index(1, JobListModel::NextRunColumn).data(SortRole).toDateTime();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(next.isValid());
    QVERIFY(next > now.addSecs(-1) && next <= now.addDays(1));
    QCOMPARE(next.toLocalTime().time(), QTime(2, 0));
    QCOMPARE(model.headerData(JobListModel::StateColumn, Qt::Horizontal).toString(), u"State"_s);

    // A failed last run shows as the state and in the last-run column.
    QString error;
    const qint64 run = RunStore::begin(m_branch.id, u"manual"_s, &error);
    QVERIFY2(run > 0, qPrintable(error));
    QVERIFY2(RunStore::finish(run, RunStatus::Failed, u"token refused"_s, 0, &error),
             qPrintable(error));
    model.reload();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(model.stateOf(0), JobState::Failed);
    QCOMPARE(model.index(0, JobListModel::StateColumn).data().toString(), u"Failed"_s);
    QVERIFY(model.index(0, JobListModel::LastRunColumn).data().toString().contains(u"failed"_s));
    QCOMPARE(model.index(0, JobListModel::LastRunColumn).data(Qt::ToolTipRole).toString(),
             u"token refused"_s);
}

void TestUiModels::jobListStateFollowsActivity() {
    JobListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &JobListModel::loaded);
    model.reload();
    QVERIFY(loaded.wait(5000));
    const int row = model.rowOfJob(m_nightly.id);
    QVERIFY(row >= 0);
    const QModelIndex state = model.index(row, JobListModel::StateColumn);
    QCOMPARE(state.data(ProgressRole).toInt(), -1);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    JobActivity running;
    running.running = true;
    running.progress.phase = u"uploading"_s;
    running.progress.filesDone = 30;
    running.progress.filesTotal = 120;
    running.progress.bytesDone = 250;
    running.progress.bytesTotal = 1000;
    model.setActivity(m_nightly.id, running);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.stateOf(row), JobState::Running);
    QCOMPARE(state.data(ProgressRole).toInt(), 25);
    QCOMPARE(state.data().toString(), u"Running: 30 of 120"_s);
    // Only the state column carries progress.
    QCOMPARE(model.index(row, JobListModel::NameColumn).data(ProgressRole).toInt(), -1);

    JobActivity paused;
    paused.paused = true;
    model.setActivity(m_nightly.id, paused);
    QCOMPARE(model.stateOf(row), JobState::Paused);
    QCOMPARE(state.data(ProgressRole).toInt(), -1);
    model.setActivity(m_nightly.id, JobActivity());
    QVERIFY(model.stateOf(row) != JobState::Paused);
    QCOMPARE(model.jobById(m_nightly.id)->name, u"nightly"_s);
    QVERIFY(!model.jobById(999999));
}

void TestUiModels::proxyFiltersAndSorts() {
    JobListModel model;
    JobFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &JobListModel::loaded);
    model.reload();
    QVERIFY(loaded.wait(5000));
    proxy.sort(JobListModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"nightly"_s);
    proxy.setFilterFixedString(u"BRANCH.example"_s); // by target, case-insensitive
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"branch-office"_s);
    proxy.setFilterFixedString(u"nothing like it"_s);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFilterFixedString(QString());
    QCOMPARE(proxy.rowCount(), 2);
}

qint64 TestUiModels::addSuccess(qint64 jobId, qint64 runId, const QString &id, const QString &day) {
    SuccessRecord record;
    record.jobId = jobId;
    record.runId = runId;
    record.recordingId = id;
    record.tenant = u"acme"_s;
    record.day = day;
    record.audioSha256 = u"00"_s;
    record.audioSize = 1000;
    record.bytesSent = 1000;
    QString error;
    if (!LedgerStore::recordSuccess(record, &error))
        qWarning("%s", qPrintable(error));
    return record.bytesSent;
}

void TestUiModels::runHistoryModel() {
    QString error;
    const qint64 run = RunStore::begin(m_nightly.id, u"schedule"_s, &error);
    QVERIFY2(run > 0, qPrintable(error));
    addSuccess(m_nightly.id, run, u"call-1"_s, u"2026-11-19"_s);
    addSuccess(m_nightly.id, run, u"call-2"_s, u"2026-11-20"_s);
    QVERIFY2(RunStore::finish(run, RunStatus::Succeeded, QString(), 2, &error), qPrintable(error));

    const auto runs = RunStore::recent(m_nightly.id, 10, &error);
    QVERIFY2(runs, qPrintable(error));
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(*runs);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, RunHistoryModel::TriggerColumn).data().toString(), u"schedule"_s);
    QCOMPARE(model.index(0, RunHistoryModel::StatusColumn).data().toString(), u"succeeded"_s);
    QCOMPARE(model.index(0, RunHistoryModel::UploadedColumn).data().toLongLong(), 2);
    QCOMPARE(model.index(0, RunHistoryModel::BytesColumn).data(SortRole).toLongLong(), 2000);
    QCOMPARE(model.index(0, RunHistoryModel::BytesColumn).data().toString(), formatSize(2000));
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::dayStatsAndFailureModels() {
    QString error;
    const qint64 run = RunStore::begin(m_branch.id, u"manual"_s, &error);
    QVERIFY2(run > 0, qPrintable(error));
    addSuccess(m_branch.id, run, u"call-a"_s, u"2026-11-18"_s);
    QVERIFY2(LedgerStore::recordFailure(m_branch.id, run, u"call-b"_s, u"2026-11-18"_s,
                                        FailureKind::Recording, u"rejected: bad metadata"_s,
                                        QDateTime(), &error),
             qPrintable(error));
    QVERIFY2(RunStore::finish(run, RunStatus::Partial, QString(), 2, &error), qPrintable(error));

    const auto days = StatsStore::days(m_branch.id, QDate(), QDate(), &error);
    QVERIFY2(days, qPrintable(error));
    DayStatsModel stats;
    QAbstractItemModelTester statsTester(&stats,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    stats.setRows(*days);
    QCOMPARE(stats.rowCount(), 1);
    QCOMPARE(stats.index(0, DayStatsModel::DayColumn).data().toString(), u"2026-11-18"_s);
    QCOMPARE(stats.index(0, DayStatsModel::ReplicatedColumn).data().toLongLong(), 1);
    QCOMPARE(stats.index(0, DayStatsModel::FailedColumn).data().toLongLong(), 1);

    const auto failures = FailureStore::list(m_branch.id, &error);
    QVERIFY2(failures, qPrintable(error));
    FailureModel failureModel;
    QAbstractItemModelTester failureTester(&failureModel,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    failureModel.setRows(*failures);
    QCOMPARE(failureModel.rowCount(), 1);
    QCOMPARE(failureModel.index(0, FailureModel::RecordingColumn).data().toString(), u"call-b"_s);
    QCOMPARE(failureModel.index(0, FailureModel::KindColumn).data().toString(), u"recording"_s);
    QCOMPARE(failureModel.index(0, FailureModel::CauseColumn).data(Qt::ToolTipRole).toString(),
             u"rejected: bad metadata"_s);
    QCOMPARE(failureModel.index(0, FailureModel::AttemptsColumn).data().toInt(), 1);
}

void TestUiModels::schedulesAndTriggersInWords() {
    QCOMPARE(Format::schedule(u"manual"_s), u"manual"_s);
    QCOMPARE(Format::schedule(u"continuous"_s), u"continuous"_s);
    QCOMPARE(Format::schedule(u"every 15m"_s), u"every 15 minutes"_s);
    QCOMPARE(Format::schedule(u"every 1h"_s), u"every hour"_s);
    QCOMPARE(Format::schedule(u"every 120m"_s), u"every 2 hours"_s);
    QCOMPARE(Format::schedule(u"daily 14:30,02:00"_s), u"daily at 02:00, 14:30"_s);
    QCOMPARE(
        Format::schedule(u"weekly mon-fri 08:00"_s),
        u"weekly on %1, %2, %3, %4, %5 at 08:00"_s.arg(
            QLocale().dayName(1, QLocale::ShortFormat), QLocale().dayName(2, QLocale::ShortFormat),
            QLocale().dayName(3, QLocale::ShortFormat), QLocale().dayName(4, QLocale::ShortFormat),
            QLocale().dayName(5, QLocale::ShortFormat)));
    // A spec that no longer parses is shown as it is rather than hidden.
    QCOMPARE(Format::schedule(u"fortnightly"_s), u"fortnightly"_s);
    QCOMPARE(Format::trigger(u"catch-up"_s), u"missed run caught up"_s);
    QCOMPARE(Format::trigger(u"manual"_s), u"by hand"_s);
    QCOMPARE(Format::trigger(u"something-new"_s), u"something-new"_s);
}

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
