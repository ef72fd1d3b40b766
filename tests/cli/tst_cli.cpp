// SPDX-License-Identifier: GPL-3.0-or-later
// replicall-cli as an administrator uses it: the built binary run through
// QProcess on a job database in a temporary folder, against a real
// replicall-target on 127.0.0.1.
#include "EngineTestSupport.h"
#include "TargetProcess.h"
#include "engine/JobRunner.h"
#include "store/Database.h"
#include "store/JobStore.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;
using namespace Replicall::Test;

namespace {

struct CliResult {
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QString describe() const {
        return u"exit %1\nstdout: %2\nstderr: %3"_s.arg(exitCode).arg(out, err);
    }
};

// A database, an archive and a token file in one temporary folder.
class CliWorkspace {
public:
    QString databasePath() const { return m_dir.filePath(u"jobs/replicall.sqlite"_s); }
    QString archiveDir() const { return m_dir.filePath(u"archive"_s); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    CliResult cli(const QStringList &arguments, int timeoutMs = 60000) const {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"REPLICALL_SECRET_BACKEND"_s, u"file"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(REPLICALL_CLI_BIN),
                      QStringList{u"--db"_s, databasePath()} + arguments);
        CliResult result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
        } else if (process.exitStatus() == QProcess::NormalExit) {
            result.exitCode = process.exitCode();
        }
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QString writeToken(const QString &token) const {
        const QString file = path(u"token.txt"_s);
        QFile out(file);
        if (out.open(QIODevice::WriteOnly))
            out.write(token.toUtf8() + '\n');
        return file;
    }

    // A job on this archive; extra options after the required ones.
    CliResult addJob(const QString &name, const QUrl &target, const QString &token,
                     const QStringList &extra = {}) const {
        return cli(QStringList{u"job"_s, u"add"_s, u"--name"_s, name, u"--source"_s, archiveDir(),
                               u"--target"_s, target.toString(), u"--token-file"_s,
                               writeToken(token)} +
                   extra);
    }

private:
    QTemporaryDir m_dir;
};

#define START_TARGET(target, token, tenants)                                                       \
    TargetProcess target;                                                                          \
    {                                                                                              \
        QString startError;                                                                        \
        QVERIFY2(target.start(&startError), qPrintable(startError));                               \
    }                                                                                              \
    const QString token = target.createToken(u"cli"_s, tenants);                                   \
    QVERIFY(!token.isEmpty())

#define WRITE_ARCHIVE(workspace, calls)                                                            \
    {                                                                                              \
        const CliResult demo = workspace.cli(                                                      \
            {u"demo-archive"_s, u"--out"_s, workspace.archiveDir(), u"--calls"_s,                  \
             QString::number(calls), u"--max-duration"_s, u"2"_s, u"--days"_s, u"3"_s});           \
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.describe()));                                 \
        ageFiles(workspace.archiveDir());                                                          \
    }

QStringList strings(const QJsonValue &value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

QByteArray readAll(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jobAddWithEveryOption();
    void badInput_data();
    void badInput();
    void listRemoveExportImport();
    void runAndStatusAsJson();
    void runRefusedWhileTheJobRuns();
    void demoArchive();
    void tokenStaysSecret();
};

void TestCli::jobAddWithEveryOption() {
    CliWorkspace workspace;
    const QString filter =
        uR"({"conditions":[{"field":"duration","operator":"greater","value":30}]})"_s;
    const CliResult added =
        workspace.addJob(u"every-option"_s, QUrl(u"https://archive.example.com:8443"_s),
                         u"rpl_"_s + QString(43, u'x'),
                         {u"--parallel"_s,
                          u"6"_s,
                          u"--chunk-size"_s,
                          u"2M"_s,
                          u"--mode"_s,
                          u"full"_s,
                          u"--data"_s,
                          u"audio,metadata"_s,
                          u"--tenants"_s,
                          u"acme,globex"_s,
                          u"--remove-after"_s,
                          u"--assign-category"_s,
                          u"replicated"_s,
                          u"--assign-category"_s,
                          u"archived"_s,
                          u"--unassign-category"_s,
                          u"vip"_s,
                          u"--no-ssl-verify"_s,
                          u"--ca-file"_s,
                          workspace.path(u"ca.pem"_s),
                          u"--filter"_s,
                          filter,
                          u"--schedule"_s,
                          u"every 15m"_s,
                          u"--window"_s,
                          u"mon-fri 20:00-06:00"_s,
                          u"--bandwidth"_s,
                          u"10M"_s,
                          u"--disabled"_s});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));

    const CliResult shown = workspace.cli({u"job"_s, u"show"_s, u"every-option"_s, u"--json"_s});
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
    const QJsonObject job = shown.json();
    QCOMPARE(job.value(u"name"_s).toString(), u"every-option"_s);
    QCOMPARE(job.value(u"enabled"_s).toBool(true), false);
    QCOMPARE(job.value(u"sourceDir"_s).toString(), workspace.archiveDir());
    QCOMPARE(job.value(u"targetUrl"_s).toString(), u"https://archive.example.com:8443"_s);
    QCOMPARE(job.value(u"parallel"_s).toInt(), 6);
    QCOMPARE(job.value(u"chunkSize"_s).toInteger(), 2 * 1024 * 1024);
    QCOMPARE(job.value(u"mode"_s).toString(), u"full"_s);
    QCOMPARE(strings(job.value(u"data"_s)), QStringList({u"audio"_s, u"metadata"_s}));
    QCOMPARE(strings(job.value(u"tenants"_s)), QStringList({u"acme"_s, u"globex"_s}));
    QCOMPARE(job.value(u"removeAfter"_s).toBool(), true);
    QCOMPARE(strings(job.value(u"assignCategories"_s)),
             QStringList({u"replicated"_s, u"archived"_s}));
    QCOMPARE(strings(job.value(u"unassignCategories"_s)), QStringList{u"vip"_s});
    QCOMPARE(job.value(u"sslVerify"_s).toBool(true), false);
    QCOMPARE(job.value(u"caFile"_s).toString(), workspace.path(u"ca.pem"_s));
    QCOMPARE(job.value(u"filter"_s).toObject(), QJsonDocument::fromJson(filter.toUtf8()).object());
    QCOMPARE(job.value(u"schedule"_s).toString(), u"every 15m"_s);
    QCOMPARE(job.value(u"window"_s).toString(), u"mon-fri 20:00-06:00"_s);
    QCOMPARE(job.value(u"bandwidth"_s).toInteger(), 10 * 1024 * 1024);
}

void TestCli::badInput_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    const QStringList token{u"--token-file"_s, u"@TOKEN@"_s};
    const QStringList base{u"--name"_s, u"bad"_s, u"--source"_s, u"/srv/archive"_s};
    QTest::newRow("bad URL") << base + QStringList{u"--target"_s, u"not a url"_s} + token
                             << u"--target"_s;
    const QStringList good = base + QStringList{u"--target"_s, u"http://127.0.0.1:1"_s};
    QTest::newRow("parallel 0") << good + QStringList{u"--parallel"_s, u"0"_s} + token
                                << u"--parallel"_s;
    QTest::newRow("chunk size 3X")
        << good + QStringList{u"--chunk-size"_s, u"3X"_s} + token << u"--chunk-size"_s;
    QTest::newRow("unknown mode") << good + QStringList{u"--mode"_s, u"sideways"_s} + token
                                  << u"--mode"_s;
    QTest::newRow("missing name") << good.mid(2) + token << u"--name"_s;
    QTest::newRow("no token") << good << u"token"_s;
}

void TestCli::badInput() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    CliWorkspace workspace;
    const QString tokenFile = workspace.writeToken(u"rpl_"_s + QString(43, u'x'));
    arguments.replaceInStrings(u"@TOKEN@"_s, tokenFile);
    const CliResult result = workspace.cli(QStringList{u"job"_s, u"add"_s} + arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(named), qPrintable(result.describe()));
    // Nothing half-made is left behind.
    const CliResult list = workspace.cli({u"job"_s, u"list"_s, u"--json"_s});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
}

void TestCli::listRemoveExportImport() {
    START_TARGET(target, token, QStringList({u"acme"_s, u"globex"_s}));
    CliWorkspace workspace;
    WRITE_ARCHIVE(workspace, 5);
    const CliResult added =
        workspace.addJob(u"alpha"_s, target.baseUrl(), token, {u"--parallel"_s, u"3"_s});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));

    const CliResult list = workspace.cli({u"job"_s, u"list"_s});
    QVERIFY2(list.exitCode == 0 && list.out.contains(u"alpha"_s), qPrintable(list.describe()));

    const CliResult exported = workspace.cli({u"job"_s, u"export"_s, u"alpha"_s});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    QVERIFY(!exported.out.contains(token));
    QVERIFY(!exported.out.contains(u"tokenRef"_s));
    QCOMPARE(QJsonDocument::fromJson(exported.out.toUtf8()).object().value(u"parallel"_s).toInt(),
             3);
    const QString exportFile = workspace.path(u"alpha.json"_s);
    {
        QFile file(exportFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(exported.out.toUtf8());
    }

    // The export, under another name with its own token, is a job that works.
    const CliResult imported =
        workspace.cli({u"job"_s, u"import"_s, exportFile, u"--name"_s, u"beta"_s, u"--token-file"_s,
                       workspace.writeToken(token)});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
    const CliResult run = workspace.cli({u"run"_s, u"beta"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(run.json().value(u"uploaded"_s).toInt(), 5);
    const CliResult beta = workspace.cli({u"job"_s, u"show"_s, u"beta"_s, u"--json"_s});
    QCOMPARE(beta.json().value(u"parallel"_s).toInt(), 3);

    const QString malformed = workspace.path(u"malformed.json"_s);
    {
        QFile file(malformed);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"name\": \"gamma\", ");
    }
    const CliResult refused = workspace.cli({u"job"_s, u"import"_s, malformed});
    QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(malformed) && refused.err.contains(u"JSON"_s),
             qPrintable(refused.describe()));

    const CliResult removed = workspace.cli({u"job"_s, u"remove"_s, u"alpha"_s});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
    const CliResult after = workspace.cli({u"job"_s, u"list"_s, u"--json"_s});
    const QJsonArray jobs = QJsonDocument::fromJson(after.out.toUtf8()).array();
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs.first().toObject().value(u"name"_s).toString(), u"beta"_s);
    const CliResult gone = workspace.cli({u"job"_s, u"show"_s, u"alpha"_s});
    QVERIFY2(gone.exitCode == 1 && gone.err.contains(u"alpha"_s), qPrintable(gone.describe()));
}

void TestCli::runAndStatusAsJson() {
    START_TARGET(target, token, QStringList{u"acme"_s});
    CliWorkspace workspace;
    WRITE_ARCHIVE(workspace, 12);
    QStringList globex;
    QDirIterator it(workspace.archiveDir() + u"/globex"_s, {u"*.json"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        globex.append(QFileInfo(it.next()).completeBaseName());
    QVERIFY(!globex.isEmpty() && globex.size() < 12);

    const CliResult added =
        workspace.addJob(u"json"_s, target.baseUrl(), token, {u"--data"_s, u"audio,metadata"_s});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const CliResult run = workspace.cli({u"run"_s, u"json"_s, u"--json"_s});
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    const QJsonObject summary = run.json();
    QCOMPARE(summary.value(u"uploaded"_s).toInt(), 12 - globex.size());
    QCOMPARE(summary.value(u"skipped"_s).toInt(), 0);
    QCOMPARE(summary.value(u"failed"_s).toInt(), globex.size());
    QVERIFY(summary.value(u"bytes"_s).toInteger() > 0);
    for (const QString &id : std::as_const(globex)) {
        // Named on stderr with the recording and the cause.
        const QString line =
            u"recording %1: The token 'cli' may not upload for tenant 'globex'"_s.arg(id);
        QVERIFY2(run.err.contains(line), qPrintable(id + u"\n"_s + run.describe()));
    }

    const CliResult status = workspace.cli({u"status"_s, u"json"_s, u"--json"_s});
    QVERIFY2(status.exitCode == 0, qPrintable(status.describe()));
    const QJsonObject state = status.json();
    const QJsonArray runs = state.value(u"runs"_s).toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject last = runs.first().toObject();
    QCOMPARE(last.value(u"id"_s).toInteger(), summary.value(u"run"_s).toInteger());
    QCOMPARE(last.value(u"status"_s).toString(), u"partial"_s);
    QCOMPARE(last.value(u"uploaded"_s).toInt(), 12 - globex.size());
    QCOMPARE(last.value(u"failed"_s).toInt(), globex.size());
    QCOMPARE(last.value(u"bytes"_s).toInteger(), summary.value(u"bytes"_s).toInteger());
    int replicated = 0, failed = 0;
    qint64 bytes = 0;
    const QJsonArray days = state.value(u"days"_s).toArray();
    for (const QJsonValue &day : days) {
        replicated += day.toObject().value(u"replicated"_s).toInt();
        failed += day.toObject().value(u"failed"_s).toInt();
        bytes += day.toObject().value(u"bytes"_s).toInteger();
    }
    QCOMPARE(replicated, 12 - globex.size());
    QCOMPARE(failed, globex.size());
    QCOMPARE(bytes, summary.value(u"bytes"_s).toInteger());
    QCOMPARE(state.value(u"replicatedRecordings"_s).toInt(), 12 - globex.size());
    QCOMPARE(state.value(u"failures"_s).toArray().size(), globex.size());
}

void TestCli::runRefusedWhileTheJobRuns() {
    START_TARGET(target, token, QStringList({u"acme"_s, u"globex"_s}));
    CliWorkspace workspace;
    WRITE_ARCHIVE(workspace, 6);
    const CliResult added = workspace.addJob(u"busy"_s, target.baseUrl(), token);
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));

    // This process runs the job; the command-line tool must not run it too.
    QString error;
    QVERIFY2(Database::open(workspace.databasePath(), &error), qPrintable(error));
    const std::optional<Job> job = JobStore::byName(u"busy"_s, &error);
    QVERIFY2(job, qPrintable(error));
    SecretStore secrets(workspace.path(u"jobs/secrets"_s));
    JobRunner runner(workspace.databasePath(), &secrets);
    QSignalSpy finished(&runner, &JobRunner::finished);
    runner.start(*job);
    QVERIFY(runner.isRunning());
    const CliResult second = workspace.cli({u"run"_s, u"busy"_s});
    QVERIFY2(second.exitCode == 1, qPrintable(second.describe()));
    QVERIFY2(second.err.contains(u"already running"_s), qPrintable(second.describe()));

    QVERIFY(finished.wait(60000));
    const RunSummary summary = finished.first().first().value<RunSummary>();
    QVERIFY2(summary.ok(), qPrintable(describeFailures(summary)));
    QCOMPARE(summary.uploaded, 6);
    Database::closeConnection();
}

void TestCli::demoArchive() {
    CliWorkspace workspace;
    const CliResult demo = workspace.cli({u"demo-archive"_s, u"--out"_s, workspace.archiveDir(),
                                          u"--calls"_s, u"7"_s, u"--max-duration"_s, u"3"_s});
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.describe()));
    int sidecars = 0, wavs = 0;
    QDirIterator it(workspace.archiveDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(u".json"_s) && QFileInfo(path).fileName() != u"users.json"_s) {
            ++sidecars;
            QVERIFY(!readJson(path).value(u"id"_s).toString().isEmpty());
        } else if (path.endsWith(u".wav"_s)) {
            ++wavs;
            const QByteArray head = readAll(path).left(12);
            QVERIFY2(head.startsWith("RIFF") && head.mid(8, 4) == "WAVE", qPrintable(path));
        }
    }
    QCOMPARE(sidecars, 7);
    QCOMPARE(wavs, 7);
    QVERIFY(QFileInfo::exists(workspace.archiveDir() + u"/users.json"_s));

    const CliResult refused = workspace.cli(
        {u"demo-archive"_s, u"--out"_s, workspace.archiveDir(), u"--calls"_s, u"0"_s});
    QVERIFY2(refused.exitCode == 2 && refused.err.contains(u"--calls"_s),
             qPrintable(refused.describe()));
}

void TestCli::tokenStaysSecret() {
    CliWorkspace workspace;
    const QString token = u"rpl_"_s + QString(43, u'S');
    const CliResult added = workspace.addJob(u"secret"_s, QUrl(u"http://127.0.0.1:1"_s), token);
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));

    // The file fallback: one file per token, readable by its owner alone.
    QDirIterator it(workspace.path(u"jobs/secrets"_s), QDir::Files | QDir::Hidden);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        ++files;
        QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(readAll(path).trimmed(), token.toUtf8());
    }
    QCOMPARE(files, 1);

    // Neither the database nor what the tool prints holds it.
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s}) {
        const QByteArray bytes = readAll(workspace.databasePath() + suffix);
        QVERIFY2(!bytes.contains(token.toUtf8()), qPrintable(suffix));
    }
    QVERIFY(!readAll(workspace.databasePath()).isEmpty());
    for (const QStringList &command : {QStringList{u"job"_s, u"show"_s, u"secret"_s},
                                       QStringList{u"job"_s, u"list"_s, u"--json"_s},
                                       QStringList{u"job"_s, u"export"_s, u"secret"_s}}) {
        const CliResult shown = workspace.cli(command);
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(!shown.out.contains(token) && !shown.err.contains(token),
                 qPrintable(command.join(u' ')));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
