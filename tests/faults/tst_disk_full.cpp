// SPDX-License-Identifier: GPL-3.0-or-later
// The target's disk fills up during a run with remove-after: the run ends with a clear
// insufficient-storage error, nothing stored is corrupted, and every recording removed
// from the source is held byte-identical by the target. The target's data directory is a
// 20 MiB tmpfs, so the test needs root; without it the test fails and says so.
#include "FaultSupport.h"
#include "TargetProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall::Test;

namespace {

// A small tmpfs at `dir` for as long as it lives; the target must stop before it goes.
class SmallDisk {
public:
    SmallDisk(const QString &dir, TargetProcess *target)
        : m_dir(dir)
        , m_target(target) {}
    ~SmallDisk() {
        m_target->stop();
        if (m_mounted)
            QProcess::execute(u"umount"_s, {m_dir});
    }

    bool mount(QString *error) {
        QDir().mkpath(m_dir);
        QProcess mount;
        mount.start(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=20m"_s, u"tmpfs"_s, m_dir});
        m_mounted = mount.waitForFinished(10000) && mount.exitStatus() == QProcess::NormalExit &&
                    mount.exitCode() == 0;
        if (!m_mounted) {
            *error = u"cannot mount a 20 MiB tmpfs at %1 (this test needs root to fill a disk): "
                     u"%2 %3"_s.arg(m_dir, mount.errorString(),
                                    QString::fromLocal8Bit(mount.readAllStandardError()));
        }
        return m_mounted;
    }

private:
    QString m_dir;
    TargetProcess *m_target;
    bool m_mounted = false;
};

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullDiskLosesNothing_data() {
        QTest::addColumn<QString>("reserve");
        // No reserve: the disk really fills up mid-write (ENOSPC). The default reserve of
        // 64 MiB is more than the whole disk: every upload is refused before it starts.
        QTest::newRow("disk fills mid-write") << u"0"_s;
        QTest::newRow("reserve refuses upfront") << u"64M"_s;
    }

    void fullDiskLosesNothing() {
        QFETCH(QString, reserve);
        QTemporaryDir work;
        QVERIFY(work.isValid());
        FaultArchive archive(work.filePath(u"archive"_s));
        QString error;
        // 36 MiB of audio for a 20 MiB disk.
        QVERIFY2(archive.addCalls(u"full"_s, 24, 1'400'000, 1'700'000, 5, &error),
                 qPrintable(error));

        TargetProcess target;
        SmallDisk disk(target.dataDir(), &target);
        QVERIFY2(disk.mount(&error), qPrintable(error));
        QVERIFY2(target.start(&error, {u"--reserve-space"_s, reserve}), qPrintable(error));
        const QString token = target.createToken(u"full-test"_s, {u"acme"_s});
        QVERIFY(!token.isEmpty());
        Cli cli(work.path());
        QVERIFY2(
            cli.addJob(u"full"_s, archive.dir(), target.baseUrl().toString(), token,
                       {u"--remove-after"_s, u"--parallel"_s, u"2"_s, u"--chunk-size"_s, u"512k"_s},
                       &error),
            qPrintable(error));

        const QJsonObject summary = cli.run(u"full"_s, &error, 120000);
        QVERIFY2(!summary.isEmpty(), qPrintable(error));
        const QString text = QString::fromUtf8(QJsonDocument(summary).toJson());
        QVERIFY2(summary.value(u"status"_s).toString() == u"failed"_s, qPrintable(text));
        QVERIFY2(text.contains(u"insufficient-storage"_s) || text.contains(u"507"_s),
                 qPrintable(u"the run summary does not name the full disk:\n"_s + text));

        const QString damage = compareTarget(archive.calls(), target.dataDir(), false);
        QVERIFY2(damage.isEmpty(), qPrintable(damage));
        const auto stored = storedAudio(target.dataDir());
        int kept = 0;
        for (const SourceCall &call : archive.calls()) {
            const bool inSource = QFile::exists(call.audioPath) && QFile::exists(call.sidecarPath);
            QVERIFY2(inSource || stored.value(call.id).value(0).sha256 == call.audioSha256,
                     qPrintable(call.id + u" was removed but the target does not hold it"_s));
            kept += inSource ? 1 : 0;
        }
        QVERIFY2(kept > 0, "the disk took everything; the test needs more data than space");
        qInfo("%lld stored, %d still in the source; message: %s", qint64(stored.size()), kept,
              qPrintable(summary.value(u"message"_s).toString()));
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
