// SPDX-License-Identifier: GPL-3.0-or-later
// "Export report…" from the main window's menu and from the status page,
// driven by objectName over a real database filled through the stores; the
// CSV is parsed and the PDF read back with poppler's pdftotext.
#include "ReportTestSupport.h"
#include "UiFixture.h"
#include "main/MainWindow.h"
#include "main/RunController.h"
#include "models/JobListModel.h"
#include "report/ExportReportDialog.h"
#include "status/JobStatusPage.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

// Stands in for the desktop's file viewer: records what the dialog opens.
class OpenedFiles : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class TestExportReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(u"file"_s); }
    void init();
    void cleanup();
    void csvOfOneJobFromTheMenu();
    void pdfFromTheStatusPage();
    void badInputIsNamedAndNothingWritten();
    void allJobsInOneCsv();

private:
    template <typename T> T *find(const QString &name) const {
        T *widget = m_dialog ? m_dialog->findChild<T *>(name) : nullptr;
        if (!widget)
            qWarning("no child named %s", qPrintable(name));
        return widget;
    }
    // Opens the dialog through the menu action and finds it.
    bool openFromMenu();
    void chooseFormat(ReportFormat format);
    // Clicks Export and waits for the written file (or the failure).
    bool exportNow(QString *message);
    QList<QStringList> csvRows(const QString &path);

    Test::UiFixture m_fixture;
    OpenedFiles m_opened;
    Job m_alpha;
    Job m_bravo;
    QDate m_today;
    std::unique_ptr<RunController> m_runs;
    std::unique_ptr<JobListModel> m_jobs;
    std::unique_ptr<MainWindow> m_window;
    QPointer<ExportReportDialog> m_dialog;
};

void TestExportReport::initTestCase() {
    QString error;
    QVERIFY2(m_fixture.setUp(&error), qPrintable(error));
    QDesktopServices::setUrlHandler(u"file"_s, &m_opened, "open");
    m_today = QDateTime::currentDateTimeUtc().date();
    for (Job *job : {&m_alpha, &m_bravo}) {
        const QString name = job == &m_alpha ? u"alpha-nightly"_s : u"bravo-weekly"_s;
        const auto added = m_fixture.addJob(name, m_fixture.dir() + u"/archive"_s,
                                            QUrl(u"https://target.example.com"_s), "t", &error);
        QVERIFY2(added, qPrintable(error));
        *job = *added;
    }
    // alpha: two calls of two days ago, one of yesterday; one failure yesterday.
    const qint64 run = RunStore::begin(m_alpha.id, u"manual"_s, &error);
    QVERIFY2(run > 0, qPrintable(error));
    const QList<std::pair<QString, int>> calls = {{u"a-1"_s, -2}, {u"a-2"_s, -2}, {u"a-3"_s, -1}};
    for (const auto &[id, daysAgo] : calls) {
        SuccessRecord record;
        record.jobId = m_alpha.id;
        record.runId = run;
        record.recordingId = id;
        record.tenant = u"acme"_s;
        record.day = m_today.addDays(daysAgo).toString(Qt::ISODate);
        record.audioSha256 = QString(64, u'a');
        record.audioSize = 1000;
        record.bytesSent = 1000;
        QVERIFY2(LedgerStore::recordSuccess(record, &error), qPrintable(error));
    }
    QVERIFY2(LedgerStore::recordFailure(
                 m_alpha.id, run, u"a-4"_s, m_today.addDays(-1).toString(Qt::ISODate),
                 FailureKind::Recording, u"rejected by the target"_s, QDateTime(), &error),
             qPrintable(error));
    QVERIFY2(RunStore::finish(run, RunStatus::Partial, QString(), 4, &error), qPrintable(error));
    // bravo: one call today.
    SuccessRecord record;
    record.jobId = m_bravo.id;
    record.recordingId = u"b-1"_s;
    record.tenant = u"acme"_s;
    record.day = m_today.toString(Qt::ISODate);
    record.audioSha256 = QString(64, u'b');
    record.bytesSent = 500;
    QVERIFY2(LedgerStore::recordSuccess(record, &error), qPrintable(error));
}

void TestExportReport::init() {
    m_opened.urls.clear();
    m_runs = std::make_unique<RunController>(m_fixture.databasePath());
    m_jobs = std::make_unique<JobListModel>();
    m_window = std::make_unique<MainWindow>(m_jobs.get(), m_runs.get(), m_fixture.databasePath());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy loaded(m_jobs.get(), &JobListModel::loaded);
    m_jobs->reload();
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_window->selectJob(m_alpha.id));
}

void TestExportReport::cleanup() {
    if (m_dialog)
        find<QDialogButtonBox>(u"buttonBox"_s)->button(QDialogButtonBox::Close)->click();
    QTRY_VERIFY(!m_dialog); // closing deletes it
    m_window.reset();
    m_jobs.reset();
    QVERIFY(m_runs->shutdown(5000));
    m_runs.reset();
}

bool TestExportReport::openFromMenu() {
    QAction *action = m_window->findChild<QAction *>(u"exportReportAction"_s);
    if (!action || !action->isEnabled()) {
        qWarning("exportReportAction is missing or disabled");
        return false;
    }
    action->trigger();
    m_dialog = m_window->findChild<ExportReportDialog *>(u"exportReportDialog"_s);
    return m_dialog && m_dialog->isVisible();
}

void TestExportReport::chooseFormat(ReportFormat format) {
    auto *combo = find<QComboBox>(u"formatComboBox"_s);
    combo->setCurrentIndex(combo->findData(int(format)));
}

bool TestExportReport::exportNow(QString *message) {
    QSignalSpy exported(m_dialog.data(), &ExportReportDialog::exported);
    QSignalSpy failed(m_dialog.data(), &ExportReportDialog::exportFailed);
    QTest::mouseClick(find<QDialogButtonBox>(u"buttonBox"_s)->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !exported.isEmpty() || !failed.isEmpty(); }, 30'000)) {
        *message = u"the export never ended"_s;
        return false;
    }
    *message = exported.isEmpty() ? failed.first().first().toString()
                                  : exported.first().first().toString();
    return !exported.isEmpty();
}

QList<QStringList> TestExportReport::csvRows(const QString &path) {
    QList<QStringList> rows;
    QString error;
    if (!Test::parseCsv(Test::readTextFile(path), &rows, &error))
        qWarning("%s is no CSV: %s", qPrintable(path), qPrintable(error));
    return rows;
}

void TestExportReport::csvOfOneJobFromTheMenu() {
    QVERIFY(openFromMenu());
    // The selected job and the last 30 days are preselected.
    QCOMPARE(find<QComboBox>(u"jobComboBox"_s)->currentText(), m_alpha.name);
    QCOMPARE(find<QComboBox>(u"jobComboBox"_s)->currentData().toLongLong(), m_alpha.id);
    auto *from = find<QDateEdit>(u"fromDateEdit"_s);
    auto *to = find<QDateEdit>(u"toDateEdit"_s);
    QVERIFY(from->calendarPopup() && to->calendarPopup());
    QCOMPARE(to->date(), m_today);
    QCOMPARE(from->date(), m_today.addDays(-ExportReportDialog::DefaultRangeDays + 1));

    // The suggested file names the job and follows the job and the format.
    auto *output = find<QLineEdit>(u"outputEdit"_s);
    auto *jobs = find<QComboBox>(u"jobComboBox"_s);
    const QString day = m_today.toString(Qt::ISODate);
    QVERIFY2(output->text().endsWith(u"/replicall-report-alpha-nightly-"_s + day + u".pdf"_s),
             qPrintable(output->text()));
    jobs->setCurrentIndex(jobs->findData(m_bravo.id));
    chooseFormat(ReportFormat::Html);
    QVERIFY2(output->text().endsWith(u"/replicall-report-bravo-weekly-"_s + day + u".html"_s),
             qPrintable(output->text()));
    jobs->setCurrentIndex(jobs->findData(m_alpha.id));

    // A name typed by the user keeps its base; its extension follows the format.
    const QString base = m_fixture.dir() + u"/alpha-report"_s;
    output->setText(base + u".pdf"_s);
    chooseFormat(ReportFormat::Csv);
    QCOMPARE(output->text(), base + u".csv"_s);
    chooseFormat(ReportFormat::Html);
    QCOMPARE(output->text(), base + u".html"_s);
    chooseFormat(ReportFormat::Csv);

    QString message;
    QVERIFY2(exportNow(&message), qPrintable(message));
    const QString path = base + u".csv"_s;
    QCOMPARE(QFileInfo(message).absoluteFilePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(find<QLabel>(u"statusLabel"_s)->text().contains(u"alpha-report.csv"_s));
    QCOMPARE(m_opened.urls, QList<QUrl>{QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath())});

    const QList<QStringList> rows = csvRows(path);
    QCOMPARE(rows.size(), 1 + ExportReportDialog::DefaultRangeDays); // header, every day
    QCOMPARE(rows.first(), (QStringList{u"job"_s, u"day"_s, u"matched"_s, u"replicated"_s,
                                        u"skipped"_s, u"failed"_s, u"bytes"_s}));
    qint64 replicated = 0;
    qint64 failed = 0;
    qint64 bytes = 0;
    for (const QStringList &row : rows.mid(1)) {
        QCOMPARE(row.first(), m_alpha.name);
        replicated += row.at(3).toLongLong();
        failed += row.at(5).toLongLong();
        bytes += row.at(6).toLongLong();
        if (row.at(1) == m_today.addDays(-2).toString(Qt::ISODate))
            QCOMPARE(row.at(3), u"2"_s);
    }
    QCOMPARE(replicated, 3);
    QCOMPARE(failed, 1);
    QCOMPARE(bytes, 3000);
}

void TestExportReport::pdfFromTheStatusPage() {
    // The status page's button takes the page's own range.
    JobStatusPage *page = m_window->statusPage();
    QTRY_COMPARE(page->jobId(), m_alpha.id);
    page->setDateRange(m_today.addDays(-6), m_today);
    auto *button = page->findChild<QPushButton *>(u"exportReportButton"_s);
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    m_dialog = m_window->findChild<ExportReportDialog *>(u"exportReportDialog"_s);
    QVERIFY(m_dialog && m_dialog->isVisible());
    QCOMPARE(find<QDateEdit>(u"fromDateEdit"_s)->date(), m_today.addDays(-6));
    QCOMPARE(find<QComboBox>(u"jobComboBox"_s)->currentData().toLongLong(), m_alpha.id);

    chooseFormat(ReportFormat::Pdf);
    const QString path = m_fixture.dir() + u"/status-page-report.pdf"_s;
    find<QLineEdit>(u"outputEdit"_s)->setText(path);
    QString message;
    QVERIFY2(exportNow(&message), qPrintable(message));
    QCOMPARE(m_opened.urls.size(), 1);

    QString text;
    QString error;
    QVERIFY2(Test::pdfText(path, &text, &error), qPrintable(error)); // fails without poppler
    QVERIFY2(text.contains(m_alpha.name), qPrintable(text.left(500)));
    QVERIFY(text.contains(u"rejected by the target"_s));
    QVERIFY(!text.contains(m_bravo.name));
}

void TestExportReport::badInputIsNamedAndNothingWritten() {
    QVERIFY(openFromMenu());
    auto *status = find<QLabel>(u"statusLabel"_s);
    const QString path = m_fixture.dir() + u"/never-written.csv"_s;
    find<QLineEdit>(u"outputEdit"_s)->setText(path);
    find<QDateEdit>(u"fromDateEdit"_s)->setDate(m_today);
    find<QDateEdit>(u"toDateEdit"_s)->setDate(m_today.addDays(-3));
    QString message;
    QVERIFY(!exportNow(&message));
    QVERIFY2(message.contains(u"after its end date"_s), qPrintable(message));
    QVERIFY2(status->text().contains(u"after its end date"_s), qPrintable(status->text()));

    find<QDateEdit>(u"toDateEdit"_s)->setDate(m_today);
    find<QLineEdit>(u"outputEdit"_s)->setText(m_fixture.dir() + u"/no-such-folder/r.csv"_s);
    QVERIFY(!exportNow(&message));
    QVERIFY2(message.contains(u"no-such-folder"_s), qPrintable(message));
    QVERIFY2(status->text().contains(u"not written"_s), qPrintable(status->text()));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(m_opened.urls.isEmpty());
    // The form is usable again after a failure.
    QVERIFY(find<QDialogButtonBox>(u"buttonBox"_s)->isEnabled());
}

void TestExportReport::allJobsInOneCsv() {
    QVERIFY(openFromMenu());
    auto *jobs = find<QComboBox>(u"jobComboBox"_s);
    QCOMPARE(jobs->count(), 3); // all, alpha, bravo
    jobs->setCurrentIndex(jobs->findData(qint64(0)));
    chooseFormat(ReportFormat::Csv);
    const QString path = m_fixture.dir() + u"/all.csv"_s;
    find<QLineEdit>(u"outputEdit"_s)->setText(path);
    find<QDateEdit>(u"fromDateEdit"_s)->setDate(m_today.addDays(-2));
    QString message;
    QVERIFY2(exportNow(&message), qPrintable(message));
    const QList<QStringList> rows = csvRows(path);
    QCOMPARE(rows.size(), 1 + 2 * 3); // two jobs, three days each
    QStringList named;
    for (const QStringList &row : rows.mid(1))
        named.append(row.first());
    QCOMPARE(named.count(m_alpha.name), 3);
    QCOMPARE(named.count(m_bravo.name), 3);
}

QTEST_MAIN(TestExportReport)
#include "tst_export_report.moc"
