// SPDX-License-Identifier: GPL-3.0-or-later
// A job of 200 small and four multi-chunk recordings sent through a proxy that drops
// connections, stalls them, cuts responses in half and flips bits in request bodies, run
// again and again until it is done. After every run nothing at the target is corrupted or
// duplicated; in the end every recording arrived.
#include "FaultProxy.h"
#include "FaultSupport.h"
#include "TargetProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall::Test;

namespace {

// The target's request log outlives the test's temporary folder when something went wrong.
void keepLog(const TargetProcess &target) {
    QFile file(QDir::temp().filePath(u"tst_fault_proxy-target.log"_s));
    if (file.open(QIODevice::WriteOnly))
        file.write(target.log().toUtf8());
    qWarning("the target's log is in %s", qPrintable(file.fileName()));
}

} // namespace

class TestFaultProxy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jobCompletesThroughFaults() {
        // Another schedule of faults: REPLICALL_FAULT_SEED=<n> (the failure message names it).
        const quint32 seed = qEnvironmentVariableIsSet("REPLICALL_FAULT_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("REPLICALL_FAULT_SEED"))
                                 : 1u;
        qInfo("fault schedule seed %u", seed);
        QTemporaryDir work;
        QVERIFY(work.isValid());
        FaultArchive archive(work.filePath(u"archive"_s));
        QString error;
        QVERIFY2(archive.addCalls(u"small"_s, 200, 4 * 1024, 32 * 1024, seed, &error),
                 qPrintable(error));
        QVERIFY2(archive.addCalls(u"large"_s, 4, 2'500'000, 4'000'000, seed + 100, &error),
                 qPrintable(error));

        TargetProcess target;
        QVERIFY2(target.start(&error), qPrintable(error));
        const QString token = target.createToken(u"proxy-test"_s, {u"acme"_s});
        QVERIFY(!token.isEmpty());
        FaultProxy proxy(quint16(target.baseUrl().port()), seed, FaultProxy::Odds{});
        QVERIFY2(proxy.start(&error), qPrintable(error));
        Cli cli(work.path());
        QVERIFY2(cli.addJob(u"proxied"_s, archive.dir(), u"http://127.0.0.1:%1"_s.arg(proxy.port()),
                            token, {u"--parallel"_s, u"4"_s, u"--chunk-size"_s, u"1M"_s}, &error),
                 qPrintable(error));

        QElapsedTimer clock;
        clock.start();
        QJsonObject summary;
        int runs = 0;
        bool done = false;
        while (!done && runs < 30 && clock.elapsed() < 60000) {
            ++runs;
            summary = cli.run(u"proxied"_s, &error, 120000);
            QVERIFY2(!summary.isEmpty(), qPrintable(error));
            const QString damage = compareTarget(archive.calls(), target.dataDir(), false);
            if (!damage.isEmpty())
                keepLog(target);
            QVERIFY2(damage.isEmpty(), qPrintable(u"after run %1 (%2):\n%3"_s.arg(runs).arg(
                                           proxy.describe(), damage)));
            const QJsonObject status = cli.status(u"proxied"_s, &error);
            done = status.value(u"replicatedRecordings"_s).toInt() == archive.calls().size();
        }
        qInfo("%d runs in %.1f s; %s", runs, double(clock.elapsed()) / 1000,
              qPrintable(proxy.describe()));
        QVERIFY2(done, qPrintable(u"not done after %1 runs; last summary:\n%2"_s.arg(runs).arg(
                           QString::fromUtf8(QJsonDocument(summary).toJson()))));
        const FaultProxy::Counts counts = proxy.counts();
        QVERIFY2(counts.drops > 0 && counts.stalls > 0 && counts.cuts > 0 && counts.flips > 0,
                 qPrintable(u"every kind of fault must have struck: "_s + proxy.describe()));
        const QString damage = compareTarget(archive.calls(), target.dataDir(), true);
        QVERIFY2(damage.isEmpty(), qPrintable(damage));
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_fault_proxy.moc"
