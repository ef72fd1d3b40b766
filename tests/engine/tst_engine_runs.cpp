// SPDX-License-Identifier: GPL-3.0-or-later
// The replication engine end to end: JobRunner against a real replicall-target
// on 127.0.0.1, a real archive and a real job database per test function.
#include "EngineTestSupport.h"
#include "TargetProcess.h"
#include "engine/JobRunner.h"
#include "source/Sidecar.h"
#include "store/JobStore.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"
#include "store/StatsStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;
using namespace Replicall::Test;

namespace {

const QStringList BothTenants{u"acme"_s, u"globex"_s};

// Starts a target and makes a token for both tenants and all data kinds.
#define START_TARGET(target, token, ...)                                                           \
    TargetProcess target;                                                                          \
    {                                                                                              \
        QString startError;                                                                        \
        QVERIFY2(target.start(&startError, ##__VA_ARGS__), qPrintable(startError));                \
    }                                                                                              \
    const QString token = target.createToken(u"engine"_s, BothTenants);                            \
    QVERIFY(!token.isEmpty())

#define WRITE_ARCHIVE(sender, calls)                                                               \
    QVERIFY(sender.isValid());                                                                     \
    {                                                                                              \
        QString archiveError;                                                                      \
        QVERIFY2(sender.writeArchive(calls, &archiveError), qPrintable(archiveError));             \
    }

// The audio files the target stores, by path relative to its data directory.
QHash<QString, QByteArray> targetAudio(const TargetProcess &target) {
    return fileHashes(target.dataDir(), u".wav"_s);
}

QHash<QString, QByteArray> archiveAudio(const SenderWorkspace &sender) {
    return fileHashes(sender.archiveDir(), u".wav"_s);
}

int countTenant(const QHash<QString, QString> &sidecars, const QString &tenant) {
    int count = 0;
    for (const QString &path : sidecars)
        count += readJson(path).value(u"tenant"_s).toString() == tenant ? 1 : 0;
    return count;
}

} // namespace

class TestEngineRuns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rerunSendsNothing();
    void fullModeSkipsWhatTheTargetHolds();
    void changedRecordingIsSentAgain();
    void statisticsAgreeWithTheTarget();
    void dataSelection();
    void accessScope();
    void categoryActionsAfterSuccess();
    void removeAfterOnlyWhatTheTargetVerified();
    void removeAfterWithTargetKilledMidRun();
    void eightWorkersThousandRecordings();
};

void TestEngineRuns::rerunSendsNothing() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 20);
    Job job = sender.addJob(u"rerun"_s, target.baseUrl(), token,
                            [](Job &j) { j.mode = ReplicationMode::Full; });

    const RunSummary first = sender.run(job);
    QVERIFY2(first.ok(), qPrintable(describeFailures(first)));
    QCOMPARE(first.matched, 20);
    QCOMPARE(first.uploaded, 20);
    QCOMPARE(targetAudio(target).size(), 20);

    // Full mode asks the target, which now holds everything.
    const RunSummary second = sender.run(job);
    QVERIFY2(second.ok(), qPrintable(describeFailures(second)));
    QCOMPARE(second.uploaded, 0);
    QCOMPARE(second.skipped, 20);
    QCOMPARE(second.bytes, 0);

    // Incremental with nothing new: nothing is even considered.
    job.mode = ReplicationMode::Incremental;
    QString error;
    QVERIFY2(JobStore::update(job, &error), qPrintable(error));
    const RunSummary third = sender.run(job);
    QVERIFY2(third.ok(), qPrintable(describeFailures(third)));
    QCOMPARE(third.matched, 0);
    QCOMPARE(third.uploaded, 0);
    QCOMPARE(third.skipped, 0);
    QCOMPARE(targetAudio(target).size(), 20);
}

void TestEngineRuns::fullModeSkipsWhatTheTargetHolds() {
    START_TARGET(target, token);
    SenderWorkspace first;
    WRITE_ARCHIVE(first, 15);
    const Job firstJob = first.addJob(u"first"_s, target.baseUrl(), token);
    const RunSummary filled = first.run(firstJob);
    QVERIFY2(filled.ok(), qPrintable(describeFailures(filled)));
    QCOMPARE(filled.uploaded, 15);

    // Another workstation (a new database) replicating the same archive.
    SenderWorkspace second;
    QVERIFY(second.isValid());
    const Job secondJob = second.addJob(u"second"_s, target.baseUrl(), token, [&first](Job &j) {
        j.sourceDir = first.archiveDir();
        j.mode = ReplicationMode::Full;
    });
    const RunSummary run = second.run(secondJob);
    QVERIFY2(run.ok(), qPrintable(describeFailures(run)));
    QCOMPARE(run.matched, 15);
    QCOMPARE(run.uploaded, 0);
    QCOMPARE(run.skipped, 15);
    QCOMPARE(run.bytes, 0);

    QString error;
    const std::optional<DayStats> totals = StatsStore::totals(secondJob.id, {}, {}, &error);
    QVERIFY2(totals, qPrintable(error));
    QCOMPARE(totals->skipped, 15);
    QCOMPARE(totals->replicated, 0);
    const std::optional<RunRecord> record = RunStore::byId(run.runId, &error);
    QVERIFY2(record, qPrintable(error));
    QCOMPARE(record->skipped, 15);
    QCOMPARE(record->uploaded, 0);
    QCOMPARE(LedgerStore::count(secondJob.id), 15);
    QCOMPARE(targetAudio(target).size(), 15);
}

void TestEngineRuns::changedRecordingIsSentAgain() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 10);
    const Job job = sender.addJob(u"changes"_s, target.baseUrl(), token);
    const RunSummary first = sender.run(job);
    QVERIFY2(first.ok(), qPrintable(describeFailures(first)));
    QCOMPARE(first.uploaded, 10);

    const QHash<QString, QString> sidecars = sender.sidecarsById();
    QStringList ids = sidecars.keys();
    ids.sort();
    const QString metadataChanged = ids.at(2);
    const QString audioChanged = ids.at(7);

    // The recorder rewrites a sidecar with another extra field ...
    QString error;
    QJsonObject sidecar = readJson(sidecars.value(metadataChanged));
    QJsonObject extra = sidecar.value(u"extra"_s).toObject();
    extra.insert(u"reviewedBy"_s, u"supervisor"_s);
    sidecar.insert(u"extra"_s, extra);
    QVERIFY2(writeSidecar(sidecars.value(metadataChanged), sidecar, &error), qPrintable(error));

    // ... and replaces an audio file with other bytes of the same size.
    const QJsonObject audioSidecar = readJson(sidecars.value(audioChanged));
    const QString audioPath = QFileInfo(sidecars.value(audioChanged)).absolutePath() + u'/' +
                              audioSidecar.value(u"audio"_s).toString();
    QFile original(audioPath);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray bytes = original.readAll();
    original.close();
    for (qsizetype i = 44; i < bytes.size(); ++i)
        bytes[i] = char(~bytes.at(i));
    const QString replacement = QFileInfo(audioPath).absolutePath() + u"/.replacement"_s;
    QFile rewritten(replacement);
    QVERIFY(rewritten.open(QIODevice::WriteOnly));
    QCOMPARE(rewritten.write(bytes), bytes.size());
    rewritten.close();
    QVERIFY(QFile::remove(audioPath));
    QVERIFY(QFile::rename(replacement, audioPath));
    const QDateTime changedAt = QDateTime::currentDateTimeUtc().addSecs(-30);
    QVERIFY(setModificationTime(audioPath, changedAt));
    QVERIFY(setModificationTime(sidecars.value(metadataChanged), changedAt));

    const RunSummary second = sender.run(job);
    QVERIFY2(second.ok(), qPrintable(describeFailures(second)));
    QCOMPARE(second.matched, 2);
    QCOMPARE(second.uploaded, 2);

    TargetDb db(target.dataDir());
    const QString stored =
        db.value(u"SELECT metadata FROM recordings WHERE id = ?"_s, {metadataChanged}).toString();
    QVERIFY2(!stored.isEmpty(), qPrintable(db.error()));
    QCOMPARE(QJsonDocument::fromJson(stored.toUtf8())
                 .object()
                 .value(u"extra"_s)
                 .toObject()
                 .value(u"reviewedBy"_s)
                 .toString(),
             u"supervisor"_s);
    const QString storedAudio =
        db.value(u"SELECT audio_path FROM recordings WHERE id = ?"_s, {audioChanged}).toString();
    QVERIFY2(!storedAudio.isEmpty(), qPrintable(db.error()));
    QCOMPARE(sha256Hex(QDir(target.dataDir()).filePath(storedAudio)), sha256Hex(audioPath));
    QCOMPARE(targetAudio(target), archiveAudio(sender));
}

void TestEngineRuns::statisticsAgreeWithTheTarget() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 30);
    const Job job = sender.addJob(u"stats"_s, target.baseUrl(), token);
    const RunSummary run = sender.run(job);
    QVERIFY2(run.ok(), qPrintable(describeFailures(run)));
    QCOMPARE(run.uploaded, 30);

    // The target's files, counted by the day folder they landed in.
    QHash<QString, qint64> filesPerDay;
    qint64 targetBytes = 0;
    const QHash<QString, QByteArray> files = targetAudio(target);
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QStringList parts = it.key().split(u'/'); // tenant/YYYY/MM/DD/id.wav
        QCOMPARE(parts.size(), 5);
        ++filesPerDay[parts.at(1) + u'-' + parts.at(2) + u'-' + parts.at(3)];
        targetBytes += QFileInfo(QDir(target.dataDir()).filePath(it.key())).size();
    }
    QCOMPARE(files.size(), 30);

    QString error;
    const std::optional<QList<DayStats>> days = StatsStore::days(job.id, {}, {}, &error);
    QVERIFY2(days, qPrintable(error));
    QHash<QString, qint64> statsPerDay;
    for (const DayStats &day : *days) {
        statsPerDay.insert(day.day, day.replicated);
        QCOMPARE(day.failed, 0);
        QCOMPARE(day.skipped, 0);
    }
    QCOMPARE(statsPerDay, filesPerDay);
    QVERIFY(filesPerDay.size() > 1); // the calls spread over several days

    const std::optional<DayStats> totals = StatsStore::totals(job.id, {}, {}, &error);
    QVERIFY2(totals, qPrintable(error));
    QCOMPARE(totals->replicated, 30);
    QCOMPARE(totals->bytes, targetBytes);
    QCOMPARE(run.bytes, targetBytes);

    const std::optional<QList<RunRecord>> runs = RunStore::recent(job.id, 10, &error);
    QVERIFY2(runs, qPrintable(error));
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().id, run.runId);
    QCOMPARE(runs->first().status, RunStatus::Succeeded);
    QCOMPARE(runs->first().uploaded, 30);
    QCOMPARE(runs->first().bytes, targetBytes);
    QCOMPARE(LedgerStore::count(job.id), 30);

    TargetDb db(target.dataDir());
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM recordings"_s).toInt(), 30);
}

void TestEngineRuns::dataSelection() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 12);
    TargetDb db(target.dataDir());

    const Job metadataOnly = sender.addJob(u"metadata-only"_s, target.baseUrl(), token,
                                           [](Job &j) { j.data = DataKind::Metadata; });
    const RunSummary metadataRun = sender.run(metadataOnly);
    QVERIFY2(metadataRun.ok(), qPrintable(describeFailures(metadataRun)));
    QCOMPARE(metadataRun.uploaded, 12);
    QCOMPARE(metadataRun.bytes, 0);
    QCOMPARE(targetAudio(target).size(), 0);
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM recordings WHERE metadata IS NOT NULL"_s).toInt(), 12);
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM recordings WHERE audio_path IS NOT NULL"_s).toInt(),
             0);
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM directory_users"_s).toInt(), 0);

    // Users configuration alone: the directory goes, recordings do not.
    const Job usersOnly = sender.addJob(u"users-only"_s, target.baseUrl(), token,
                                        [](Job &j) { j.data = DataKind::Users; });
    const RunSummary usersRun = sender.run(usersOnly);
    QVERIFY2(usersRun.ok(), qPrintable(describeFailures(usersRun)));
    QCOMPARE(usersRun.uploaded, 0);
    QCOMPARE(usersRun.failed, 0);
    const QJsonObject users = readJson(QDir(sender.archiveDir()).filePath(u"users.json"_s));
    QVERIFY(!users.value(u"users"_s).toArray().isEmpty());
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM directory_users"_s).toInt(),
             users.value(u"users"_s).toArray().size());
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM directory_tenants"_s).toInt(), 2);
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM directory_groups"_s).toInt(),
             users.value(u"groups"_s).toArray().size());
    QCOMPARE(targetAudio(target).size(), 0);
}

void TestEngineRuns::accessScope() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 20);
    const int acme = countTenant(sender.sidecarsById(), u"acme"_s);
    QVERIFY(acme > 0 && acme < 20);

    const Job job = sender.addJob(u"acme-only"_s, target.baseUrl(), token,
                                  [](Job &j) { j.tenants = {u"acme"_s}; });
    const RunSummary run = sender.run(job);
    QVERIFY2(run.ok(), qPrintable(describeFailures(run)));
    QCOMPARE(run.matched, acme);
    QCOMPARE(run.uploaded, acme);

    QVERIFY(!QFileInfo::exists(QDir(target.dataDir()).filePath(u"globex"_s)));
    const QHash<QString, QByteArray> files = targetAudio(target);
    QCOMPARE(files.size(), acme);
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        QVERIFY2(it.key().startsWith(u"acme/"_s), qPrintable(it.key()));
    TargetDb db(target.dataDir());
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM recordings WHERE tenant <> 'acme'"_s).toInt(), 0);
    QCOMPARE(db.value(u"SELECT COUNT(*) FROM directory_users WHERE tenant <> 'acme'"_s).toInt(), 0);
    QVERIFY(db.value(u"SELECT COUNT(*) FROM directory_users WHERE tenant = 'acme'"_s).toInt() > 0);
}

void TestEngineRuns::categoryActionsAfterSuccess() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 10);
    const Job job = sender.addJob(u"categories"_s, target.baseUrl(), token, [](Job &j) {
        j.assignCategories = {u"replicated"_s};
        j.unassignCategories = {u"vip"_s};
    });
    const RunSummary run = sender.run(job);
    QVERIFY2(run.ok(), qPrintable(describeFailures(run)));
    QCOMPARE(run.uploaded, 10);

    const QHash<QString, QString> sidecars = sender.sidecarsById();
    QCOMPARE(sidecars.size(), 10);
    for (const QString &path : sidecars) {
        const QJsonArray categories = readJson(path).value(u"categories"_s).toArray();
        QVERIFY2(categories.contains(u"replicated"_s), qPrintable(path));
        QVERIFY2(!categories.contains(u"vip"_s), qPrintable(path));
    }

    // The job's own change to the sidecars is not a change of the calls.
    const RunSummary again = sender.run(job);
    QVERIFY2(again.ok(), qPrintable(describeFailures(again)));
    QCOMPARE(again.matched, 0);
    QCOMPARE(again.uploaded, 0);
    QCOMPARE(again.skipped, 0);
}

void TestEngineRuns::removeAfterOnlyWhatTheTargetVerified() {
    TargetProcess target;
    QString error;
    QVERIFY2(target.start(&error), qPrintable(error));
    const QString acmeToken = target.createToken(u"acme-only"_s, {u"acme"_s});
    QVERIFY(!acmeToken.isEmpty());
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 16);
    const QHash<QString, QString> sidecars = sender.sidecarsById();
    const int globex = countTenant(sidecars, u"globex"_s);
    QVERIFY(globex > 0 && globex < 16);
    QHash<QString, QString> tenants;
    for (auto it = sidecars.cbegin(); it != sidecars.cend(); ++it)
        tenants.insert(it.key(), readJson(it.value()).value(u"tenant"_s).toString());

    const Job job = sender.addJob(u"remove"_s, target.baseUrl(), acmeToken,
                                  [](Job &j) { j.removeAfter = true; });
    const RunSummary run = sender.run(job);
    QCOMPARE(run.status, u"partial"_s);
    QCOMPARE(run.uploaded, 16 - globex);
    QCOMPARE(run.failed, globex);

    for (auto it = sidecars.cbegin(); it != sidecars.cend(); ++it) {
        const QString audio = QFileInfo(it.value()).absolutePath() + u'/' + it.key() + u".wav"_s;
        if (tenants.value(it.key()) == u"globex"_s) {
            QVERIFY2(QFileInfo::exists(it.value()) && QFileInfo::exists(audio),
                     qPrintable(u"%1 was removed though the target refused it"_s.arg(it.key())));
        } else {
            QVERIFY2(!QFileInfo::exists(it.value()) && !QFileInfo::exists(audio),
                     qPrintable(u"%1 was verified but not removed"_s.arg(it.key())));
        }
    }
    for (const RecordingFailure &failure : run.failures) {
        QVERIFY2(failure.cause.contains(u"globex"_s), qPrintable(failure.cause));
        QCOMPARE(failure.kind, u"recording"_s);
    }
}

void TestEngineRuns::removeAfterWithTargetKilledMidRun() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    // Enough calls that the run is still going when the first progress report
    // (after 200 ms) finds ten of them done.
    WRITE_ARCHIVE(sender, 600);
    const QHash<QString, QString> sidecars = sender.sidecarsById();
    QHash<QString, QByteArray> originalSha;
    for (auto it = sidecars.cbegin(); it != sidecars.cend(); ++it)
        originalSha.insert(it.key(), sha256Hex(QFileInfo(it.value()).absolutePath() + u'/' +
                                               it.key() + u".wav"_s));

    const Job job = sender.addJob(u"remove-killed"_s, target.baseUrl(), token, [](Job &j) {
        j.removeAfter = true;
        j.parallel = 2;
    });
    bool killed = false;
    const RunSummary run = sender.run(job, 60000, [&](JobRunner &runner) {
        QObject::connect(&runner, &JobRunner::progress, &runner, [&](const RunProgress &progress) {
            if (!killed && progress.filesDone >= 10) {
                killed = true;
                target.kill();
            }
        });
    });
    QVERIFY(killed);
    QVERIFY2(!run.status.isEmpty(), "the run did not end within 60 s of the target's crash");
    QVERIFY2(!run.ok(), qPrintable(describeFailures(run)));
    // The run stops at the first recording the dead target could not take;
    // the rest are left for the next run instead of each failing in turn.
    QVERIFY2(run.message.contains(u"stopped answering"_s), qPrintable(run.message));
    QVERIFY2(run.failed <= job.parallel, qPrintable(describeFailures(run)));

    TargetDb db(target.dataDir());
    int removed = 0;
    for (auto it = sidecars.cbegin(); it != sidecars.cend(); ++it) {
        const QString audio = QFileInfo(it.value()).absolutePath() + u'/' + it.key() + u".wav"_s;
        if (QFileInfo::exists(audio) && QFileInfo::exists(it.value()))
            continue;
        ++removed;
        // Whatever left the source must be at the target with the very same bytes.
        const QString stored =
            db.value(u"SELECT audio_path FROM recordings WHERE id = ?"_s, {it.key()}).toString();
        QVERIFY2(!stored.isEmpty(),
                 qPrintable(u"%1 was removed but the target does not hold it"_s.arg(it.key())));
        QCOMPARE(sha256Hex(QDir(target.dataDir()).filePath(stored)), originalSha.value(it.key()));
        QVERIFY(LedgerStore::contains(job.id, it.key()));
    }
    QVERIFY(removed >= 10);
    QVERIFY(removed < sidecars.size());
    QCOMPARE(removed, run.uploaded);
}

void TestEngineRuns::eightWorkersThousandRecordings() {
    START_TARGET(target, token);
    SenderWorkspace sender;
    WRITE_ARCHIVE(sender, 1000);
    const Job job = sender.addJob(u"thousand"_s, target.baseUrl(), token, [](Job &j) {
        j.parallel = 8;
        j.data = DataKind::Audio | DataKind::Metadata;
    });
    const RunSummary run = sender.run(job, 120000);
    QVERIFY2(run.ok(), qPrintable(describeFailures(run)));
    QCOMPARE(run.uploaded, 1000);
    QCOMPARE(LedgerStore::count(job.id), 1000);

    // The target's tree of audio equals the archive's, file by file.
    const QHash<QString, QByteArray> archive = archiveAudio(sender);
    QCOMPARE(archive.size(), 1000);
    QCOMPARE(targetAudio(target), archive);
    // And every call's metadata is stored as the sidecar holds it.
    TargetDb db(target.dataDir());
    QHash<QString, QByteArray> storedMetadata;
    const QVariantList rows = db.column(u"SELECT id || ' ' || metadata_sha256 FROM recordings"_s);
    for (const QVariant &row : rows) {
        const QStringList parts = row.toString().split(u' ');
        storedMetadata.insert(parts.first(), parts.last().toLatin1());
    }
    QCOMPARE(storedMetadata.size(), 1000);
    const QHash<QString, QString> sidecars = sender.sidecarsById();
    for (auto it = sidecars.cbegin(); it != sidecars.cend(); ++it)
        QCOMPARE(storedMetadata.value(it.key()), Recording::metadataSha256Of(readJson(it.value())));
}

QTEST_GUILESS_MAIN(TestEngineRuns)
#include "tst_engine_runs.moc"
