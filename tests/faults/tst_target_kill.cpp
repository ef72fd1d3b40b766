// SPDX-License-Identifier: GPL-3.0-or-later
// The target killed with SIGKILL ten times during one 64 MiB upload sent in 1 MiB chunks.
// Each time the upload resumes from the offset the target had acknowledged (the same
// upload, never from the start), the bytes sent again per restart stay within one chunk,
// and the stored file is byte-identical to the source.
#include "FaultProxy.h"
#include "FaultSupport.h"
#include "TargetProcess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall::Test;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 FileSize = 64 * MiB;
constexpr qint64 ChunkSize = 1 * MiB;
constexpr int Kills = 10;
// Request headers, HEADs and the commit around the re-sent chunk.
constexpr qint64 HeaderSlack = 64 * 1024;

struct UploadState {
    QString id;
    qint64 offset = -1; // -1: no upload yet
};

// The unfinished upload as the target's database records it.
UploadState readUpload(const QString &dataDir) {
    UploadState state;
    const QString name = u"faults-upload-state"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dataDir + u"/target.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT id, upload_offset FROM uploads "
                           u"WHERE committed_recording IS NULL ORDER BY created DESC LIMIT 1"_s) &&
                query.next()) {
                state.id = query.value(0).toString();
                state.offset = query.value(1).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return state;
}

} // namespace

class TestTargetKill : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void largeUploadResumesAfterTargetKills() {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        FaultArchive archive(work.filePath(u"archive"_s));
        QString error;
        QVERIFY2(archive.addCalls(u"big"_s, 1, FileSize, FileSize, 3, &error), qPrintable(error));

        TargetProcess target;
        QVERIFY2(target.start(&error, {u"--max-chunk-size"_s, u"1M"_s}), qPrintable(error));
        const QString token = target.createToken(u"kill-target"_s, {u"acme"_s});
        QVERIFY(!token.isEmpty());
        // A proxy that only counts: how many bytes the sender sent in all.
        FaultProxy counter(quint16(target.baseUrl().port()), 1, FaultProxy::Odds{0, 0, 0, 0});
        QVERIFY2(counter.start(&error), qPrintable(error));
        Cli cli(work.path());
        QVERIFY2(cli.addJob(u"big"_s, archive.dir(), u"http://127.0.0.1:%1"_s.arg(counter.port()),
                            token, {u"--parallel"_s, u"1"_s, u"--chunk-size"_s, u"1M"_s}, &error),
                 qPrintable(error));

        QRandomGenerator random(64);
        std::unique_ptr<QProcess> run;
        int runs = 0;
        QString uploadId;
        qint64 lastOffset = 0;
        struct Resume {
            qint64 acknowledged = 0;
            qint64 reached = 0;
            qsizetype firstPatchAfter = 0;
        };
        QList<Resume> resumes;
        for (int kill = 0; kill < Kills; ++kill) {
            // Kill somewhere in the next few MiB, mid-chunk as often as not.
            const qint64 killAt = lastOffset + MiB + qint64(random.bounded(quint32(4 * MiB)));
            const QDeadlineTimer deadline(60000);
            UploadState state;
            while (!deadline.hasExpired()) {
                if (!run || run->state() == QProcess::NotRunning) {
                    run = cli.startRun(u"big"_s);
                    ++runs;
                }
                state = readUpload(target.dataDir());
                if (state.offset >= killAt)
                    break;
                QTest::qWait(10);
            }
            QVERIFY2(state.offset >= killAt,
                     qPrintable(u"kill %1: the upload did not pass %2 bytes (at %3)\n%4"_s.arg(kill)
                                    .arg(killAt)
                                    .arg(state.offset)
                                    .arg(target.log().right(1500))));
            QTest::qWait(int(random.bounded(40))); // into the next chunk, somewhere
            target.kill();

            const UploadState acknowledged = readUpload(target.dataDir());
            // The target stays down a while; what the proxy still passed on to the dead
            // socket in that time belongs to this kill, so it is looked at the end of it.
            QTest::qWait(100 + int(random.bounded(400)));
            if (uploadId.isEmpty())
                uploadId = acknowledged.id;
            QCOMPARE(acknowledged.id, uploadId); // the same upload all along
            QVERIFY2(acknowledged.offset >= lastOffset,
                     qPrintable(u"kill %1: offset went back from %2 to %3"_s.arg(kill)
                                    .arg(lastOffset)
                                    .arg(acknowledged.offset)));
            // The sender got as far as `reached` before the kill; it must resume at the
            // acknowledged offset (no earlier, no later), and so sends again what lay
            // between: never more than one chunk.
            const QList<FaultProxy::Patch> patches = counter.patches();
            qint64 reached = 0;
            for (const FaultProxy::Patch &patch : patches)
                reached = qMax(reached, patch.offset + patch.bodyBytes);
            resumes.append({acknowledged.offset, reached, patches.size()});
            QVERIFY2(reached - acknowledged.offset <= ChunkSize,
                     qPrintable(
                         u"kill %1: %2 bytes were sent past the acknowledged offset %3"_s.arg(kill)
                             .arg(reached - acknowledged.offset)
                             .arg(acknowledged.offset)));
            lastOffset = acknowledged.offset;
            QVERIFY2(target.restart(&error), qPrintable(error));
        }

        // Let the run that is going finish, then run again until the job is done.
        if (run && run->state() != QProcess::NotRunning)
            run->waitForFinished(120000);
        QJsonObject summary;
        for (int attempt = 0; attempt < 3; ++attempt) {
            summary = cli.run(u"big"_s, &error, 120000);
            ++runs;
            if (summary.value(u"status"_s).toString() == u"succeeded"_s)
                break;
        }
        QVERIFY2(summary.value(u"status"_s).toString() == u"succeeded"_s,
                 qPrintable(QString::fromUtf8(QJsonDocument(summary).toJson()) + error));
        const QString damage = compareTarget(archive.calls(), target.dataDir(), true);
        QVERIFY2(damage.isEmpty(), qPrintable(damage));

        // After each restart the first PATCH started exactly at the acknowledged offset.
        const QList<FaultProxy::Patch> patches = counter.patches();
        for (int kill = 0; kill < resumes.size(); ++kill) {
            const Resume &resume = resumes.at(kill);
            QVERIFY2(resume.firstPatchAfter < patches.size(),
                     qPrintable(u"no PATCH after kill %1"_s.arg(kill)));
            QCOMPARE(patches.at(resume.firstPatchAfter).offset, resume.acknowledged);
        }

        // In all, the file crossed the wire once plus at most a chunk per kill.
        const qint64 sent = counter.counts().bytesToTarget;
        qInfo("%d kills, %d runs: %lld bytes sent for a file of %lld (%.2f%% overhead)", Kills,
              runs, sent, FileSize, 100.0 * double(sent - FileSize) / double(FileSize));
        QVERIFY2(sent <= FileSize + Kills * (ChunkSize + HeaderSlack),
                 qPrintable(u"%1 bytes sent for a file of %2"_s.arg(sent).arg(FileSize)));
    }
};

QTEST_GUILESS_MAIN(TestTargetKill)
#include "tst_target_kill.moc"
