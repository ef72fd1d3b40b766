// SPDX-License-Identifier: GPL-3.0-or-later
// The target's ChunkWriter in process, on a real SQLite database and real upload files, for
// what a client cannot time from outside: a request taken over between reading the upload's
// offset and beginning must leave file and offset alone, and the whole-upload SHA-256 is
// given only when one request wrote all of the upload and still holds it.
#include "ChunkWriter.h"
#include "Database.h"
#include "UploadStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Replicall::Target;
using namespace Qt::StringLiterals;

namespace {

QByteArray bytesOf(int size, char seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char(seed + i * 31);
    return bytes;
}

// True when no problem came back; otherwise says which.
bool succeeded(const std::optional<Problem> &problem) {
    if (problem)
        qWarning("%s: %s", qPrintable(problem->code), qPrintable(problem->detail));
    return !problem;
}

} // namespace

class TstTargetChunkWriter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(Database::open(m_dir.path(), &error), qPrintable(error));
        m_store = std::make_unique<UploadStore>(m_dir.path());
    }

    void wholeUpload_hashOfTheBytesWritten() {
        const QByteArray audio = bytesOf(300'000, 1);
        const Upload upload = createUpload(audio.size());
        auto writer = writerFor(upload);
        QVERIFY(succeeded(writer->begin({})));
        for (qsizetype at = 0; at < audio.size(); at += 70'000)
            QVERIFY(writer->write(audio.constData() + at,
                                  size_t(qMin<qsizetype>(70'000, audio.size() - at))));
        qint64 offset = 0;
        QVERIFY(succeeded(writer->finish(&offset)));
        QCOMPARE(offset, audio.size());
        QCOMPARE(writer->wholeUploadSha256().value_or(QByteArray()),
                 QCryptographicHash::hash(audio, QCryptographicHash::Sha256));
        QCOMPARE(fileOf(upload), audio);
    }

    void wholeUpload_notAskedFor() {
        const QByteArray audio = bytesOf(2'000, 5);
        const Upload upload = createUpload(audio.size());
        auto writer = writerFor(upload, false);
        QVERIFY(succeeded(writer->begin({})));
        QVERIFY(writer->write(audio.constData(), size_t(audio.size())));
        qint64 offset = 0;
        QVERIFY(succeeded(writer->finish(&offset)));
        QVERIFY(!writer->wholeUploadSha256());
    }

    // With a verified SHA-256 Upload-Checksum of the whole body that is the answer.
    void wholeUpload_fromItsChecksum() {
        const QByteArray audio = bytesOf(9'000, 6);
        const QByteArray sha = QCryptographicHash::hash(audio, QCryptographicHash::Sha256);
        const Upload upload = createUpload(audio.size());
        auto writer = writerFor(upload);
        QVERIFY(succeeded(writer->begin("sha256 " + sha.toBase64())));
        QVERIFY(writer->write(audio.constData(), size_t(audio.size())));
        qint64 offset = 0;
        QVERIFY(succeeded(writer->finish(&offset)));
        QCOMPARE(writer->wholeUploadSha256().value_or(QByteArray()), sha);

        const Upload other = createUpload(audio.size());
        auto damaged = writerFor(other);
        QVERIFY(succeeded(damaged->begin("sha256 " + sha.toBase64())));
        QVERIFY(damaged->write(audio.constData(), size_t(audio.size() - 1)));
        QVERIFY(damaged->write("x", 1));
        QVERIFY(!succeeded(damaged->finish(&offset)));
        QVERIFY(!damaged->wholeUploadSha256());
    }

    void partOfTheUpload_noWholeHash() {
        const QByteArray audio = bytesOf(10'000, 2);
        Upload upload = createUpload(audio.size());
        auto first = writerFor(upload);
        QVERIFY(succeeded(first->begin({})));
        QVERIFY(first->write(audio.constData(), 4'000));
        qint64 offset = 0;
        QVERIFY(succeeded(first->finish(&offset)));
        QVERIFY(!first->wholeUploadSha256()); // short of the length
        first.reset();

        upload.offset = offset;
        auto rest = writerFor(upload);
        QVERIFY(succeeded(rest->begin({})));
        QVERIFY(rest->write(audio.constData() + 4'000, 6'000));
        QVERIFY(succeeded(rest->finish(&offset)));
        QCOMPARE(offset, audio.size());
        QVERIFY(!rest->wholeUploadSha256()); // did not begin at 0
        QCOMPARE(fileOf(upload), audio);
    }

    void takenOverAfterFinish_noWholeHash() {
        const QByteArray audio = bytesOf(5'000, 3);
        const Upload upload = createUpload(audio.size());
        auto writer = writerFor(upload);
        QVERIFY(succeeded(writer->begin({})));
        QVERIFY(writer->write(audio.constData(), size_t(audio.size())));
        qint64 offset = 0;
        QVERIFY(succeeded(writer->finish(&offset)));
        QVERIFY(writer->wholeUploadSha256().has_value());
        const UploadLock newer(*m_store, upload.id, UploadLock::Mode::TakeOver);
        QVERIFY(!writer->wholeUploadSha256());
    }

    void takenOverBeforeBegin_leavesAcknowledgedBytes() {
        const QByteArray audio = bytesOf(8'000, 4);
        const Upload upload = createUpload(audio.size());
        // The older request has taken the upload and read its offset (0), but not begun yet.
        auto older = writerFor(upload);
        auto newer = writerFor(upload);
        QVERIFY(succeeded(newer->begin({})));
        QVERIFY(newer->write(audio.constData(), 3'000));
        qint64 offset = 0;
        QVERIFY(succeeded(newer->finish(&offset)));
        QCOMPARE(offset, 3'000);

        const auto problem = older->begin({});
        QVERIFY(problem.has_value());
        QCOMPARE(problem->code, u"offset-mismatch"_s);
        QVERIFY(!older->write(audio.constData(), 100));
        QCOMPARE(fileOf(upload), audio.left(3'000)); // not cut back to the older offset
        QCOMPARE(storedOffset(upload), 3'000);
    }

private:
    Upload createUpload(qint64 length) {
        Upload upload;
        upload.token = u"writer-test"_s;
        upload.tenant = u"acme"_s;
        upload.length = length;
        QString error;
        if (!m_store->create(&upload, &error))
            qFatal("cannot create an upload: %s", qPrintable(error));
        return upload;
    }

    std::unique_ptr<ChunkWriter> writerFor(const Upload &upload, bool wantWholeHash = true) {
        auto lock = std::make_unique<UploadLock>(*m_store, upload.id, UploadLock::Mode::TakeOver);
        auto writer = std::make_unique<ChunkWriter>(*m_store, std::move(lock), upload,
                                                    upload.length - upload.offset);
        if (wantWholeHash)
            writer->keepWholeUploadSha256();
        return writer;
    }

    QByteArray fileOf(const Upload &upload) const {
        QFile file(m_store->filePath(upload.id));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    qint64 storedOffset(const Upload &upload) const {
        Upload stored;
        bool found = false;
        QString error;
        if (!m_store->find(upload.id, &stored, &found, &error) || !found)
            return -1;
        return stored.offset;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<UploadStore> m_store;
};

QTEST_GUILESS_MAIN(TstTargetChunkWriter)
#include "tst_target_chunkwriter.moc"
