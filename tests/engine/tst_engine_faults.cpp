// SPDX-License-Identifier: GPL-3.0-or-later
// The replication engine when things go wrong: a target killed mid-upload,
// refused tokens, tenants out of scope, TLS, target limits, a second run of
// the same job. Each test has its own real replicall-target on 127.0.0.1.
#include "EngineTestSupport.h"
#include "TargetProcess.h"
#include "engine/JobRunner.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;
using namespace Replicall::Test;

namespace {

constexpr qint64 MiB = 1024 * 1024;
const QStringList BothTenants{u"acme"_s, u"globex"_s};

#define START_TARGET(target, ...)                                                                  \
    TargetProcess target;                                                                          \
    {                                                                                              \
        QString startError;                                                                        \
        QVERIFY2(target.start(&startError, ##__VA_ARGS__), qPrintable(startError));                \
    }

#define WRITE_ARCHIVE(sender, calls)                                                               \
    QVERIFY(sender.isValid());                                                                     \
    {                                                                                              \
        QString archiveError;                                                                      \
        QVERIFY2(sender.writeArchive(calls, &archiveError), qPrintable(archiveError));             \
    }

// A call of `size` bytes of audio added to the archive as a recorder would.
bool addLargeCall(const SenderWorkspace &sender, const QString &id, qint64 size, QString *error,
                  QString *audioPath) {
    const QString folder = sender.archiveDir() + u"/acme/2026/01/15"_s;
    QDir().mkpath(folder);
    *audioPath = folder + u'/' + id + u".wav"_s;
    const QJsonObject sidecar{
        {u"id"_s, id},
        {u"tenant"_s, u"acme"_s},
        {u"start"_s, u"2026-01-15T09:30:00Z"_s},
        {u"durationMs"_s, qint64(size / 16)},
        {u"direction"_s, u"inbound"_s},
        {u"caller"_s, QJsonObject{{u"number"_s, u"+4930123456"_s}, {u"name"_s, u""_s}}},
        {u"callee"_s, QJsonObject{{u"number"_s, u"201"_s}, {u"name"_s, u"Alice Smith"_s}}},
        {u"audio"_s, QString(id + u".wav"_s)}};
    if (!writeWav(*audioPath, size, 7, error) ||
        !writeSidecar(folder + u'/' + id + u".json"_s, sidecar, error))
        return false;
    ageFiles(folder);
    return true;
}

} // namespace

class TestEngineFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void uploadCutMidFileResumes();
    void refusedToken_data();
    void refusedToken();
    void tenantOutOfScope();
    void selfSignedCertificate();
    void uploadOverTheTargetsLimit();
    void sameJobTwiceAtOnce();
};

void TestEngineFaults::uploadCutMidFileResumes() {
    START_TARGET(target);
    const QString token = target.createToken(u"resume"_s, {u"acme"_s});
    QVERIFY(!token.isEmpty());
    SenderWorkspace sender;
    QVERIFY(sender.isValid());
    constexpr qint64 Size = 40 * MiB;
    QString error, audioPath;
    QVERIFY2(addLargeCall(sender, u"big-1"_s, Size, &error, &audioPath), qPrintable(error));

    const Job job = sender.addJob(u"resume"_s, target.baseUrl(), token, [](Job &j) {
        j.parallel = 1;
        j.chunkSize = MiB;
        j.data = DataKind::Audio | DataKind::Metadata;
        // Slow enough that a progress report (every 200 ms) comes mid-file.
        j.bandwidth = 20 * MiB;
    });
    qint64 sentWhenKilled = 0;
    const RunSummary cut = sender.run(job, 60000, [&](JobRunner &runner) {
        QObject::connect(&runner, &JobRunner::progress, &runner, [&](const RunProgress &progress) {
            if (sentWhenKilled == 0 && progress.bytesDone >= 16 * MiB) {
                sentWhenKilled = progress.bytesDone;
                target.kill();
            }
        });
    });
    QVERIFY2(sentWhenKilled > 0 && sentWhenKilled < Size, "the target was not killed mid-file");
    QVERIFY2(!cut.status.isEmpty(), "the run did not end after the target's crash");
    QVERIFY2(!cut.ok(), qPrintable(describeFailures(cut)));
    QCOMPARE(cut.uploaded, 0);
    QCOMPARE(cut.failures.size(), 1);
    QCOMPARE(cut.failures.first().recordingId, u"big-1"_s);
    QCOMPARE(cut.failures.first().kind, u"transient"_s);
    QVERIFY2(cut.message.contains(u"stopped answering"_s), qPrintable(cut.message));
    QCOMPARE(LedgerStore::count(job.id), 0);

    QVERIFY2(target.restart(&error), qPrintable(error));
    const RunSummary resumed = sender.run(job);
    QVERIFY2(resumed.ok(), qPrintable(describeFailures(resumed)));
    QCOMPARE(resumed.uploaded, 1);
    // Resumed from the target's offset: what was acknowledged is not sent again.
    // The progress counted bytes handed to the socket, so the target may have
    // acknowledged a few MiB less than that when it died.
    QVERIFY2(resumed.bytes > 0 && resumed.bytes < Size &&
                 resumed.bytes <= Size - sentWhenKilled + 8 * MiB,
             qPrintable(u"%1 bytes sent after %2 of %3 had been sent"_s.arg(resumed.bytes)
                            .arg(sentWhenKilled)
                            .arg(Size)));
    const QHash<QString, QByteArray> stored = fileHashes(target.dataDir(), u".wav"_s);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.value(u"acme/2026/01/15/big-1.wav"_s), sha256Hex(audioPath));
}

void TestEngineFaults::refusedToken_data() {
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong") << u"wrong"_s << u"not known"_s;
    QTest::newRow("revoked") << u"revoked"_s << u"revoked"_s;
    QTest::newRow("expired") << u"expired"_s << u"expired"_s;
}

void TestEngineFaults::refusedToken() {
    QFETCH(QString, problem);
    QFETCH(QString, expected);
    START_TARGET(target);
    QString token = target.createToken(u"refused"_s, BothTenants, {u"audio"_s, u"metadata"_s},
                                       problem == u"expired"_s ? 1 : 0);
    QVERIFY(!token.isEmpty());
    if (problem == u"wrong"_s) {
        token = u"rpl_"_s + QString(43, u'A');
    } else if (problem == u"revoked"_s) {
        QVERIFY(target.revokeToken(u"refused"_s));
    } else {
        // The target's CLI cannot create a token that has already expired
        // (--expires-days must be positive), so its expiry is moved into the
        // past in the target's own database.
        TargetDb db(target.dataDir());
        QVERIFY2(db.exec(u"UPDATE tokens SET expires = '2020-01-01T00:00:00Z' WHERE name = ?"_s,
                         {u"refused"_s}),
                 qPrintable(db.error()));
    }
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 5);
    const Job job = sender.addJob(u"refused"_s, target.baseUrl(), token,
                                  [](Job &j) { j.data = DataKind::Audio | DataKind::Metadata; });
    const RunSummary run = sender.run(job);
    QCOMPARE(run.status, u"failed"_s);
    QVERIFY2(run.message.contains(expected), qPrintable(run.message));
    QVERIFY2(run.message.contains(u"token"_s), qPrintable(run.message));
    QVERIFY2(!run.message.contains(token), "the message shows the token");
    QCOMPARE(run.uploaded, 0);
    QCOMPARE(LedgerStore::count(job.id), 0);
    QCOMPARE(fileHashes(target.dataDir(), u".wav"_s).size(), 0);
}

void TestEngineFaults::tenantOutOfScope() {
    START_TARGET(target);
    const QString token = target.createToken(u"acme-only"_s, {u"acme"_s});
    QVERIFY(!token.isEmpty());
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 12);
    int globex = 0;
    const QHash<QString, QString> sidecars = sender.sidecarsById();
    for (const QString &path : sidecars)
        globex += readJson(path).value(u"tenant"_s).toString() == u"globex"_s ? 1 : 0;
    QVERIFY(globex > 0 && globex < 12);

    const Job job = sender.addJob(u"scope"_s, target.baseUrl(), token,
                                  [](Job &j) { j.data = DataKind::Audio | DataKind::Metadata; });
    const RunSummary run = sender.run(job);
    QCOMPARE(run.status, u"partial"_s);
    QCOMPARE(run.failed, globex);
    QCOMPARE(run.uploaded, 12 - globex);
    for (const RecordingFailure &failure : run.failures) {
        QCOMPARE(readJson(sidecars.value(failure.recordingId)).value(u"tenant"_s).toString(),
                 u"globex"_s);
        QCOMPARE(failure.kind, u"recording"_s);
        QVERIFY2(failure.cause.contains(u"'globex'"_s), qPrintable(failure.cause));
    }
    QCOMPARE(LedgerStore::count(job.id), 12 - globex);
}

void TestEngineFaults::selfSignedCertificate() {
    QTemporaryDir certificates;
    QString certificate, key, error;
    QVERIFY2(
        TargetProcess::makeSelfSignedCertificate(certificates.path(), &certificate, &key, &error),
        qPrintable(error));
    START_TARGET(target, {u"--tls-cert"_s, certificate, u"--tls-key"_s, key});
    QCOMPARE(target.baseUrl().scheme(), u"https"_s);
    const QString token = target.createToken(u"tls"_s, BothTenants);
    QVERIFY(!token.isEmpty());
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 4);

    const Job verified = sender.addJob(u"verified"_s, target.baseUrl(), token);
    const RunSummary refused = sender.run(verified);
    QCOMPARE(refused.status, u"failed"_s);
    QVERIFY2(refused.message.contains(u"certificate"_s, Qt::CaseInsensitive),
             qPrintable(refused.message));
    QCOMPARE(refused.uploaded, 0);

    const Job unverified = sender.addJob(u"unverified"_s, target.baseUrl(), token,
                                         [](Job &j) { j.sslVerify = false; });
    const RunSummary open = sender.run(unverified);
    QVERIFY2(open.ok(), qPrintable(describeFailures(open)));
    QCOMPARE(open.uploaded, 4);

    const Job pinned = sender.addJob(u"pinned"_s, target.baseUrl(), token,
                                     [&certificate](Job &j) { j.caFile = certificate; });
    const RunSummary trusted = sender.run(pinned);
    QVERIFY2(trusted.ok(), qPrintable(describeFailures(trusted)));
    QCOMPARE(trusted.uploaded, 4);
    QCOMPARE(fileHashes(target.dataDir(), u".wav"_s), fileHashes(sender.archiveDir(), u".wav"_s));
}

void TestEngineFaults::uploadOverTheTargetsLimit() {
    START_TARGET(target, {u"--max-upload-size"_s, u"100k"_s});
    const QString token = target.createToken(u"limits"_s, BothTenants);
    QVERIFY(!token.isEmpty());
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 6);
    QString error, audioPath;
    QVERIFY2(addLargeCall(sender, u"huge-1"_s, 300 * 1024, &error, &audioPath), qPrintable(error));

    const Job job = sender.addJob(u"limits"_s, target.baseUrl(), token);
    const RunSummary run = sender.run(job);
    QCOMPARE(run.status, u"partial"_s);
    QCOMPARE(run.uploaded, 6);
    QCOMPARE(run.failures.size(), 1);
    const RecordingFailure &failure = run.failures.first();
    QCOMPARE(failure.recordingId, u"huge-1"_s);
    QCOMPARE(failure.kind, u"recording"_s);
    QVERIFY2(failure.cause.contains(u"413"_s) && failure.cause.contains(u"maximum upload size"_s),
             qPrintable(failure.cause));
    QVERIFY(!LedgerStore::contains(job.id, u"huge-1"_s));
    QCOMPARE(LedgerStore::count(job.id), 6);
}

void TestEngineFaults::sameJobTwiceAtOnce() {
    START_TARGET(target);
    const QString token = target.createToken(u"twice"_s, BothTenants);
    QVERIFY(!token.isEmpty());
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 10);
    const Job job = sender.addJob(u"twice"_s, target.baseUrl(), token);

    JobRunner first(sender.databasePath(), &sender.secrets());
    JobRunner second(sender.databasePath(), &sender.secrets());
    QSignalSpy firstDone(&first, &JobRunner::finished);
    QSignalSpy secondDone(&second, &JobRunner::finished);
    first.start(job);
    QVERIFY(first.isRunning());
    second.start(job);
    // Refused at once, without waiting for the first run.
    QCOMPARE(secondDone.size(), 1);
    const RunSummary refused = secondDone.first().first().value<RunSummary>();
    QCOMPARE(refused.status, u"failed"_s);
    QVERIFY2(refused.message.contains(u"already running"_s), qPrintable(refused.message));
    QCOMPARE(refused.uploaded, 0);

    QVERIFY(firstDone.wait(60000));
    const RunSummary ran = firstDone.first().first().value<RunSummary>();
    QVERIFY2(ran.ok(), qPrintable(describeFailures(ran)));
    QCOMPARE(ran.uploaded, 10);
    const std::optional<QList<RunRecord>> runs = RunStore::recent(job.id, 10);
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);

    // Once the first has finished the job may run again.
    second.start(job);
    QVERIFY(secondDone.size() == 2 || secondDone.wait(60000));
    QVERIFY(secondDone.last().first().value<RunSummary>().ok());
}

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_engine_faults.moc"
