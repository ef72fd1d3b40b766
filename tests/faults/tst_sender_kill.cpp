// SPDX-License-Identifier: GPL-3.0-or-later
// The sender killed with SIGKILL at seeded random moments while it replicates 2,000 small
// recordings with remove-after, then run to completion. After every kill and at the end:
// nothing at the target is corrupted or duplicated, and no source recording was removed
// that the target does not hold byte-identical. At the end every recording is there once,
// the source is empty, and the ledger and per-day statistics agree with the target.
#include "FaultSupport.h"
#include "TargetProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall::Test;

namespace {

constexpr int Calls = 2000;
constexpr int Kills = 20;

// Every source call whose audio or sidecar is gone must be held, identical, by the target.
QString checkRemovedAreHeld(const QList<SourceCall> &calls, const QString &targetDataDir) {
    const auto stored = storedAudio(targetDataDir);
    QStringList problems;
    for (const SourceCall &call : calls) {
        if (QFile::exists(call.audioPath) && QFile::exists(call.sidecarPath))
            continue;
        const QList<StoredAudio> held = stored.value(call.id);
        if (held.isEmpty())
            problems << u"%1 was removed from the source but the target does not hold it"_s.arg(
                call.id);
        else if (held.first().sha256 != call.audioSha256)
            problems << u"%1 was removed from the source but the target's copy differs"_s.arg(
                call.id);
    }
    return problems.mid(0, 20).join(u'\n');
}

QHash<QString, int> targetPerDay(const QString &targetDataDir) {
    QHash<QString, int> perDay;
    const auto stored = storedAudio(targetDataDir);
    for (const QList<StoredAudio> &files : stored) {
        // acme/YYYY/MM/DD/<id>.wav
        const QStringList parts = files.first().relativePath.split(u'/');
        if (parts.size() == 5)
            perDay[parts.at(1) + u'-' + parts.at(2) + u'-' + parts.at(3)] += 1;
    }
    return perDay;
}

} // namespace

class TestSenderKill : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedSenderLosesNothing() {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        FaultArchive archive(work.filePath(u"archive"_s));
        QString error;
        QVERIFY2(archive.addCalls(u"k"_s, Calls, 8 * 1024, 16 * 1024, 11, &error),
                 qPrintable(error));

        TargetProcess target;
        QVERIFY2(target.start(&error), qPrintable(error));
        const QString token = target.createToken(u"kill-test"_s, {u"acme"_s});
        QVERIFY(!token.isEmpty());
        Cli cli(work.path());
        QVERIFY2(cli.addJob(u"kill"_s, archive.dir(), target.baseUrl().toString(), token,
                            {u"--remove-after"_s, u"--parallel"_s, u"8"_s}, &error),
                 qPrintable(error));

        QRandomGenerator random(20261126);
        for (int kill = 0; kill < Kills; ++kill) {
            const auto run = cli.startRun(u"kill"_s);
            QVERIFY2(run->waitForStarted(10000), qPrintable(run->errorString()));
            const int delayMs = 80 + int(random.bounded(420));
            if (run->waitForFinished(delayMs)) {
                qInfo("kill %d: the run ended by itself after less than %d ms", kill, delayMs);
            } else {
                run->kill(); // SIGKILL
                QVERIFY(run->waitForFinished(10000));
            }
            const QString damage = compareTarget(archive.calls(), target.dataDir(), false);
            QVERIFY2(damage.isEmpty(), qPrintable(u"after kill %1:\n%2"_s.arg(kill).arg(damage)));
            const QString lost = checkRemovedAreHeld(archive.calls(), target.dataDir());
            QVERIFY2(lost.isEmpty(), qPrintable(u"after kill %1:\n%2"_s.arg(kill).arg(lost)));
        }
        qInfo("after %d kills the target holds %lld of %d recordings", Kills,
              qint64(storedAudio(target.dataDir()).size()), Calls);

        // Run to completion: a run that was killed leaves nothing that blocks the next.
        QJsonObject summary;
        for (int attempt = 0; attempt < 3; ++attempt) {
            summary = cli.run(u"kill"_s, &error, 180000);
            QVERIFY2(!summary.isEmpty(), qPrintable(error));
            if (summary.value(u"status"_s).toString() == u"succeeded"_s)
                break;
        }
        QVERIFY2(summary.value(u"status"_s).toString() == u"succeeded"_s,
                 qPrintable(QString::fromUtf8(QJsonDocument(summary).toJson())));

        const QString damage = compareTarget(archive.calls(), target.dataDir(), true);
        QVERIFY2(damage.isEmpty(), qPrintable(damage));
        const QString lost = checkRemovedAreHeld(archive.calls(), target.dataDir());
        QVERIFY2(lost.isEmpty(), qPrintable(lost));
        int leftInSource = 0;
        for (const SourceCall &call : archive.calls())
            leftInSource += QFile::exists(call.audioPath) ? 1 : 0;
        QCOMPARE(leftInSource, 0);

        const QJsonObject status = cli.status(u"kill"_s, &error);
        QVERIFY2(!status.isEmpty(), qPrintable(error));
        QCOMPARE(status.value(u"replicatedRecordings"_s).toInt(), Calls);
        QCOMPARE(replicatedPerDay(status), targetPerDay(target.dataDir()));
    }
};

QTEST_GUILESS_MAIN(TestSenderKill)
#include "tst_sender_kill.moc"
