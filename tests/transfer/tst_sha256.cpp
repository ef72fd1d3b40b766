// SPDX-License-Identifier: GPL-3.0-or-later
// Sha256 against published vectors and against sha256sum; FileWindow as a chunk body.
#include "model/Sha256.h"
#include "transfer/FileWindow.h"
#include "transfer/SendingHash.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

QByteArray randomBytes(qint64 size) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write test file");
    return path;
}

} // namespace

class TestSha256 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownVectors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("empty")
            << QByteArray()
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc")
            << QByteArray("abc")
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("two blocks")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("million a")
            << QByteArray(1000000, 'a')
            << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    void knownVectors() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, hex);
        QCOMPARE(Sha256::hexOf(input), hex);

        // Fed in uneven pieces, the digest is the same.
        Sha256 incremental;
        for (qsizetype at = 0; at < input.size(); at += 7777)
            incremental.addData(input.mid(at, 7777));
        QCOMPARE(incremental.resultHex(), hex);
    }

    void fileMatchesSha256sum() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Not a multiple of the 1 MiB read block, so the last short block counts too.
        const QByteArray data = randomBytes(5 * 1024 * 1024 + 123);
        const QString path = writeFile(dir, u"call.wav"_s, data);

        QString error;
        qint64 size = -1;
        const auto hex = Sha256::ofFile(path, &error, &size);
        QVERIFY2(hex, qPrintable(error));
        QCOMPARE(size, data.size());

        QProcess sha256sum;
        sha256sum.start(u"sha256sum"_s, {path});
        QVERIFY(sha256sum.waitForFinished(30000));
        QCOMPARE(sha256sum.exitCode(), 0);
        QCOMPARE(*hex, sha256sum.readAllStandardOutput().left(64));
    }

    void missingFileNamesThePath() {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"gone.wav"_s);
        QString error;
        QVERIFY(!Sha256::ofFile(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void fileWindowReadsOnlyItsRange() {
        QTemporaryDir dir;
        const QByteArray data = randomBytes(100000);
        const QString path = writeFile(dir, u"call.wav"_s, data);

        FileWindow window(path, 30000, 50000);
        QVERIFY(window.open(QIODevice::ReadOnly));
        QVERIFY(!window.isSequential());
        QCOMPARE(window.size(), 50000);
        QCOMPARE(window.readAll(), data.mid(30000, 50000));
        QVERIFY(window.atEnd());

        // Qt rewinds a body to resend it on a fresh connection.
        QVERIFY(window.reset());
        QCOMPARE(window.read(10), data.mid(30000, 10));
        QVERIFY(window.seek(49990));
        QCOMPARE(window.readAll(), data.mid(79990, 10));
        QVERIFY(!window.seek(50001));
    }

    // The hash of a file taken from what an upload reads: chunks re-sent after a
    // failure, windows rewound by Qt and a resumed upload's skipped start all give
    // the digest of the file itself.
    void sendingHashIsTheFilesHash() {
        QTemporaryDir dir;
        const QByteArray data = randomBytes(3 * 1024 * 1024 + 77);
        const QString path = writeFile(dir, u"call.wav"_s, data);
        const QByteArray expected = Sha256::hexOf(data);
        QString error;

        SendingHash hash(path);
        const auto readWindow = [&](qint64 offset, qint64 length) {
            FileWindow window(path, offset, length);
            window.setReadObserver(
                [&hash](qint64 at, const char *bytes, qint64 size) { hash.read(at, bytes, size); });
            QVERIFY(window.open(QIODevice::ReadOnly));
            QVERIFY(hash.catchUp(offset, &error));
            QCOMPARE(window.read(20000), data.mid(offset, 20000));
            QVERIFY(window.reset()); // Qt rewinds a body to resend it
            QCOMPARE(window.readAll(), data.mid(offset, length));
        };
        // A resumed upload: the target already has the first 1,000,000 bytes.
        readWindow(1000000, 1000000);
        QCOMPARE(hash.hashedTo(), 2000000);
        // The same chunk once more (its PATCH failed), then the rest.
        readWindow(1000000, 1000000);
        readWindow(2000000, data.size() - 2000000);
        const std::optional<QByteArray> sha = hash.finish(data.size(), &error);
        QVERIFY2(sha, qPrintable(error));
        QCOMPARE(*sha, expected);

        // Nothing read for sending at all: finish() reads the file.
        SendingHash unread(path);
        QCOMPARE(unread.finish(data.size(), &error).value_or(QByteArray()), expected);
        // A file shorter than it should be is named.
        SendingHash tooLong(path);
        QVERIFY(!tooLong.finish(data.size() + 1, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void fileWindowRefusesARangePastTheEnd() {
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"short.wav"_s, randomBytes(1000));
        FileWindow window(path, 900, 200);
        QVERIFY(!window.open(QIODevice::ReadOnly));
        QVERIFY2(window.errorString().contains(u"1000 bytes"_s), qPrintable(window.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
