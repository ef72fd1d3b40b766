// SPDX-License-Identifier: GPL-3.0-or-later
// Stop, pause and resume of the service's own runs (continuous and
// scheduled), driven through the desktop's RunController as its buttons do,
// against a real replicall-target on 127.0.0.1.
#include "ServiceTestHelpers.h"
#include "TargetProcess.h"
#include "main/RunController.h"
#include "schedule/Clock.h"
#include "service/ArchiveWatcher.h"
#include "service/JobService.h"
#include "store/RunStore.h"
#include "store/UploadStateStore.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Replicall;
using namespace Replicall::Test;

namespace {

constexpr qint64 BigCall = 3 * 1024 * 1024;
constexpr qint64 SlowBandwidth = 256 * 1024; // the big call takes about ten seconds

// Makes a call look finished long ago, so no run defers it as still being written.
void age(const QString &sidecarPath) {
    const QDateTime anHourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const QString audioPath = sidecarPath.chopped(5) + u".wav"_s;
    for (const QString &path : {audioPath, sidecarPath}) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadWrite), qPrintable(path));
        QVERIFY(file.setFileTime(anHourAgo, QFileDevice::FileModificationTime));
    }
}

// The service and, attached to it, the desktop's run controller.
struct Desktop {
    JobService service;
    RunController runs;
    Desktop(const QString &databasePath, const Clock *clock)
        : service(databasePath, clock)
        , runs(databasePath) {
        runs.attachService(&service);
    }
    ~Desktop() { service.shutdown(); }
};

} // namespace

class TestServiceControl : public QObject {
    Q_OBJECT

private:
    TargetProcess m_target;
    ServiceWorkspace m_workspace;
    QString m_db;
    QString m_archive;

    // A job uploading slowly enough to be stopped mid-upload, and its big call.
    Job addSlowJob(const QString &name, const QString &schedule, const QString &callId) {
        const Job job = addJob(m_target, m_db, m_archive, name, schedule, SlowBandwidth);
        age(writeCall(m_archive, callId, BigCall));
        return job;
    }

    RunRecord lastRun(qint64 jobId) {
        QString error;
        const auto runs = RunStore::recent(jobId, 1, &error);
        if (!runs || runs->isEmpty()) {
            qWarning("no run of job %lld: %s", jobId, qPrintable(error));
            return {};
        }
        return runs->first();
    }

    // Waits until the run has created its upload of `recordingId` at the target
    // and sent some of it, so stopping leaves a half-finished upload behind.
    bool waitForUploadStarted(RunController &runs, qint64 jobId, const QString &recordingId) {
        QDeadlineTimer deadline(20'000);
        while (!deadline.hasExpired()) {
            QTest::qWait(50);
            const bool saved = UploadStateStore::find(jobId, recordingId).has_value();
            if (saved && runs.progressOf(jobId).bytesDone > 0)
                return true;
        }
        qWarning("the upload of %s did not start", qPrintable(recordingId));
        return false;
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

    // Pause on a continuous run: it ends as "stopped", the job stays held
    // (a new call does not start it), and resume finishes the interrupted
    // upload from its offset together with the call that waited.
    void pausedContinuousRunIsHeldUntilResumed() {
        const Job job = addSlowJob(u"live"_s, u"continuous"_s, u"c-big-1"_s);
        QVERIFY(job.id > 0);
        SystemClock clock;
        Desktop desktop(m_db, &clock);
        JobService &service = desktop.service;
        RunController &runs = desktop.runs;
        QSignalSpy started(&service, &JobService::runStarted);
        QSignalSpy finished(&runs, &RunController::runFinished);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000); // the catch-up run
        QVERIFY(runs.isRunning(job.id));
        QVERIFY(waitForUploadStarted(runs, job.id, u"c-big-1"_s));

        runs.pause(job.id);
        QVERIFY(runs.isPaused(job.id));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QCOMPARE(finished.first().at(1).value<RunSummary>().status, u"stopped"_s);
        QCOMPARE(lastRun(job.id).status, RunStatus::Stopped);
        QVERIFY(!runs.isRunning(job.id));
        QVERIFY(runs.isPaused(job.id));
        QVERIFY(runs.hasPaused());
        // Resumable: the upload's URL is kept, nothing was committed.
        QVERIFY(UploadStateStore::find(job.id, u"c-big-1"_s).has_value());
        QCOMPARE(targetAudioSize(m_target, u"c-big-1"_s), -1);

        // A call arriving while paused does not wake the job.
        QVERIFY(service.watcher(job.id) && service.watcher(job.id)->isActive());
        age(writeCall(m_archive, u"c-small-1"_s, 4096));
        QTest::qWait(1500);
        QCOMPARE(started.size(), 1);
        QCOMPARE(targetAudioSize(m_target, u"c-small-1"_s), -1);

        runs.resume(job.id);
        QVERIFY(!runs.isPaused(job.id));
        QCOMPARE(started.size(), 2);
        QCOMPARE(started.last().at(1).toString(), u"resume"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30'000);
        const RunSummary resumed = finished.last().at(1).value<RunSummary>();
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        QCOMPARE(resumed.uploaded, 2);
        // The big upload went on from its offset: less than both calls was sent.
        QVERIFY2(resumed.bytes < BigCall + 4096,
                 qPrintable(u"the resumed run sent %1 bytes"_s.arg(resumed.bytes)));
        QCOMPARE(targetAudioSize(m_target, u"c-big-1"_s), BigCall);
        QCOMPARE(targetAudioSize(m_target, u"c-small-1"_s), 4096);
        QCOMPARE(targetCopies(m_target, u"c-big-1"_s), 1);
    }

    // Stop on a scheduled run: it ends as "stopped", the job is not held, and
    // its next scheduled run finishes the upload.
    void stoppedScheduledRunResumesOnItsNextRun() {
        const Job job = addSlowJob(u"hourly"_s, u"every 1h"_s, u"c-hourly-1"_s);
        QVERIFY(job.id > 0);
        ManualClock clock(QDateTime::currentDateTimeUtc());
        Desktop desktop(m_db, &clock);
        JobService &service = desktop.service;
        RunController &runs = desktop.runs;
        QSignalSpy started(&service, &JobService::runStarted);
        QSignalSpy finished(&runs, &RunController::runFinished);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000); // never ran: due at once
        QCOMPARE(started.first().at(1).toString(), u"schedule"_s);
        QVERIFY(waitForUploadStarted(runs, job.id, u"c-hourly-1"_s));

        runs.stop(job.id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QCOMPARE(finished.first().at(1).value<RunSummary>().status, u"stopped"_s);
        QCOMPARE(lastRun(job.id).status, RunStatus::Stopped);
        QVERIFY(!runs.isRunning(job.id));
        QVERIFY(!runs.isPaused(job.id));
        QVERIFY(UploadStateStore::find(job.id, u"c-hourly-1"_s).has_value());

        // The next slot runs it as usual and the upload continues.
        clock.setNow(service.scheduler().nextRun(job.id).addSecs(1));
        service.scheduler().checkNow();
        QCOMPARE(started.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30'000);
        const RunSummary next = finished.last().at(1).value<RunSummary>();
        QVERIFY2(next.ok(), qPrintable(next.message));
        QCOMPARE(next.uploaded, 1);
        QVERIFY2(next.bytes < BigCall, qPrintable(u"the next run sent %1 bytes"_s.arg(next.bytes)));
        QCOMPARE(targetAudioSize(m_target, u"c-hourly-1"_s), BigCall);
        QCOMPARE(targetCopies(m_target, u"c-hourly-1"_s), 1);
        QVERIFY(!UploadStateStore::find(job.id, u"c-hourly-1"_s).has_value());
    }

    // Pause all holds the service's jobs too; stopping a paused job releases it.
    void pauseAllThenStopReleases() {
        const Job job = addSlowJob(u"steady"_s, u"continuous"_s, u"c-steady-1"_s);
        QVERIFY(job.id > 0);
        SystemClock clock;
        Desktop desktop(m_db, &clock);
        JobService &service = desktop.service;
        RunController &runs = desktop.runs;
        QSignalSpy finished(&runs, &RunController::runFinished);
        QSignalSpy activity(&runs, &RunController::activityChanged);
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(runs.isRunning(job.id), 5000);

        runs.pauseAll();
        QVERIFY(service.isPaused(job.id));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15'000);
        QCOMPARE(finished.first().at(1).value<RunSummary>().status, u"stopped"_s);
        QVERIFY(runs.hasPaused());

        activity.clear();
        runs.stop(job.id);
        QVERIFY(!service.isPaused(job.id));
        QVERIFY(!runs.hasPaused());
        QVERIFY(!activity.isEmpty());     // the window and the tray update
        QVERIFY(!runs.isRunning(job.id)); // released, not started
    }
};

QTEST_GUILESS_MAIN(TestServiceControl)
#include "tst_service_control.moc"
