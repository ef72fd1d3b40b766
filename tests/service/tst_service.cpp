// SPDX-License-Identifier: GPL-3.0-or-later
// JobService in this process against a real replicall-target on 127.0.0.1:
// catch-up, skipped overlaps, continuous replication and the bandwidth cap.
#include "ServiceTestHelpers.h"
#include "TargetProcess.h"
#include "engine/JobRunner.h"
#include "schedule/Clock.h"
#include "secrets/SecretStore.h"
#include "service/ArchiveWatcher.h"
#include "service/JobService.h"
#include "store/RunStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Replicall;
using namespace Replicall::Test;

class TestService : public QObject {
    Q_OBJECT

private:
    TargetProcess m_target;
    ServiceWorkspace m_workspace;
    QString m_db;
    QString m_archive;

    QList<RunRecord> runs(qint64 jobId) {
        QString error;
        const auto found = RunStore::recent(jobId, 100, &error);
        if (!found)
            qWarning("cannot read runs: %s", qPrintable(error));
        return found.value_or(QList<RunRecord>());
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

    // A daily job whose slot passed while nothing was scheduling runs once
    // when the service starts, marked as a catch-up; not once per missed slot.
    void missedRunIsCaughtUpOnce() {
        const Job job = addJob(m_target, m_db, m_archive, u"nightly"_s, u"daily 02:00"_s);
        QVERIFY(job.id > 0);
        writeCall(m_archive, u"c-catch-1"_s, 4096);
        QTest::qWait(2100); // past the settle time, so the run does not defer it
        QString error;
        const qint64 earlier = RunStore::begin(job.id, u"manual"_s, &error);
        QVERIFY2(earlier > 0, qPrintable(error));
        QVERIFY(RunStore::finish(earlier, RunStatus::Succeeded, QString(), 0, &error));

        // Three days later: three 02:00 slots were missed.
        ManualClock clock(QDateTime::currentDateTimeUtc().addDays(3));
        JobService service(m_db, &clock);
        QSignalSpy started(&service, &JobService::runStarted);
        QSignalSpy finished(&service, &JobService::runFinished);
        service.start();
        QVERIFY(service.ownsScheduling());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
        QCOMPARE(started.first().at(1).toString(), u"catch-up"_s);
        QCOMPARE(runs(job.id).first().trigger, u"catch-up"_s);
        QVERIFY(targetAudioSize(m_target, u"c-catch-1"_s) == 4096);

        // Minutes later nothing more is due; the next slot is a plain scheduled run.
        clock.advanceSecs(600);
        service.scheduler().checkNow();
        QTest::qWait(300);
        QCOMPARE(started.size(), 1);
        clock.setNow(service.scheduler().nextRun(job.id).addSecs(1));
        service.scheduler().checkNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20'000);
        QCOMPARE(started.last().at(1).toString(), u"schedule"_s);
        QCOMPARE(runs(job.id).size(), 3);
    }

    // A run that comes due while the previous one is still going is skipped.
    void overlappingRunIsSkipped() {
        // 3 MiB at 1 MiB/s: the first run takes about two seconds.
        const Job job =
            addJob(m_target, m_db, m_archive, u"every-minute"_s, u"every 1m"_s, 1024 * 1024);
        QVERIFY(job.id > 0);
        writeCall(m_archive, u"c-slow-1"_s, 3 * 1024 * 1024,
                  QDateTime::currentDateTimeUtc().addSecs(-60));
        QTest::qWait(2100); // past the settle time, so the run does not defer it

        ManualClock clock(QDateTime::currentDateTimeUtc());
        JobService service(m_db, &clock);
        QSignalSpy started(&service, &JobService::runStarted);
        QSignalSpy skipped(&service, &JobService::runSkipped);
        QSignalSpy finished(&service, &JobService::runFinished);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000); // never ran: due at once
        QVERIFY(service.isRunning(job.id));

        clock.advanceSecs(120);
        service.scheduler().checkNow();
        QCOMPARE(skipped.size(), 1);
        QVERIFY2(skipped.first().at(1).toString().contains(u"still going"_s),
                 qPrintable(skipped.first().at(1).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
        QCOMPARE(started.size(), 1);
        QCOMPARE(runs(job.id).size(), 1);
        QCOMPARE(finished.first().at(1).value<RunSummary>().uploaded, 1);
    }

    // Continuous mode: a call written after start is replicated within
    // seconds; a half-written one (audio still growing, sidecar under its
    // temporary name) waits until it is complete; a restart catches up.
    void continuousReplication() {
        const Job job = addJob(m_target, m_db, m_archive, u"live"_s, u"continuous"_s);
        QVERIFY(job.id > 0);
        writeCall(m_archive, u"c-before-1"_s, 2048);
        SystemClock clock;
        auto service = std::make_unique<JobService>(m_db, &clock);
        QSignalSpy finished(service.get(), &JobService::runFinished);
        service->start();
        QTRY_VERIFY_WITH_TIMEOUT(targetAudioSize(m_target, u"c-before-1"_s) == 2048, 10'000);
        QVERIFY(service->watcher(job.id) && service->watcher(job.id)->isActive());

        // A new call, in a folder that did not exist at start.
        const QDateTime tomorrow = QDateTime::currentDateTimeUtc().addDays(1);
        QElapsedTimer latency;
        latency.start();
        writeCall(m_archive, u"c-new-1"_s, 8192, tomorrow);
        QTRY_VERIFY_WITH_TIMEOUT(targetAudioSize(m_target, u"c-new-1"_s) == 8192, 10'000);
        qInfo("sidecar to target: %lld ms", latency.elapsed());

        // Half-written: audio appended every 100 ms, sidecar under a '.' name.
        const QString folder = callFolder(m_archive, tomorrow);
        QFile audio(folder + u"/c-half-1.wav"_s);
        QVERIFY(audio.open(QIODevice::WriteOnly));
        QTimer appender;
        connect(&appender, &QTimer::timeout, &audio, [&audio] {
            audio.write(QByteArray(4096, 'a'));
            audio.flush();
        });
        appender.start(100);
        QFile temporary(folder + u"/.c-half-1.json"_s);
        QVERIFY(temporary.open(QIODevice::WriteOnly));
        temporary.write(sidecarJson(u"c-half-1"_s, tomorrow));
        temporary.close();
        QTest::qWait(1500);
        QCOMPARE(targetAudioSize(m_target, u"c-half-1"_s), -1);
        // Sidecar in place while the audio still grows: still not sent.
        QVERIFY(QFile::rename(temporary.fileName(), folder + u"/c-half-1.json"_s));
        QTest::qWait(1500);
        QCOMPARE(targetAudioSize(m_target, u"c-half-1"_s), -1);
        appender.stop();
        audio.close();
        const qint64 finalSize = QFileInfo(audio.fileName()).size();
        QTRY_COMPARE_WITH_TIMEOUT(targetAudioSize(m_target, u"c-half-1"_s), finalSize, 10'000);

        // Down for a while: what arrives meanwhile goes on restart.
        service.reset();
        writeCall(m_archive, u"c-while-down-1"_s, 1024, tomorrow);
        service = std::make_unique<JobService>(m_db, &clock);
        service->start();
        QTRY_VERIFY_WITH_TIMEOUT(targetAudioSize(m_target, u"c-while-down-1"_s) == 1024, 10'000);
        for (const QString &id : {u"c-before-1"_s, u"c-new-1"_s, u"c-half-1"_s})
            QCOMPARE(targetCopies(m_target, id), 1);
        const QList<RunRecord> all = runs(job.id);
        QVERIFY(std::any_of(all.cbegin(), all.cend(),
                            [](const RunRecord &r) { return r.trigger == u"continuous"_s; }));
        QCOMPARE(all.first().trigger.isEmpty(), false);
    }

    // The job's bandwidth cap holds for a real upload: 4 MiB at 1 MiB/s
    // cannot take less than three seconds (one second's burst is free).
    void bandwidthCapSlowsTheUpload() {
        Job job = addJob(m_target, m_db, m_archive, u"capped"_s, u"manual"_s, 1024 * 1024);
        QVERIFY(job.id > 0);
        writeCall(m_archive, u"c-big-1"_s, 4 * 1024 * 1024,
                  QDateTime::currentDateTimeUtc().addSecs(-60));
        QTest::qWait(2100); // settled
        SecretStore secrets(m_workspace.filePath(u"state/secrets"_s), SecretStore::Backend::File);
        JobRunner runner(m_db, &secrets);
        QSignalSpy finished(&runner, &JobRunner::finished);
        QElapsedTimer elapsed;
        elapsed.start();
        runner.start(job);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
        const qint64 ms = elapsed.elapsed();
        const RunSummary summary = finished.first().first().value<RunSummary>();
        QCOMPARE(summary.status, u"succeeded"_s);
        QCOMPARE(summary.uploaded, 1);
        QVERIFY2(ms >= 2900, qPrintable(u"4 MiB at 1 MiB/s took only %1 ms"_s.arg(ms)));
        QCOMPARE(targetAudioSize(m_target, u"c-big-1"_s), 4 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
