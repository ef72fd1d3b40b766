// SPDX-License-Identifier: GPL-3.0-or-later
// Reports after a real run: the engine replicates a demo archive to a real
// replicall-target on 127.0.0.1, then `replicall-cli report` exports it in
// every format and the files are read back.
#include "ReportTestSupport.h"
#include "TargetProcess.h"
#include "engine/JobRunner.h"
#include "secrets/SecretStore.h"
#include "source/DemoArchiveWriter.h"
#include "store/Database.h"
#include "store/JobStore.h"
#include "store/StatsStore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

constexpr int Calls = 30;
const QString JobName = u"nightly to archive"_s;
const QString TokenRef = u"report-test-token-ref"_s;

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestReportRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csvMatchesTheStatistics();
    void htmlAndPdfShowTheRunWithoutToken();
    void cliRefusesBadInput_data();
    void cliRefusesBadInput();
    void cleanupTestCase();

private:
    CliResult cli(const QStringList &arguments) const;
    QString databasePath() const { return m_dir.filePath(u"state.sqlite"_s); }

    QTemporaryDir m_dir;
    Test::TargetProcess m_target;
    QString m_token;
    RunSummary m_summary;
    QDate m_from;
    QDate m_to;
};

CliResult TestReportRun::cli(const QStringList &arguments) const {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"REPLICALL_SECRET_BACKEND"_s, u"file"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(REPLICALL_CLI_BIN),
                  QStringList{u"--db"_s, databasePath()} + arguments);
    CliResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = u"replicall-cli did not finish in time"_s;
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestReportRun::initTestCase() {
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_target.start(&error), qPrintable(error));
    m_token = m_target.createToken(u"report-test"_s, {u"acme"_s, u"globex"_s});
    QVERIFY(m_token.startsWith(u"rpl_"_s));

    DemoOptions demo;
    demo.outDir = m_dir.filePath(u"archive"_s);
    demo.calls = Calls;
    demo.days = 4;
    demo.maxDurationSeconds = 10;
    DemoResult written;
    QVERIFY2(DemoArchiveWriter::write(demo, &written, &error), qPrintable(error));
    QCOMPARE(written.calls, Calls);
    m_to = demo.end.date();
    m_from = m_to.addDays(-6);

    QVERIFY2(Database::open(databasePath(), &error), qPrintable(error));
    SecretStore secrets(m_dir.filePath(u"secrets"_s), SecretStore::Backend::File);
    QVERIFY2(secrets.write(TokenRef, m_token.toUtf8(), &error), qPrintable(error));
    Job job;
    job.name = JobName;
    job.sourceDir = demo.outDir;
    job.targetUrl = m_target.baseUrl();
    job.tokenRef = TokenRef;
    job.parallel = 2;
    job.chunkSize = 1024 * 1024;
    QVERIFY2(JobStore::add(job, &error), qPrintable(error));

    JobRunner runner(databasePath(), &secrets);
    runner.setSettleTimeMs(0); // the demo archive is complete: no writer to wait for
    QSignalSpy finished(&runner, &JobRunner::finished);
    runner.start(job);
    QVERIFY(!finished.isEmpty() || finished.wait(60000));
    m_summary = finished.first().first().value<RunSummary>();
    QVERIFY2(m_summary.ok(), qPrintable(m_summary.message));
    QCOMPARE(m_summary.uploaded, Calls);
}

void TestReportRun::csvMatchesTheStatistics() {
    const QString path = m_dir.filePath(u"report.csv"_s);
    const CliResult result =
        cli({u"report"_s, u"--job"_s, JobName, u"--from"_s, m_from.toString(Qt::ISODate), u"--to"_s,
             m_to.toString(Qt::ISODate), u"--format"_s, u"csv"_s, u"--output"_s, path});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(path));

    QList<QStringList> rows;
    QString error;
    QVERIFY2(Test::parseCsv(Test::readTextFile(path), &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), 1 + 7); // header + every day of the range
    const std::optional<QList<DayStats>> stats = StatsStore::days(1, m_from, m_to, &error);
    QVERIFY2(stats, qPrintable(error));
    QHash<QString, DayStats> statsByDay;
    for (const DayStats &day : *stats)
        statsByDay.insert(day.day, day);

    qint64 matched = 0, replicated = 0, bytes = 0;
    for (const QStringList &row : rows.mid(1)) {
        QCOMPARE(row.at(0), JobName);
        const DayStats counted = statsByDay.value(row.at(1));
        QCOMPARE(row.at(3).toLongLong(), counted.replicated);
        QCOMPARE(row.at(4).toLongLong(), counted.skipped);
        QCOMPARE(row.at(5).toLongLong(), counted.failed);
        QCOMPARE(row.at(6).toLongLong(), counted.bytes);
        // Everything that matched on a day was replicated in the one run.
        QCOMPARE(row.at(2).toLongLong(), counted.replicated);
        matched += row.at(2).toLongLong();
        replicated += row.at(3).toLongLong();
        bytes += row.at(6).toLongLong();
    }
    QCOMPARE(matched, Calls);
    QCOMPARE(replicated, qint64(m_summary.uploaded));
    QCOMPARE(bytes, m_summary.bytes);
}

void TestReportRun::htmlAndPdfShowTheRunWithoutToken() {
    const QString html = m_dir.filePath(u"report.html"_s);
    const QString pdf = m_dir.filePath(u"report.pdf"_s);
    const QStringList range{u"--from"_s, m_from.toString(Qt::ISODate), u"--to"_s,
                            m_to.toString(Qt::ISODate)};
    // No --job: every job; no --format: from the suffix.
    CliResult result = cli(QStringList{u"report"_s, u"--output"_s, html} + range);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = cli(QStringList{u"report"_s, u"--output"_s, pdf, u"--format"_s, u"pdf"_s} + range);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    const QString htmlText = Test::readTextFile(html);
    QVERIFY(htmlText.contains(u"Job: "_s + JobName));
    QVERIFY(htmlText.contains(u"<svg"_s));
    QVERIFY(htmlText.contains(
        u"%1 of %1 matching recordings verified at the target (100.0 %)"_s.arg(Calls)));
    QVERIFY(htmlText.contains(u"<td class=\"text\">succeeded</td>"_s));
    QVERIFY(htmlText.contains(m_target.baseUrl().authority()));

    QString pdfText, error;
    QVERIFY2(Test::pdfText(pdf, &pdfText, &error), qPrintable(error));
    QVERIFY(pdfText.contains(u"Job: "_s + JobName));
    QVERIFY(pdfText.contains(u"(100.0 %)"_s));
    QVERIFY(pdfText.contains(u"succeeded"_s));

    for (const QString &text : {htmlText, pdfText}) {
        QVERIFY(!text.contains(m_token));
        QVERIFY(!text.contains(m_token.mid(4, 16))); // not even part of it
        QVERIFY(!text.contains(TokenRef));
    }
}

void TestReportRun::cliRefusesBadInput_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString out = m_dir.filePath(u"bad.csv"_s);
    QTest::newRow("bad date") << QStringList{u"--from"_s,     u"2026-13-01"_s, u"--to"_s,
                                             u"2026-12-31"_s, u"--output"_s,   out}
                              << 2 << u"--from '2026-13-01' is not a date"_s;
    QTest::newRow("from after to")
        << QStringList{u"--from"_s, u"2026-02-01"_s, u"--to"_s, u"2026-01-01"_s, u"--output"_s, out}
        << 2 << u"is after its end date"_s;
    QTest::newRow("missing --to") << QStringList{u"--from"_s, u"2026-02-01"_s, u"--output"_s, out}
                                  << 2 << u"--to is required"_s;
    QTest::newRow("unknown format")
        << QStringList{u"--from"_s,   u"2026-01-01"_s, u"--to"_s,     u"2026-01-02"_s,
                       u"--format"_s, u"docx"_s,       u"--output"_s, out}
        << 2 << u"unknown report format 'docx'"_s;
    QTest::newRow("unknown job") << QStringList{u"--job"_s,    u"no such job"_s,
                                                u"--from"_s,   u"2026-01-01"_s,
                                                u"--to"_s,     u"2026-01-02"_s,
                                                u"--output"_s, out}
                                 << 1 << u"no such job"_s;
    QTest::newRow("unwritable output")
        << QStringList{u"--from"_s,     u"2026-01-01"_s, u"--to"_s,
                       u"2026-01-02"_s, u"--output"_s,   m_dir.filePath(u"no/such/folder/r.csv"_s)}
        << 1 << u"does not exist"_s;
}

void TestReportRun::cliRefusesBadInput() {
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliResult result = cli(QStringList{u"report"_s} + arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!QFile::exists(m_dir.filePath(u"bad.csv"_s)));
}

void TestReportRun::cleanupTestCase() {
    m_target.stop();
}

QTEST_MAIN(TestReportRun)
#include "tst_report_run.moc"
