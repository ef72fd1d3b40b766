// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"
#include "store/FailureStore.h"
#include "store/JobStore.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"
#include "store/StatsStore.h"
#include "store/UploadStateStore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

Job makeJob(const QString &name) {
    Job job;
    job.name = name;
    job.sourceDir = u"/srv/archive"_s;
    job.targetUrl = QUrl(u"https://archive.example.com"_s);
    job.tokenRef = u"replicall/"_s + name;
    return job;
}

// One value read on this thread's connection, for checking what the stores wrote.
QVariant scalar(const QString &sql, const QVariantList &values = {}) {
    QSqlQuery query(Database::connection());
    query.prepare(sql);
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (!query.exec() || !query.next()) {
        qWarning("scalar(%s) failed: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

SuccessRecord success(qint64 jobId, qint64 runId, const QString &id, const QString &day,
                      qint64 bytes) {
    SuccessRecord r;
    r.jobId = jobId;
    r.runId = runId;
    r.recordingId = id;
    r.tenant = u"acme"_s;
    r.day = day;
    r.audioSha256 = QString(64, u'a');
    r.audioSize = bytes;
    r.audioMtimeNs = 1700000000123456789LL;
    r.metadataSha256 = QString(64, u'b');
    r.targetPath = u"acme/"_s + day.left(4) + u'/' + id + u".wav"_s;
    r.bytesSent = bytes;
    return r;
}

// Another "process" on the same file: a plain connection of its own.
QSqlDatabase rawConnection(const QString &path, const QString &name) {
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    db.open();
    return db;
}

qint64 deadPid() {
    QProcess process;
    process.start(u"true"_s, {});
    if (!process.waitForStarted())
        return -1;
    const qint64 pid = process.processId();
    process.waitForFinished();
    return pid;
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;

    qint64 addJob(const QString &name) {
        Job job = makeJob(name);
        QString error;
        if (!JobStore::add(job, &error))
            qWarning("add job: %s", qPrintable(error));
        return job.id;
    }

    qint64 beginRun(qint64 jobId) {
        QString error;
        const qint64 run = RunStore::begin(jobId, u"manual"_s, &error);
        if (run <= 0)
            qWarning("begin run: %s", qPrintable(error));
        return run;
    }

private slots:
    // Before any test opened a database.
    void initTestCase() {
        QString error;
        QVERIFY(!JobStore::all(&error));
        QCOMPARE(error, u"the state database is not open"_s);
        QVERIFY(!Database::connection().isOpen());
    }

    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"state/replicall.sqlite"_s);
        QString error;
        QVERIFY2(Database::open(m_path, &error), qPrintable(error));
    }

    void cleanup() {
        Database::closeConnection();
        m_dir.reset();
    }

    void freshFileHasSchema() {
        QString error;
        QCOMPARE(Database::schemaVersion(&error), Database::latestSchemaVersion());
        QCOMPARE(Database::latestSchemaVersion(), 2);
        QCOMPARE(Database::path(), QFileInfo(m_path).absoluteFilePath());
        const QStringList tables = {u"sources"_s,         u"source_dirs"_s,   u"recordings"_s,
                                    u"source_problems"_s, u"jobs"_s,          u"ledger"_s,
                                    u"uploads"_s,         u"runs"_s,          u"day_stats"_s,
                                    u"failures"_s,        u"schema_version"_s};
        for (const QString &table : tables)
            QVERIFY2(scalar(u"SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?"_s,
                            {table})
                             .toInt() == 1,
                     qPrintable(table));
        QCOMPARE(scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(scalar(u"PRAGMA busy_timeout"_s).toInt(), 10000);

        // The catalog columns other parts write SQL against.
        QSqlQuery columns(Database::connection());
        QVERIFY(columns.exec(u"PRAGMA table_info(recordings)"_s));
        QStringList names;
        while (columns.next())
            names.append(columns.value(1).toString());
        QCOMPARE(names.join(u','),
                 u"source_id,id,tenant,start_utc,day,duration_ms,direction,caller_number,"
                 u"caller_name,callee_number,callee_name,users,groups,categories,sidecar_path,"
                 u"sidecar_mtime_ns,sidecar_size,audio_path,audio_size,audio_mtime_ns,"
                 u"metadata_sha256,metadata"_s);
    }

    void reopenKeepsDataAndVersion() {
        const qint64 id = addJob(u"keep"_s);
        Database::closeConnection();
        QString error;
        QVERIFY2(Database::open(m_path, &error), qPrintable(error));
        QVERIFY2(Database::open(m_path, &error), qPrintable(error));
        QCOMPARE(scalar(u"SELECT count(*) FROM schema_version"_s).toInt(), 2);
        QCOMPARE(Database::schemaVersion(&error), 2);
        const std::optional<Job> job = JobStore::byId(id, &error);
        QVERIFY2(job, qPrintable(error));
        QCOMPARE(job->name, u"keep"_s);
    }

    // A database of version 1 (before the planning index) is brought up to date
    // when it is opened, and keeps what it held.
    void versionOneIsUpgraded() {
        const qint64 id = addJob(u"old"_s);
        QSqlQuery downgrade(Database::connection());
        QVERIFY(downgrade.exec(u"DROP INDEX recordings_plan"_s));
        QVERIFY(downgrade.exec(u"DELETE FROM schema_version WHERE version = 2"_s));
        Database::closeConnection();
        QString error;
        QVERIFY2(Database::open(m_path, &error), qPrintable(error));
        QCOMPARE(Database::schemaVersion(&error), 2);
        QCOMPARE(scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                        u"name = 'recordings_plan'"_s)
                     .toInt(),
                 1);
        QVERIFY2(JobStore::byId(id, &error), qPrintable(error));
    }

    void newerSchemaIsRefused() {
        QVERIFY(scalar(u"INSERT INTO schema_version(version, applied_at) VALUES(7, 'x') "
                       u"RETURNING version"_s)
                    .isValid());
        QString error;
        QVERIFY(!Database::open(m_path, &error));
        QVERIFY2(error.contains(u"schema version 7, newer than"_s), qPrintable(error));
    }

    void unusablePathIsReported() {
        QFile blocker(m_dir->filePath(u"plain-file"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QString error;
        QVERIFY(!Database::open(blocker.fileName() + u"/state.sqlite"_s, &error));
        QVERIFY2(error.contains(u"plain-file"_s), qPrintable(error));
        // The database opened before stays in use.
        QCOMPARE(Database::path(), QFileInfo(m_path).absoluteFilePath());
        QVERIFY(!Database::open(u" "_s, &error));
        QVERIFY2(error.contains(u"no path"_s), qPrintable(error));
    }

    void jobsCrud() {
        Job nightly = makeJob(u"nightly"_s);
        nightly.tenants = {u"acme"_s};
        nightly.parallel = 8;
        QString error;
        QVERIFY2(JobStore::add(nightly, &error), qPrintable(error));
        QVERIFY(nightly.id > 0);

        Job twin = makeJob(u"nightly"_s);
        QVERIFY(!JobStore::add(twin, &error));
        QCOMPARE(error, u"a job named 'nightly' already exists"_s);
        QCOMPARE(twin.id, qint64(0));

        Job broken = makeJob(u"broken"_s);
        broken.parallel = 99;
        QVERIFY(!JobStore::add(broken, &error));
        QVERIFY2(error.contains(u"Parallel upload must be between 1 and 32"_s), qPrintable(error));

        std::optional<Job> read = JobStore::byName(u"nightly"_s, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(*read, nightly);
        QCOMPARE(JobStore::resolve(QString::number(nightly.id), &error)->name, u"nightly"_s);
        QCOMPARE(JobStore::resolve(u"nightly"_s, &error)->id, nightly.id);
        QVERIFY(!JobStore::resolve(u"weekly"_s, &error));
        QCOMPARE(error, u"there is no job named or numbered 'weekly'"_s);
        QVERIFY(!JobStore::byId(4242, &error));
        QCOMPARE(error, u"there is no job with id 4242"_s);

        const qint64 other = addJob(u"another"_s);
        nightly.name = u"another"_s;
        QVERIFY(!JobStore::update(nightly, &error));
        QCOMPARE(error, u"a job named 'another' already exists"_s);
        nightly.name = u"nightly-2"_s;
        nightly.mode = ReplicationMode::Full;
        QVERIFY2(JobStore::update(nightly, &error), qPrintable(error));
        QCOMPARE(*JobStore::byId(nightly.id, &error), nightly);

        QVERIFY(JobStore::setEnabled(nightly.id, false, &error));
        QCOMPARE(JobStore::byId(nightly.id, &error)->enabled, false);
        QVERIFY(!JobStore::setEnabled(4242, true, &error));
        QCOMPARE(error, u"there is no job with id 4242"_s);

        const std::optional<QList<Job>> all = JobStore::all(&error);
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).id, other); // ordered by name
        QCOMPARE(all->at(1).name, u"nightly-2"_s);

        QVERIFY(JobStore::remove(other, &error));
        QVERIFY(!JobStore::remove(other, &error));
        QCOMPARE(error, u"there is no job with id %1"_s.arg(other));
        Job ghost = makeJob(u"ghost"_s);
        ghost.id = other;
        QVERIFY(!JobStore::update(ghost, &error));
        QCOMPARE(error, u"there is no job with id %1"_s.arg(other));
    }

    void unreadableSettingsAreReported() {
        const qint64 id = addJob(u"mangled"_s);
        scalar(u"UPDATE jobs SET settings = '{\"parallel\":\"many\"}' WHERE id = ? RETURNING id"_s,
               {id});
        QString error;
        QVERIFY(!JobStore::byId(id, &error));
        QVERIFY2(error.contains(u"job 'mangled'"_s) && error.contains(u"'parallel'"_s),
                 qPrintable(error));
    }

    void removingAJobRemovesItsState() {
        const qint64 job = addJob(u"gone"_s);
        const qint64 run = beginRun(job);
        QString error;
        QVERIFY(
            LedgerStore::recordSuccess(success(job, run, u"c-1"_s, u"2026-11-20"_s, 10), &error));
        QVERIFY(UploadStateStore::save(job, u"c-2"_s, QUrl(u"http://127.0.0.1/u/1"_s), u"ff"_s, 5,
                                       &error));
        QVERIFY(JobStore::remove(job, &error));
        for (const QString &table : {u"ledger"_s, u"runs"_s, u"day_stats"_s, u"uploads"_s})
            QCOMPARE(scalar(u"SELECT count(*) FROM %1"_s.arg(table)).toInt(), 0);
    }

    void successIsOneConsistentTransaction() {
        const qint64 job = addJob(u"ledger"_s);
        const qint64 run = beginRun(job);
        QString error;
        QVERIFY(UploadStateStore::save(job, u"c-1"_s, QUrl(u"http://127.0.0.1:1/u/x"_s),
                                       QString(64, u'a'), 1000, &error));
        QVERIFY(LedgerStore::recordFailure(job, run, u"c-1"_s, u"2026-11-20"_s,
                                           FailureKind::Transient, u"timeout"_s, {}, &error));

        QVERIFY2(
            LedgerStore::recordSuccess(success(job, run, u"c-1"_s, u"2026-11-20"_s, 1000), &error),
            qPrintable(error));
        QVERIFY(
            LedgerStore::recordSuccess(success(job, run, u"c-2"_s, u"2026-11-20"_s, 500), &error));
        QVERIFY(
            LedgerStore::recordSuccess(success(job, run, u"c-3"_s, u"2026-11-21"_s, 7), &error));

        QVERIFY(LedgerStore::contains(job, u"c-1"_s, &error));
        QVERIFY(!LedgerStore::contains(job, u"c-9"_s, &error));
        QVERIFY(error.isEmpty());
        QCOMPARE(LedgerStore::count(job, &error), qint64(3));
        QCOMPARE(*LedgerStore::recordingIds(job, &error),
                 (QSet<QString>{u"c-1"_s, u"c-2"_s, u"c-3"_s}));
        const std::optional<LedgerEntry> entry = LedgerStore::entry(job, u"c-3"_s, &error);
        QVERIFY(entry);
        QCOMPARE(entry->tenant, u"acme"_s);
        QCOMPARE(entry->day, u"2026-11-21"_s);
        QCOMPARE(entry->audioSize, qint64(7));
        QCOMPARE(entry->audioMtimeNs, 1700000000123456789LL);
        QCOMPARE(entry->targetPath, u"acme/2026/c-3.wav"_s);
        QVERIFY(qAbs(entry->replicatedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(!LedgerStore::entry(job, u"c-9"_s, &error));
        QVERIFY(error.isEmpty());
        QVERIFY(LedgerStore::updateMetadataSha256(job, u"c-3"_s, u"cafe"_s, &error));
        QCOMPARE(LedgerStore::entry(job, u"c-3"_s, &error)->metadataSha256, u"cafe"_s);
        QVERIFY(!LedgerStore::updateMetadataSha256(job, u"c-9"_s, u"cafe"_s, &error));
        QVERIFY2(error.contains(u"not in the ledger"_s), qPrintable(error));

        // The upload state and the failure of c-1 went with the success.
        QVERIFY(!UploadStateStore::find(job, u"c-1"_s, &error));
        QCOMPARE(FailureStore::list(job, &error)->size(), 0);

        const std::optional<RunRecord> r = RunStore::byId(run, &error);
        QCOMPARE(r->uploaded, qint64(3));
        QCOMPARE(r->bytes, qint64(1507));
        QCOMPARE(r->failed, qint64(1));
        const std::optional<QList<DayStats>> days = StatsStore::days(job, {}, {}, &error);
        QCOMPARE(days->size(), 2);
        QCOMPARE(days->at(0).day, u"2026-11-20"_s);
        QCOMPARE(days->at(0).replicated, qint64(2));
        QCOMPARE(days->at(0).bytes, qint64(1500));
        QCOMPARE(days->at(0).failed, qint64(1));
        QCOMPARE(days->at(1).replicated, qint64(1));
    }

    void failedTransactionLeavesNothing() {
        const qint64 job = addJob(u"atomic"_s);
        QString error;
        // The run does not exist: the ledger row and day counters written
        // before that check must be rolled back with it.
        QVERIFY(
            !LedgerStore::recordSuccess(success(job, 999, u"c-1"_s, u"2026-11-20"_s, 10), &error));
        QVERIFY2(error.contains(u"run 999 of job"_s) && error.contains(u"'c-1'"_s),
                 qPrintable(error));
        QCOMPARE(LedgerStore::count(job, &error), qint64(0));
        QCOMPARE(scalar(u"SELECT count(*) FROM day_stats"_s).toInt(), 0);

        // Unknown job: the foreign key refuses it, nothing is kept.
        QVERIFY(!LedgerStore::recordSuccess(success(job + 50, 0, u"c-1"_s, u"2026-11-20"_s, 10),
                                            &error));
        QVERIFY2(error.contains(u"FOREIGN KEY"_s), qPrintable(error));
        QCOMPARE(scalar(u"SELECT count(*) FROM ledger"_s).toInt(), 0);

        QVERIFY(
            !LedgerStore::recordSuccess(success(job, 0, u"c-1"_s, u"2026-13-01"_s, 10), &error));
        QVERIFY2(error.contains(u"day '2026-13-01' is not a YYYY-MM-DD date"_s), qPrintable(error));
        QVERIFY(
            !LedgerStore::recordSuccess(success(job, 0, QString(), u"2026-11-01"_s, 10), &error));
        QVERIFY2(error.contains(u"no recording id"_s), qPrintable(error));

        // The connection is usable afterwards: no transaction was left open.
        QVERIFY2(LedgerStore::recordSuccess(success(job, 0, u"c-1"_s, u"2026-11-20"_s, 10), &error),
                 qPrintable(error));
        QCOMPARE(LedgerStore::count(job, &error), qint64(1));
    }

    void skippedIsCountedAndRemembered() {
        const qint64 job = addJob(u"skip"_s);
        const qint64 run = beginRun(job);
        QString error;
        QVERIFY2(
            LedgerStore::recordSkipped(success(job, run, u"c-1"_s, u"2026-11-20"_s, 4096), &error),
            qPrintable(error));
        QVERIFY(LedgerStore::contains(job, u"c-1"_s, &error));
        const std::optional<RunRecord> r = RunStore::byId(run, &error);
        QCOMPARE(r->skipped, qint64(1));
        QCOMPARE(r->uploaded, qint64(0));
        QCOMPARE(r->bytes, qint64(0)); // nothing was sent
        const std::optional<DayStats> totals = StatsStore::totals(job, {}, {}, &error);
        QCOMPARE(totals->skipped, qint64(1));
        QCOMPARE(totals->bytes, qint64(0));
    }

    void failuresAccumulateAndRetry() {
        const qint64 job = addJob(u"fail"_s);
        const qint64 run = beginRun(job);
        QString error;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(LedgerStore::recordFailure(job, run, u"c-1"_s, u"2026-11-20"_s,
                                            FailureKind::Transient, u"connection refused"_s,
                                            now.addSecs(-5), &error),
                 qPrintable(error));
        QVERIFY(LedgerStore::recordFailure(job, run, u"c-1"_s, u"2026-11-20"_s,
                                           FailureKind::Transient, u"timeout"_s, now.addSecs(60),
                                           &error));
        QVERIFY(LedgerStore::recordFailure(job, run, u"c-2"_s, u"2026-11-21"_s,
                                           FailureKind::Recording, u"tenant out of scope"_s, {},
                                           &error));

        const std::optional<QList<FailureRecord>> list = FailureStore::list(job, &error);
        QCOMPARE(list->size(), 2);
        const FailureRecord &c1 = list->at(0).recordingId == u"c-1"_s ? list->at(0) : list->at(1);
        QCOMPARE(c1.attempts, 2);
        QCOMPARE(c1.cause, u"timeout"_s);
        QCOMPARE(c1.kind, FailureKind::Transient);
        QCOMPARE(c1.runId, run);
        QCOMPARE(Database::timeText(c1.nextRetryAt), Database::timeText(now.addSecs(60)));

        QCOMPARE(FailureStore::due(job, now, &error)->size(), 0);
        const std::optional<QList<FailureRecord>> due =
            FailureStore::due(job, now.addSecs(61), &error);
        QCOMPARE(due->size(), 1); // the recording failure is not retried by time
        QCOMPARE(due->at(0).recordingId, u"c-1"_s);

        QCOMPARE(RunStore::byId(run, &error)->failed, qint64(3));
        QCOMPARE(StatsStore::totals(job, {}, {}, &error)->failed, qint64(3));

        QVERIFY(FailureStore::clear(job, u"c-2"_s, &error));
        QCOMPARE(FailureStore::list(job, &error)->size(), 1);
        QVERIFY(FailureStore::clearAll(job, &error));
        QCOMPARE(FailureStore::list(job, &error)->size(), 0);
        QVERIFY(!LedgerStore::recordFailure(job, run, u"c-3"_s, u"yesterday"_s, FailureKind::Fatal,
                                            u"x"_s, {}, &error));
        QVERIFY2(error.contains(u"day 'yesterday'"_s), qPrintable(error));
    }

    void uploadState() {
        const qint64 job = addJob(u"tus"_s);
        QString error;
        QVERIFY(!UploadStateStore::find(job, u"c-1"_s, &error));
        QVERIFY(error.isEmpty());
        const QUrl url(u"http://127.0.0.1:8080/api/replication/v1/uploads/abc"_s);
        QVERIFY2(UploadStateStore::save(job, u"c-1"_s, url, u"9f86"_s, 480044, &error),
                 qPrintable(error));
        std::optional<UploadState> state = UploadStateStore::find(job, u"c-1"_s, &error);
        QVERIFY(state);
        QCOMPARE(state->uploadUrl, url);
        QCOMPARE(state->audioSha256, u"9f86"_s);
        QCOMPARE(state->size, qint64(480044));
        QVERIFY(state->createdAt.isValid());

        const QUrl newer(u"http://127.0.0.1:8080/api/replication/v1/uploads/def"_s);
        QVERIFY(UploadStateStore::save(job, u"c-1"_s, newer, u"beef"_s, 12, &error));
        QCOMPARE(UploadStateStore::find(job, u"c-1"_s, &error)->uploadUrl, newer);
        QCOMPARE(scalar(u"SELECT count(*) FROM uploads"_s).toInt(), 1);

        QVERIFY(UploadStateStore::clear(job, u"c-1"_s, &error));
        QVERIFY(!UploadStateStore::find(job, u"c-1"_s, &error));
        QVERIFY(!UploadStateStore::save(job, u"c-1"_s, QUrl(u"/relative"_s), u"x"_s, 1, &error));
        QVERIFY2(error.contains(u"'/relative' is not an absolute URL"_s), qPrintable(error));
    }

    void runsLifecycle() {
        const qint64 job = addJob(u"runs"_s);
        const qint64 other = addJob(u"runs-other"_s);
        QString error;
        const qint64 first = RunStore::begin(job, u"schedule"_s, &error);
        QVERIFY2(first > 0, qPrintable(error));
        std::optional<RunRecord> r = RunStore::byId(first, &error);
        QCOMPARE(r->status, RunStatus::Running);
        QCOMPARE(r->trigger, u"schedule"_s);
        QCOMPARE(r->pid, QCoreApplication::applicationPid());
        QCOMPARE(r->host, QSysInfo::machineHostName());
        QVERIFY(!r->finishedAt.isValid());

        // The same job never runs twice at once; another job may.
        QCOMPARE(RunStore::begin(job, u"manual"_s, &error), qint64(0));
        QVERIFY2(error.contains(u"already running (run %1"_s.arg(first)), qPrintable(error));
        QVERIFY(RunStore::begin(other, u"manual"_s, &error));

        QVERIFY(!RunStore::finish(first, RunStatus::Running, {}, 0, &error));
        QVERIFY(RunStore::setMatched(first, 12, &error));
        QVERIFY2(RunStore::finish(first, RunStatus::Partial, u"2 failed"_s, 10, &error),
                 qPrintable(error));
        r = RunStore::byId(first, &error);
        QCOMPARE(r->status, RunStatus::Partial);
        QCOMPARE(r->message, u"2 failed"_s);
        QCOMPARE(r->matched, qint64(10));
        QVERIFY(r->finishedAt.isValid());
        QVERIFY(!RunStore::finish(777, RunStatus::Failed, {}, 0, &error));
        QVERIFY2(error.contains(u"there is no run 777"_s), qPrintable(error));

        const qint64 second = RunStore::begin(job, {}, &error);
        QVERIFY2(second > 0, qPrintable(error));
        QCOMPARE(RunStore::byId(second, &error)->trigger, u"manual"_s);
        std::optional<QList<RunRecord>> recent = RunStore::recent(job, 10, &error);
        QCOMPARE(recent->size(), 2);
        QCOMPARE(recent->at(0).id, second); // newest first
        QCOMPARE(RunStore::recent(job, 1, &error)->size(), 1);
        QCOMPARE(RunStore::recent(0, 10, &error)->size(), 3);
    }

    void interruptedRunsAreDetected() {
        const qint64 job = addJob(u"crashy"_s);
        const qint64 remote = addJob(u"remote"_s);
        const qint64 mine = addJob(u"mine"_s);
        const qint64 pid = deadPid();
        QVERIFY(pid > 0);
        const qint64 crashed = beginRun(job);
        const qint64 elsewhere = beginRun(remote);
        const qint64 alive = beginRun(mine);
        scalar(u"UPDATE runs SET pid = ? WHERE id IN (?, ?) RETURNING id"_s,
               {pid, crashed, elsewhere});
        scalar(u"UPDATE runs SET host = 'another-host' WHERE id = ? RETURNING id"_s, {elsewhere});

        QString error;
        QCOMPARE(RunStore::markInterrupted(&error), 1);
        const std::optional<RunRecord> r = RunStore::byId(crashed, &error);
        QCOMPARE(r->status, RunStatus::Interrupted);
        QVERIFY(r->finishedAt.isValid());
        QVERIFY2(r->message.contains(u"pid %1"_s.arg(pid)), qPrintable(r->message));
        // A run on another host cannot be checked and is left alone; ours is alive.
        QCOMPARE(RunStore::byId(elsewhere, &error)->status, RunStatus::Running);
        QCOMPARE(RunStore::byId(alive, &error)->status, RunStatus::Running);
        QCOMPARE(RunStore::markInterrupted(&error), 0);

        QVERIFY(RunStore::begin(job, u"manual"_s, &error)); // no longer blocked
        QCOMPARE(RunStore::begin(remote, u"manual"_s, &error), qint64(0));
        QVERIFY2(error.contains(u"on another-host"_s), qPrintable(error));

        // begin() itself clears a dead run of the same job.
        scalar(u"UPDATE runs SET pid = ? WHERE id = ? RETURNING id"_s, {pid, alive});
        QVERIFY2(RunStore::begin(mine, u"manual"_s, &error), qPrintable(error));
        QCOMPARE(RunStore::byId(alive, &error)->status, RunStatus::Interrupted);
    }

    void dayStatisticsAggregate() {
        const qint64 job = addJob(u"stats"_s);
        const qint64 otherJob = addJob(u"stats-other"_s);
        QString error;
        const QStringList days = {u"2026-11-18"_s, u"2026-11-19"_s, u"2026-11-19"_s,
                                  u"2026-11-20"_s, u"2026-11-22"_s};
        for (qsizetype i = 0; i < days.size(); ++i)
            QVERIFY(LedgerStore::recordSuccess(
                success(job, 0, u"c-%1"_s.arg(i), days.at(i), 100 * (i + 1)), &error));
        QVERIFY(LedgerStore::recordSkipped(success(job, 0, u"s-1"_s, u"2026-11-19"_s, 0), &error));
        QVERIFY(
            LedgerStore::recordSuccess(success(otherJob, 0, u"c-0"_s, u"2026-11-19"_s, 1), &error));

        const std::optional<QList<DayStats>> range =
            StatsStore::days(job, QDate(2026, 11, 19), QDate(2026, 11, 20), &error);
        QVERIFY2(range, qPrintable(error));
        QCOMPARE(range->size(), 2);
        QCOMPARE(range->at(0).day, u"2026-11-19"_s);
        QCOMPARE(range->at(0).replicated, qint64(2));
        QCOMPARE(range->at(0).skipped, qint64(1));
        QCOMPARE(range->at(0).bytes, qint64(200 + 300));
        QCOMPARE(range->at(1).bytes, qint64(400));
        QCOMPARE(StatsStore::days(job, QDate(2026, 11, 21), {}, &error)->size(), 1);

        const std::optional<DayStats> all = StatsStore::totals(job, {}, {}, &error);
        QCOMPARE(all->replicated, qint64(5));
        QCOMPARE(all->bytes, qint64(1500));
        QCOMPARE(all->replicated, LedgerStore::count(job, &error) - all->skipped);
        QCOMPARE(StatsStore::totals(job, QDate(2030, 1, 1), {}, &error)->replicated, qint64(0));
        QVERIFY(!StatsStore::days(job, QDate(2026, 11, 22), QDate(2026, 11, 1), &error));
        QVERIFY2(error.contains(u"starts (2026-11-22) after it ends"_s), qPrintable(error));
    }

    void twoThreadsWriteConcurrently() {
        const qint64 job = addJob(u"threads"_s);
        const qint64 run = beginRun(job);
        constexpr int perThread = 150;
        QString names[2];
        QString errors[2];
        std::unique_ptr<QThread> threads[2];
        for (int t = 0; t < 2; ++t) {
            threads[t].reset(QThread::create([&, t] {
                names[t] = Database::connection().connectionName();
                for (int i = 0; i < perThread && errors[t].isEmpty(); ++i) {
                    const QString day = i % 2 ? u"2026-11-20"_s : u"2026-11-21"_s;
                    LedgerStore::recordSuccess(
                        success(job, run, u"t%1-%2"_s.arg(t).arg(i), day, 10), &errors[t]);
                }
            }));
            threads[t]->start();
        }
        for (auto &thread : threads)
            QVERIFY(thread->wait(50000));

        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        QVERIFY(!names[0].isEmpty() && names[0] != names[1]);
        QVERIFY(names[0] != Database::connection().connectionName());
        // Each thread's connection went away with its thread.
        QVERIFY(!QSqlDatabase::contains(names[0]));
        QVERIFY(!QSqlDatabase::contains(names[1]));

        QString error;
        QCOMPARE(LedgerStore::count(job, &error), qint64(2 * perThread));
        QCOMPARE(StatsStore::totals(job, {}, {}, &error)->replicated, qint64(2 * perThread));
        QCOMPARE(StatsStore::totals(job, {}, {}, &error)->bytes, qint64(2 * perThread * 10));
        QCOMPARE(RunStore::byId(run, &error)->uploaded, qint64(2 * perThread));
    }

    // Two connections as two processes would hold them: a writer waits for
    // the other's transaction instead of failing, and readers are not blocked.
    void twoConnectionsOnOneFile() {
        const qint64 job = addJob(u"first"_s);
        QSemaphore locked;
        QSemaphore release;
        QString otherError;
        std::unique_ptr<QThread> other(QThread::create([&] {
            const QString name = u"other-process"_s;
            {
                QSqlDatabase db = rawConnection(Database::path(), name);
                QSqlQuery q(db);
                if (!q.exec(u"BEGIN IMMEDIATE"_s) ||
                    !q.exec(u"INSERT INTO jobs(name, settings, created_at, updated_at) "
                            u"VALUES('from-other', '{}', 'now', 'now')"_s))
                    otherError = q.lastError().text();
                locked.release();
                release.acquire();
                QThread::msleep(400);
                if (!q.exec(u"COMMIT"_s))
                    otherError = q.lastError().text();
            }
            QSqlDatabase::removeDatabase(name);
        }));
        other->start();
        locked.acquire();

        // Reading while the other holds the write lock: quick, and without its uncommitted row.
        QString error;
        QElapsedTimer timer;
        timer.start();
        const std::optional<QList<Job>> seen = JobStore::all(&error);
        QVERIFY2(seen, qPrintable(error));
        QCOMPARE(seen->size(), 1);
        QVERIFY(timer.elapsed() < 300);

        release.release();
        timer.restart();
        QVERIFY2(LedgerStore::recordSuccess(success(job, 0, u"c-1"_s, u"2026-11-20"_s, 1), &error),
                 qPrintable(error));
        QVERIFY(timer.elapsed() >= 250); // it waited for the other's commit
        QVERIFY(other->wait(20000));
        QVERIFY2(otherError.isEmpty(), qPrintable(otherError));

        QCOMPARE(JobStore::all(&error)->size(), 2);
        QVERIFY2(JobStore::byName(u"from-other"_s, &error), qPrintable(error));
        QCOMPARE(LedgerStore::count(job, &error), qint64(1));

        // A second "process" opening the same file finds it migrated already.
        QVERIFY2(Database::open(Database::path(), &error), qPrintable(error));
        QCOMPARE(scalar(u"SELECT count(*) FROM schema_version"_s).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
