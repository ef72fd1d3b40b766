// SPDX-License-Identifier: GPL-3.0-or-later
// Reports over a state database filled through the stores with known numbers:
// every format is read back and compared with what was written.
#include "ReportTestSupport.h"
#include "report/ReportBuilder.h"
#include "report/ReportExporter.h"
#include "store/Database.h"
#include "store/JobStore.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"
#include "store/Sql.h"
#include "store/StatsStore.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

const QString TokenRef = u"keychain-ref-of-the-job-token"_s;
const QString UrlPassword = u"s3cretUrlPassw0rd"_s;

struct Expected {
    qint64 matched, replicated, skipped, failed, bytes;
};

} // namespace

class TestReportExact : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void builderCountsEveryDay();
    void coverageCountsRemovedRecordings();
    void runsAndFailuresAreInRange();
    void csvHasOneRowPerJobAndDay();
    void htmlShowsJobDaysChartAndNoToken();
    void pdfShowsSettingsDaysAndPages();
    void longRangePdfHasManyPages();
    void worksFromAnotherThread();
    void badRequestsGiveClearErrors();

private:
    QString output(const QString &name) const { return m_dir.filePath(name); }
    ReportRequest request(ReportFormat format, const QString &file, qint64 jobId) const;
    void addRecordings(const QDate &day, const QString &tenant, const QString &direction,
                       int count);
    void success(qint64 runId, const QString &id, const QDate &day, qint64 bytes, bool skipped);

    QTemporaryDir m_dir;
    QString m_archive;
    qint64 m_sourceId = 0;
    Job m_job;
    Job m_other;
    QDate m_first; // the first call day with recordings
    QDate m_today;
    QMap<QDate, Expected> m_expected;
};

ReportRequest TestReportExact::request(ReportFormat format, const QString &file,
                                       qint64 jobId) const {
    ReportRequest r;
    r.jobId = jobId;
    r.from = m_first;
    r.to = m_today;
    r.format = format;
    r.outputPath = output(file);
    return r;
}

void TestReportExact::addRecordings(const QDate &day, const QString &tenant,
                                    const QString &direction, int count) {
    for (int i = 0; i < count; ++i) {
        const QString id = u"%1-%2-%3-%4"_s.arg(tenant, day.toString(u"MMdd"_s), direction).arg(i);
        const QVariantList values{m_sourceId,
                                  id,
                                  tenant,
                                  QString(day.toString(Qt::ISODate) + u"T10:00:00Z"_s),
                                  day.toString(Qt::ISODate),
                                  direction,
                                  QString(m_archive + u'/' + id + u".json"_s)};
        QString error;
        const bool inserted =
            Sql::run(u"INSERT INTO recordings(source_id, id, tenant, start_utc, day, duration_ms, "
                     u"direction, sidecar_path, sidecar_mtime_ns, sidecar_size, metadata_sha256, "
                     u"metadata) VALUES(?, ?, ?, ?, ?, 60000, ?, ?, 1, 1, '00', '{}')"_s,
                     values, u"insert"_s, &error)
                .has_value();
        QVERIFY2(inserted, qPrintable(error));
    }
}

void TestReportExact::success(qint64 runId, const QString &id, const QDate &day, qint64 bytes,
                              bool skipped) {
    SuccessRecord record;
    record.jobId = m_job.id;
    record.runId = runId;
    record.recordingId = id;
    record.tenant = u"acme"_s;
    record.day = day.toString(Qt::ISODate);
    record.audioSha256 = u"ab"_s;
    record.metadataSha256 = u"00"_s;
    record.targetPath = u"acme/"_s + id + u".wav"_s;
    record.bytesSent = bytes;
    QString error;
    QVERIFY2(skipped ? LedgerStore::recordSkipped(record, &error)
                     : LedgerStore::recordSuccess(record, &error),
             qPrintable(error));
}

void TestReportExact::initTestCase() {
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(Database::open(m_dir.filePath(u"state.sqlite"_s), &error), qPrintable(error));
    m_archive = m_dir.filePath(u"archive"_s);
    QVERIFY(QDir().mkpath(m_archive));
    QVERIFY(Sql::run(u"INSERT INTO sources(path) VALUES(?)"_s, {QDir::cleanPath(m_archive)},
                     u"insert source"_s, &error));
    std::optional<QSqlQuery> source =
        Sql::run(u"SELECT id FROM sources"_s, {}, u"read source"_s, &error);
    QVERIFY2(source && source->next(), qPrintable(error));
    m_sourceId = source->value(0).toLongLong();
    QVERIFY(m_sourceId > 0);

    // Runs start now, so the range ends today; the calls lie in its first days.
    m_today = QDateTime::currentDateTimeUtc().date();
    m_first = m_today.addDays(-9);

    m_job.name = u"Branch Berlin, nightly"_s; // a comma: CSV must quote it
    m_job.sourceDir = m_archive;
    m_job.tenants = {u"acme"_s};
    m_job.targetUrl = QUrl(u"https://backup:"_s + UrlPassword + u"@archive.example.com:8443"_s);
    m_job.tokenRef = TokenRef;
    m_job.parallel = 3;
    m_job.filter =
        QJsonObject{{u"conditions"_s, QJsonArray{QJsonObject{{u"field"_s, u"direction"_s},
                                                             {u"operator"_s, u"equals"_s},
                                                             {u"value"_s, u"inbound"_s}}}}};
    QVERIFY2(JobStore::add(m_job, &error), qPrintable(error));
    m_other = m_job;
    m_other.name = u"other"_s;
    m_other.filter = {};
    QVERIFY2(JobStore::add(m_other, &error), qPrintable(error));

    // Day i (0..4) of the range: 2(i+1) inbound acme calls match; outbound
    // and globex calls do not.
    for (int i = 0; i < 5; ++i) {
        const QDate day = m_first.addDays(i);
        addRecordings(day, u"acme"_s, u"inbound"_s, 2 * (i + 1));
        addRecordings(day, u"acme"_s, u"outbound"_s, 1);
        addRecordings(day, u"globex"_s, u"inbound"_s, 3);
    }
    addRecordings(m_today.addDays(1), u"acme"_s, u"inbound"_s, 7); // after the range

    const qint64 run = RunStore::begin(m_job.id, u"manual"_s, &error);
    QVERIFY2(run > 0, qPrintable(error));
    auto id = [&](int dayIndex, int i) {
        return u"acme-%1-inbound-%2"_s.arg(m_first.addDays(dayIndex).toString(u"MMdd"_s)).arg(i);
    };
    success(run, id(0, 0), m_first, 1000, false);
    success(run, id(0, 1), m_first, 0, true);
    success(run, id(1, 0), m_first.addDays(1), 2000, false);
    success(run, id(2, 0), m_first.addDays(2), 3000, false);
    // Replicated, then removed at the source: in the ledger, not in the catalog.
    success(run, u"gone-1"_s, m_first.addDays(3), 4000, false);
    QVERIFY(LedgerStore::recordFailure(
        m_job.id, run, id(1, 1), m_first.addDays(1).toString(Qt::ISODate), FailureKind::Recording,
        u"target refused: checksum mismatch"_s, {}, &error));
    for (int attempt = 0; attempt < 2; ++attempt)
        QVERIFY(LedgerStore::recordFailure(m_job.id, run, id(2, 1),
                                           m_first.addDays(2).toString(Qt::ISODate),
                                           FailureKind::Transient, u"connection reset by peer"_s,
                                           QDateTime::currentDateTimeUtc().addSecs(60), &error));
    // A failure of a call day outside the range is not reported.
    QVERIFY(LedgerStore::recordFailure(m_job.id, run, u"late-1"_s,
                                       m_today.addDays(1).toString(Qt::ISODate),
                                       FailureKind::Recording, u"outside the range"_s, {}, &error));
    QVERIFY2(RunStore::finish(run, RunStatus::Partial, u"3 recordings failed"_s, 30, &error),
             qPrintable(error));

    m_expected[m_first] = {2, 1, 1, 0, 1000};
    m_expected[m_first.addDays(1)] = {4, 1, 0, 1, 2000};
    m_expected[m_first.addDays(2)] = {6, 1, 0, 2, 3000};
    m_expected[m_first.addDays(3)] = {8, 1, 0, 0, 4000};
    m_expected[m_first.addDays(4)] = {10, 0, 0, 0, 0};
}

void TestReportExact::builderCountsEveryDay() {
    QString error;
    const std::optional<ReportData> data =
        ReportBuilder::build(request(ReportFormat::Csv, u"x.csv"_s, m_job.id), &error);
    QVERIFY2(data, qPrintable(error));
    QCOMPARE(data->jobs.size(), 1);
    const JobReport &report = data->jobs.first();
    QCOMPARE(report.job.name, m_job.name);
    QCOMPARE(report.days.size(), 10);
    for (const ReportDay &day : report.days) {
        const Expected e = m_expected.value(day.day, {0, 0, 0, 0, 0});
        QCOMPARE(day.matched, e.matched);
        QCOMPARE(day.replicated, e.replicated);
        QCOMPARE(day.skipped, e.skipped);
        QCOMPARE(day.failed, e.failed);
        QCOMPARE(day.bytes, e.bytes);
    }
    const std::optional<DayStats> totals = StatsStore::totals(m_job.id, m_first, m_today, &error);
    QVERIFY(totals);
    QCOMPARE(report.totals.replicated, totals->replicated);
    QCOMPARE(report.totals.failed, totals->failed);
    QCOMPARE(report.totals.bytes, totals->bytes);
    QCOMPARE(report.totals.matched, 30);
}

void TestReportExact::coverageCountsRemovedRecordings() {
    QString error;
    const std::optional<ReportData> data =
        ReportBuilder::build(request(ReportFormat::Csv, u"x.csv"_s, m_job.id), &error);
    QVERIFY2(data, qPrintable(error));
    const Coverage &coverage = data->jobs.first().coverage;
    QVERIFY(coverage.sourceIndexed);
    QCOMPARE(coverage.removedAtSource, 1);
    QCOMPARE(coverage.matching, 31); // 30 in the catalog + 1 removed
    QCOMPARE(coverage.verified, 5);  // 3 replicated + 1 skipped + 1 removed
    QCOMPARE(qRound(coverage.share() * 1000), qRound(5000.0 / 31));
}

void TestReportExact::runsAndFailuresAreInRange() {
    QString error;
    const std::optional<ReportData> data =
        ReportBuilder::build(request(ReportFormat::Csv, u"x.csv"_s, m_job.id), &error);
    QVERIFY2(data, qPrintable(error));
    const JobReport &report = data->jobs.first();
    QCOMPARE(report.runs.size(), 1);
    QCOMPARE(report.runsInRange, 1);
    QCOMPARE(report.runs.first().status, RunStatus::Partial);
    QCOMPARE(report.runs.first().uploaded, 4);
    QCOMPARE(report.failures.size(), 2); // not the one of a day after the range
    for (const FailureRecord &failure : report.failures)
        QVERIFY(failure.recordingId != u"late-1"_s);

    // A range before the run started lists no run.
    ReportRequest early = request(ReportFormat::Csv, u"x.csv"_s, m_job.id);
    early.to = m_today.addDays(-1);
    const std::optional<ReportData> before = ReportBuilder::build(early, &error);
    QVERIFY2(before, qPrintable(error));
    QVERIFY(before->jobs.first().runs.isEmpty());
}

void TestReportExact::csvHasOneRowPerJobAndDay() {
    QString error;
    const ReportRequest all = request(ReportFormat::Csv, u"all.csv"_s, 0);
    QVERIFY2(ReportExporter::write(all, &error), qPrintable(error));
    QList<QStringList> rows;
    QVERIFY2(Test::parseCsv(Test::readTextFile(all.outputPath), &rows, &error), qPrintable(error));
    QCOMPARE(rows.first(), (QStringList{u"job"_s, u"day"_s, u"matched"_s, u"replicated"_s,
                                        u"skipped"_s, u"failed"_s, u"bytes"_s}));
    QCOMPARE(rows.size(), 1 + 2 * 10); // two jobs, ten days each

    const std::optional<QList<DayStats>> stats =
        StatsStore::days(m_job.id, m_first, m_today, &error);
    QVERIFY(stats);
    QHash<QString, DayStats> statsByDay;
    for (const DayStats &day : *stats)
        statsByDay.insert(day.day, day);
    int jobRows = 0;
    for (const QStringList &row : rows.mid(1)) {
        QCOMPARE(row.size(), 7);
        if (row.at(0) != m_job.name)
            continue;
        ++jobRows;
        const QDate day = QDate::fromString(row.at(1), Qt::ISODate);
        QVERIFY2(day >= m_first && day <= m_today, qPrintable(row.at(1)));
        const DayStats counted = statsByDay.value(row.at(1));
        QCOMPARE(row.at(2).toLongLong(), m_expected.value(day, {0, 0, 0, 0, 0}).matched);
        QCOMPARE(row.at(3).toLongLong(), counted.replicated);
        QCOMPARE(row.at(4).toLongLong(), counted.skipped);
        QCOMPARE(row.at(5).toLongLong(), counted.failed);
        QCOMPARE(row.at(6).toLongLong(), counted.bytes);
    }
    QCOMPARE(jobRows, 10);
    const QString raw = Test::readTextFile(all.outputPath);
    QVERIFY(raw.contains(u"\"Branch Berlin, nightly\","_s));
    QVERIFY(!raw.contains(TokenRef));
}

void TestReportExact::htmlShowsJobDaysChartAndNoToken() {
    QString error;
    const ReportRequest html = request(ReportFormat::Html, u"report.html"_s, m_job.id);
    QVERIFY2(ReportExporter::write(html, &error), qPrintable(error));
    const QString text = Test::readTextFile(html.outputPath);
    QVERIFY(text.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(text.contains(u"Job: Branch Berlin, nightly"_s));
    QVERIFY(text.contains(u"<svg"_s));
    QVERIFY(!text.contains(u"<link"_s)); // self-contained: no external style sheet
    QVERIFY(!text.contains(u"src=\"http"_s));
    for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it) {
        const QString row = u"<td class=\"text\">%1</td><td>%2</td><td>%3</td><td>%4</td>"
                            u"<td>%5</td>"_s.arg(it.key().toString(Qt::ISODate))
                                .arg(it->matched)
                                .arg(it->replicated)
                                .arg(it->skipped)
                                .arg(it->failed);
        QVERIFY2(text.contains(row), qPrintable(row));
    }
    QVERIFY(text.contains(u"archive.example.com:8443"_s));
    QVERIFY(text.contains(u"target refused: checksum mismatch"_s));
    QVERIFY(text.contains(u"5 of 31 matching recordings verified"_s));
    QVERIFY(!text.contains(TokenRef));
    QVERIFY(!text.contains(UrlPassword));
    QVERIFY(!text.contains(u"tokenRef"_s));
}

void TestReportExact::pdfShowsSettingsDaysAndPages() {
    QString error;
    const ReportRequest pdf = request(ReportFormat::Pdf, u"report.pdf"_s, m_job.id);
    QVERIFY2(ReportExporter::write(pdf, &error), qPrintable(error));
    QString text;
    QVERIFY2(Test::pdfText(pdf.outputPath, &text, &error), qPrintable(error));
    QVERIFY2(text.contains(u"Job: Branch Berlin, nightly"_s), qPrintable(text));
    QVERIFY(text.contains(u"Source folder"_s));
    QVERIFY(text.contains(u"Parallel uploads"_s));
    QVERIFY(text.contains(u"direction equals inbound"_s) || text.contains(u"direction"_s));
    for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it) {
        const QRegularExpression row(
            u"%1\\s+%2\\s+%3\\s+%4\\s+%5\\s"_s.arg(it.key().toString(Qt::ISODate))
                .arg(it->matched)
                .arg(it->replicated)
                .arg(it->skipped)
                .arg(it->failed));
        QVERIFY2(text.contains(row), qPrintable(row.pattern() + u"\n"_s + text));
    }
    QVERIFY(text.contains(u"connection reset by peer"_s));
    QVERIFY(!text.contains(TokenRef));
    QVERIFY(!text.contains(UrlPassword));
    int pages = 0;
    QVERIFY2(Test::pdfPageCount(pdf.outputPath, &pages, &error), qPrintable(error));
    QVERIFY(text.contains(u"Page 1 of %1"_s.arg(pages)));
}

void TestReportExact::longRangePdfHasManyPages() {
    QString error;
    ReportRequest pdf = request(ReportFormat::Pdf, u"long.pdf"_s, 0);
    pdf.from = m_today.addDays(-365);
    QVERIFY2(ReportExporter::write(pdf, &error), qPrintable(error));
    int pages = 0;
    QVERIFY2(Test::pdfPageCount(pdf.outputPath, &pages, &error), qPrintable(error));
    QVERIFY2(pages > 4, qPrintable(QString::number(pages)));
    QString text;
    QVERIFY2(Test::pdfText(pdf.outputPath, &text, &error), qPrintable(error));
    QVERIFY(text.contains(u"Page %1 of %1"_s.arg(pages)));
    QVERIFY(text.contains(u"Job: other"_s));
    // Every day of the range has its row: the oldest and the newest.
    QVERIFY(text.contains(pdf.from.toString(Qt::ISODate)));
    QVERIFY(text.contains(m_today.toString(Qt::ISODate)));
    QVERIFY(!text.contains(TokenRef));
}

void TestReportExact::worksFromAnotherThread() {
    QString mainError, threadError;
    const ReportRequest here = request(ReportFormat::Csv, u"main.csv"_s, 0);
    const ReportRequest there = request(ReportFormat::Csv, u"thread.csv"_s, 0);
    QVERIFY2(ReportExporter::write(here, &mainError), qPrintable(mainError));
    bool ok = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        ok = ReportExporter::write(there, &threadError);
        Database::closeConnection();
    }));
    thread->start();
    QVERIFY(thread->wait(30000));
    QVERIFY2(ok, qPrintable(threadError));
    QCOMPARE(Test::readTextFile(there.outputPath), Test::readTextFile(here.outputPath));
}

void TestReportExact::badRequestsGiveClearErrors() {
    QString error;
    ReportRequest backwards = request(ReportFormat::Csv, u"e.csv"_s, m_job.id);
    std::swap(backwards.from, backwards.to);
    QVERIFY(!ReportExporter::write(backwards, &error));
    QVERIFY2(error.contains(u"is after its end date"_s), qPrintable(error));

    ReportRequest unknown = request(ReportFormat::Csv, u"e.csv"_s, 987654);
    QVERIFY(!ReportExporter::write(unknown, &error));
    QVERIFY2(error.contains(u"987654"_s), qPrintable(error));

    ReportRequest noFolder = request(ReportFormat::Html, u"missing/dir/e.html"_s, m_job.id);
    QVERIFY(!ReportExporter::write(noFolder, &error));
    QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));

    ReportRequest folder = request(ReportFormat::Html, QString(), m_job.id);
    folder.outputPath = m_dir.path();
    QVERIFY(!ReportExporter::write(folder, &error));
    QVERIFY2(error.contains(u"is a folder"_s), qPrintable(error));

    ReportRequest huge = request(ReportFormat::Csv, u"e.csv"_s, m_job.id);
    huge.from = m_today.addYears(-20);
    QVERIFY(!ReportExporter::write(huge, &error));
    QVERIFY2(error.contains(u"at most"_s), qPrintable(error));

    // A failed export leaves an existing file as it was.
    const QString existing = output(u"keep.csv"_s);
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("old");
    file.close();
    ReportRequest keep = request(ReportFormat::Csv, u"keep.csv"_s, 987654);
    QVERIFY(!ReportExporter::write(keep, &error));
    QCOMPARE(Test::readTextFile(existing), u"old"_s);
}

QTEST_MAIN(TestReportExact)
#include "tst_report_exact.moc"
