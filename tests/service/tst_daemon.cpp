// SPDX-License-Identifier: GPL-3.0-or-later
// replicall-cli daemon and the job options, as separate processes on one
// database, against a real replicall-target on 127.0.0.1.
#include "ServiceTestHelpers.h"
#include "TargetProcess.h"
#include "store/RunStore.h"
#include "store/UploadStateStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Replicall;
using namespace Replicall::Test;

namespace {

// QtTest cuts a message after about 1000 characters, and a sanitizer's report
// ends a process's error output: the end is what tells why it failed.
QString tail(const QString &output) {
    return output.right(900);
}

// A replicall-cli process on the test's database, stopped when the test ends.
class Cli {
public:
    Cli(const QString &db, const QStringList &arguments) {
        m_process.setProgram(QStringLiteral(REPLICALL_CLI_BIN));
        m_process.setArguments(QStringList{u"--db"_s, db} + arguments);
        m_process.start();
    }
    ~Cli() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    QProcess &process() { return m_process; }
    QString errors() {
        m_errors += QString::fromUtf8(m_process.readAllStandardError());
        return m_errors;
    }
    bool terminate(int timeoutMs) {
        m_process.terminate(); // SIGTERM
        return m_process.waitForFinished(timeoutMs);
    }
    // Exit code 0, not killed by a signal (a sanitizer aborts with SIGABRT).
    bool exitedCleanly() const {
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    QString errorsTail() { return tail(errors()); }

private:
    QProcess m_process;
    QString m_errors;
};

// Runs replicall-cli to its end; returns the exit code, or -1 when it crashed
// or did not end in time. Then its error output goes to the test log: a
// sanitizer's report is the only clue to why.
int runCli(const QString &db, const QStringList &arguments, QString *errors = nullptr) {
    QProcess process;
    process.start(QStringLiteral(REPLICALL_CLI_BIN), QStringList{u"--db"_s, db} + arguments);
    const bool finished = process.waitForFinished(30'000);
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    const QString output = QString::fromUtf8(process.readAllStandardError());
    if (errors)
        *errors = output;
    if (finished && process.exitStatus() == QProcess::NormalExit)
        return process.exitCode();
    qWarning("replicall-cli %s %s; its error output ends:\n%s", qPrintable(arguments.join(u' ')),
             finished ? "crashed" : "did not end within 30 s", qPrintable(tail(output)));
    return -1;
}

} // namespace

class TestDaemon : public QObject {
    Q_OBJECT

private:
    TargetProcess m_target;
    ServiceWorkspace m_workspace;
    QString m_db;
    QString m_archive;

    QList<RunRecord> runs(qint64 jobId) {
        QString error;
        return RunStore::recent(jobId, 100, &error).value_or(QList<RunRecord>());
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_target.start(&error), qPrintable(error));
    }

    void init() {
        QString error;
        QVERIFY2(m_workspace.setUp(&error), qPrintable(error));
        m_db = m_workspace.databasePath();
        m_archive = m_workspace.archiveDir();
    }

    void cleanup() { m_workspace.tearDown(); }

    // Two daemons on one database: one schedules and says so, the other
    // names it as the owner, takes over when it stops, and no call is sent
    // twice nor a run of the job overlaps another.
    void twoDaemonsNeverRunAJobTwice() {
        const Job job = addJob(m_target, m_db, m_archive, u"shared"_s, u"continuous"_s);
        QVERIFY(job.id > 0);
        for (int i = 0; i < 5; ++i)
            writeCall(m_archive, u"c-two-%1"_s.arg(i), 4096);

        Cli first(m_db, {u"daemon"_s});
        QTRY_VERIFY_WITH_TIMEOUT(first.errors().contains(u"now schedules the jobs"_s), 10'000);
        Cli second(m_db, {u"daemon"_s, u"--takeover-interval"_s, u"1"_s});
        const QString firstPid = QString::number(first.process().processId());
        QTRY_VERIFY_WITH_TIMEOUT(
            second.errors().contains(u"is owned by replicall-cli (pid %1"_s.arg(firstPid)), 10'000);
        // And a run by hand while the daemon runs the job is refused, not doubled.
        QTRY_VERIFY_WITH_TIMEOUT(targetAudioSize(m_target, u"c-two-4"_s) == 4096, 10'000);

        QVERIFY(first.terminate(20'000));
        QVERIFY2(first.exitedCleanly(), qPrintable(first.errorsTail()));
        QTRY_VERIFY_WITH_TIMEOUT(second.errors().contains(u"now schedules the jobs"_s), 10'000);
        writeCall(m_archive, u"c-two-late"_s, 4096);
        QTRY_VERIFY_WITH_TIMEOUT(targetAudioSize(m_target, u"c-two-late"_s) == 4096, 10'000);
        QVERIFY(second.terminate(20'000));
        QVERIFY2(second.exitedCleanly(), qPrintable(second.errorsTail()));

        for (int i = 0; i < 5; ++i)
            QCOMPARE(targetCopies(m_target, u"c-two-%1"_s.arg(i)), 1);
        QList<RunRecord> all = runs(job.id);
        std::sort(all.begin(), all.end(),
                  [](const RunRecord &a, const RunRecord &b) { return a.id < b.id; });
        QSet<qint64> pids;
        for (int i = 0; i < all.size(); ++i) {
            QVERIFY(all[i].status != RunStatus::Running);
            pids.insert(all[i].pid);
            if (i > 0)
                QVERIFY2(all[i].startedAt >= all[i - 1].finishedAt,
                         qPrintable(u"run %1 started before run %2 ended"_s.arg(all[i].id).arg(
                             all[i - 1].id)));
        }
        QCOMPARE(pids.size(), 2); // both daemons ran it, one after the other
    }

    // `replicall-cli run` of a job the daemon is running is refused.
    void manualRunWhileDaemonRunsIsRefused() {
        const Job job = addJob(m_target, m_db, m_archive, u"slow"_s, u"every 1h"_s, 1024 * 1024);
        QVERIFY(job.id > 0);
        writeCall(m_archive, u"c-slow-1"_s, 6 * 1024 * 1024);
        QTest::qWait(2100);
        Cli daemon(m_db, {u"daemon"_s});
        QTRY_VERIFY_WITH_TIMEOUT(daemon.errors().contains(u"run started"_s), 10'000);
        QString errors;
        QCOMPARE(runCli(m_db, {u"run"_s, u"slow"_s}, &errors), 1);
        QVERIFY2(errors.contains(u"already running"_s), qPrintable(errors));
        QVERIFY(daemon.terminate(20'000));
    }

    // SIGTERM: the daemon stops its run, which checkpoints (no 'running' run
    // left, the large upload resumable), and exits 0.
    void sigtermStopsCleanly() {
        // 8 MiB at 1 MiB/s in 1 MiB chunks: still uploading after two seconds.
        const Job job = addJob(m_target, m_db, m_archive, u"big"_s, u"every 1h"_s, 1024 * 1024);
        QVERIFY(job.id > 0);
        writeCall(m_archive, u"c-huge-1"_s, 8 * 1024 * 1024);
        QTest::qWait(2100);
        Cli daemon(m_db, {u"daemon"_s});
        QTRY_VERIFY_WITH_TIMEOUT(daemon.errors().contains(u"run started"_s), 10'000);
        QString error;
        QTRY_VERIFY_WITH_TIMEOUT(UploadStateStore::find(job.id, u"c-huge-1"_s, &error).has_value(),
                                 10'000);
        QTest::qWait(1000);
        QVERIFY(daemon.terminate(20'000));
        QVERIFY2(daemon.exitedCleanly(), qPrintable(daemon.errorsTail()));
        QVERIFY2(daemon.errors().contains(u"stopped"_s), qPrintable(daemon.errors()));
        const QList<RunRecord> all = runs(job.id);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().status, RunStatus::Stopped);
        QVERIFY(UploadStateStore::find(job.id, u"c-huge-1"_s, &error).has_value());
        QCOMPARE(targetAudioSize(m_target, u"c-huge-1"_s), -1);

        // The next run resumes: it sends less than the whole file.
        QCOMPARE(runCli(m_db, {u"run"_s, u"big"_s}), 0);
        QCOMPARE(targetAudioSize(m_target, u"c-huge-1"_s), 8 * 1024 * 1024);
        const RunRecord resumed = runs(job.id).first();
        QVERIFY2(resumed.bytes < 8 * 1024 * 1024,
                 qPrintable(u"the resumed run sent %1 bytes"_s.arg(resumed.bytes)));
    }

    void badScheduleWindowAndBandwidthAreRefused_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("schedule") << QStringList{u"--schedule"_s, u"hourly"_s}
                                  << u"--schedule: 'hourly' is not a kind of schedule"_s;
        QTest::newRow("time") << QStringList{u"--schedule"_s, u"daily 25:00"_s}
                              << u"--schedule: '25:00' is not a time of day"_s;
        QTest::newRow("window") << QStringList{u"--window"_s, u"fry 20:00-06:00"_s}
                                << u"--window: 'fry' is not a weekday"_s;
        QTest::newRow("bandwidth")
            << QStringList{u"--bandwidth"_s, u"fast"_s} << u"--bandwidth: "_s;
        QTest::newRow("tiny bandwidth")
            << QStringList{u"--bandwidth"_s, u"100"_s} << u"--bandwidth: "_s;
    }

    void badScheduleWindowAndBandwidthAreRefused() {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const QString tokenFile = m_workspace.filePath(u"token"_s);
        QFile token(tokenFile);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("rpl_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
        token.close();
        QString errors;
        const int exit =
            runCli(m_db,
                   QStringList{u"job"_s, u"add"_s, u"--name"_s, u"bad"_s, u"--source"_s, m_archive,
                               u"--target"_s, m_target.baseUrl().toString(), u"--token-file"_s,
                               tokenFile} +
                       options,
                   &errors);
        QCOMPARE(exit, 2);
        QVERIFY2(errors.contains(message), qPrintable(errors));
    }

    // A valid spec is stored in canonical form, and `job show` lists next runs.
    void goodSpecsAreStoredCanonically() {
        const QString tokenFile = m_workspace.filePath(u"token"_s);
        QFile token(tokenFile);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("rpl_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
        token.close();
        QCOMPARE(runCli(m_db,
                        {u"job"_s, u"add"_s, u"--name"_s, u"good"_s, u"--source"_s, m_archive,
                         u"--target"_s, m_target.baseUrl().toString(), u"--token-file"_s, tokenFile,
                         u"--schedule"_s, u"daily 14:30, 02:00"_s, u"--bandwidth"_s, u"80Mbit"_s}),
                 0);
        QProcess show;
        show.start(QStringLiteral(REPLICALL_CLI_BIN),
                   {u"--db"_s, m_db, u"job"_s, u"show"_s, u"good"_s});
        QVERIFY(show.waitForFinished(10'000));
        const QString text = QString::fromUtf8(show.readAllStandardOutput());
        QVERIFY2(text.contains(u"daily 02:00,14:30"_s), qPrintable(text));
        QVERIFY2(text.contains(u"80Mbit/s"_s), qPrintable(text));
        QVERIFY2(text.contains(u"next runs:"_s) &&
                     text.count(u":30 "_s) + text.count(u":00 "_s) >= 5,
                 qPrintable(text));
    }

    // `job preview` counts what a run would send, and less once it was sent.
    void previewCountsWhatARunWouldSend() {
        const Job job = addJob(m_target, m_db, m_archive, u"preview"_s, u"manual"_s);
        QVERIFY(job.id > 0);
        for (int i = 0; i < 3; ++i)
            writeCall(m_archive, u"c-pre-%1"_s.arg(i), 1000);
        QProcess preview;
        preview.start(QStringLiteral(REPLICALL_CLI_BIN),
                      {u"--db"_s, m_db, u"job"_s, u"preview"_s, u"preview"_s, u"--json"_s,
                       u"--sample"_s, u"2"_s});
        QVERIFY(preview.waitForFinished(20'000));
        QCOMPARE(preview.exitCode(), 0);
        const QJsonObject result =
            QJsonDocument::fromJson(preview.readAllStandardOutput()).object();
        QCOMPARE(result.value(u"matching"_s).toInt(), 3);
        QCOMPARE(result.value(u"toSend"_s).toInt(), 3);
        QCOMPARE(result.value(u"toSendBytes"_s).toInt(), 3000);
        QCOMPARE(result.value(u"sample"_s).toArray().size(), 2);
        QString errors;
        QCOMPARE(
            runCli(m_db, {u"job"_s, u"preview"_s, u"preview"_s, u"--sample"_s, u"x"_s}, &errors),
            2);
        QVERIFY2(errors.contains(u"--sample: 'x'"_s), qPrintable(errors));
    }
};

QTEST_GUILESS_MAIN(TestDaemon)
#include "tst_daemon.moc"
