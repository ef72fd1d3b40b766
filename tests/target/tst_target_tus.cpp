// SPDX-License-Identifier: GPL-3.0-or-later
// Uploads and commits against a real replicall-target: tus flow across a crash, checksums,
// offsets, termination, and the commit's verification and idempotence.
#include "TargetTestHelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Replicall::Test;
using namespace Qt::StringLiterals;

class TstTargetTus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_target.start(&error, {u"--max-chunk-size"_s, u"1M"_s}), qPrintable(error));
        m_token = m_target.createToken(u"berlin"_s, {u"acme"_s});
        QVERIFY(m_token.startsWith(u"rpl_"_s));
        m_client.setToken(m_token);
    }

    void options_needsNoToken() {
        HttpClient anonymous;
        const HttpResult result = anonymous.send("OPTIONS", m_target.apiUrl(u"/uploads"_s));
        QCOMPARE(result.status, 204);
        QCOMPARE(result.header("Tus-Version"), "1.0.0");
        QVERIFY(result.header("Tus-Extension").contains("creation-with-upload"));
        QCOMPARE(result.header("Tus-Checksum-Algorithm"), "sha1,sha256");
    }

    void fullFlow_survivesKilledServer() {
        const QByteArray audio = testBytes(2 * 1024 * 1024 + 123);
        TusSteps tus{m_target, m_client};
        HttpResult created;
        const QString upload = tus.create(audio.size(), u"acme"_s, u"c-000123"_s, &created);
        QVERIFY2(!upload.isEmpty(), qPrintable(created.describe()));
        QCOMPARE(created.header("Tus-Resumable"), "1.0.0");
        QVERIFY(!created.header("Upload-Expires").isEmpty());

        const qint64 chunk = 700 * 1024;
        qint64 offset = 0;
        for (int i = 0; i < 2; ++i) {
            const HttpResult patched = tus.patch(
                upload, offset, audio.mid(offset, chunk),
                {{"Upload-Checksum", checksumHeader("sha256", audio.mid(offset, chunk))}});
            QVERIFY2(patched.status == 204, qPrintable(patched.describe()));
            offset += chunk;
            QCOMPARE(patched.header("Upload-Offset").toLongLong(), offset);
        }
        QCOMPARE(tus.head(upload).header("Upload-Offset").toLongLong(), offset);

        m_target.kill(); // a crash: the acknowledged offset must have been persisted
        QString error;
        QVERIFY2(m_target.restart(&error), qPrintable(error));
        const HttpResult head = tus.head(upload);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Upload-Offset").toLongLong(), offset);
        QCOMPARE(head.header("Upload-Length").toLongLong(), audio.size());
        QCOMPARE(head.header("Cache-Control"), "no-store");

        while (offset < audio.size()) {
            const HttpResult patched = tus.patch(upload, offset, audio.mid(offset, chunk));
            QVERIFY2(patched.status == 204, qPrintable(patched.describe()));
            offset = patched.header("Upload-Offset").toLongLong();
        }
        const QJsonObject metadata{{u"id"_s, u"c-000123"_s}, {u"durationMs"_s, 184000}};
        const HttpResult committed =
            tus.commit(u"c-000123"_s, commitBody(u"acme"_s, upload, audio, metadata));
        QVERIFY2(committed.status == 201, qPrintable(committed.describe()));
        const QJsonObject answer = committed.json();
        QCOMPARE(answer.value(u"created"_s).toBool(), true);
        QCOMPARE(answer.value(u"audio"_s).toObject().value(u"path"_s).toString(),
                 u"acme/2026/11/20/c-000123.wav"_s);
        QCOMPARE(answer.value(u"audio"_s).toObject().value(u"sha256"_s).toString(),
                 QString::fromLatin1(sha256Hex(audio)));
        QCOMPARE(answer.value(u"metadataSha256"_s).toString(),
                 QString::fromLatin1(sha256Hex(R"({"durationMs":184000,"id":"c-000123"})")));
        QCOMPARE(readFile(QDir(m_target.dataDir()).filePath(u"acme/2026/11/20/c-000123.wav"_s)),
                 audio);
        QVERIFY(!QFile::exists(QDir(m_target.dataDir()).filePath(u".uploads/"_s + upload)));

        // Idempotent: the same commit again answers 200 with the same audio.
        const HttpResult again =
            tus.commit(u"c-000123"_s, commitBody(u"acme"_s, upload, audio, metadata));
        QVERIFY2(again.status == 200, qPrintable(again.describe()));
        QCOMPARE(again.json().value(u"audio"_s), answer.value(u"audio"_s));
        QCOMPARE(again.json().value(u"committedAt"_s), answer.value(u"committedAt"_s));
        // Metadata-only update without an upload.
        const HttpResult metadataOnly = tus.commit(
            u"c-000123"_s, commitBody(u"acme"_s, QString(), audio, {{u"id"_s, u"c-000123"_s}}));
        QVERIFY2(metadataOnly.status == 200, qPrintable(metadataOnly.describe()));
        QCOMPARE(metadataOnly.json().value(u"metadataSha256"_s).toString(),
                 QString::fromLatin1(sha256Hex(R"({"id":"c-000123"})")));
    }

    void creationWithUpload() {
        const QByteArray audio = testBytes(5000, 2);
        TusSteps tus{m_target, m_client};
        HttpResult created;
        const QString upload = tus.create(audio.size(), u"acme"_s, u"c-cwu"_s, &created, audio,
                                          {{"Upload-Checksum", checksumHeader("sha1", audio)}});
        QVERIFY2(!upload.isEmpty(), qPrintable(created.describe()));
        QCOMPARE(created.header("Upload-Offset").toLongLong(), audio.size());
        const HttpResult committed = tus.commit(u"c-cwu"_s, commitBody(u"acme"_s, upload, audio));
        QVERIFY2(committed.status == 201, qPrintable(committed.describe()));
        QCOMPARE(readFile(QDir(m_target.dataDir()).filePath(u"acme/2026/11/20/c-cwu.wav"_s)),
                 audio);
    }

    // A small recording in one request: creation-with-upload carrying its commit.
    void oneRequest_commitsWithTheUpload() {
        const QByteArray audio = testBytes(70000, 7);
        const QJsonObject metadata{{u"id"_s, u"c-one"_s}, {u"direction"_s, u"inbound"_s}};
        const HttpResult first =
            postWithCommit(u"c-one"_s, audio, commitBody(u"acme"_s, {}, audio, metadata));
        QVERIFY2(first.status == 201, qPrintable(first.describe()));
        QVERIFY(!first.header("Location").isEmpty());
        QCOMPARE(first.header("Upload-Offset").toLongLong(), audio.size());
        // Committed: nothing is left to expire.
        QVERIFY(first.header("Upload-Expires").isEmpty());
        const QJsonObject answer = first.json();
        QCOMPARE(answer.value(u"created"_s).toBool(), true);
        QCOMPARE(answer.value(u"audio"_s).toObject().value(u"sha256"_s).toString(),
                 QString::fromLatin1(sha256Hex(audio)));
        QCOMPARE(
            answer.value(u"metadataSha256"_s).toString(),
            QString::fromLatin1(sha256Hex(QJsonDocument(metadata).toJson(QJsonDocument::Compact))));
        QCOMPARE(readFile(QDir(m_target.dataDir()).filePath(u"acme/2026/11/20/c-one.wav"_s)),
                 audio);
        // The upload was consumed by its commit.
        TusSteps tus{m_target, m_client};
        const QString upload = QString::fromLatin1(first.header("Location")).section(u'/', -1);
        QCOMPARE(tus.head(upload).status, 404);

        // Sent again (a sender killed before it recorded the answer): held, not duplicated.
        const HttpResult again =
            postWithCommit(u"c-one"_s, audio, commitBody(u"acme"_s, {}, audio, metadata));
        QVERIFY2(again.status == 201, qPrintable(again.describe()));
        QCOMPARE(again.json().value(u"created"_s).toBool(), false);
        QCOMPARE(QDir(QDir(m_target.dataDir()).filePath(u"acme/2026/11/20"_s))
                     .entryList({u"c-one*"_s}, QDir::Files)
                     .size(),
                 1);
    }

    void oneRequest_refusals() {
        const QByteArray audio = testBytes(3000, 8);
        const QStringList uploadsBefore = uploadFiles();
        // Damaged on the way: the checksum of the whole file does not match, nothing is stored.
        const HttpResult damaged =
            postWithCommit(u"c-bad"_s, audio, commitBody(u"acme"_s, {}, audio),
                           checksumHeader("sha256", audio.mid(1)));
        QCOMPARE(damaged.status, 460);
        QCOMPARE(damaged.code(), u"checksum-mismatch"_s);
        // A commit claiming another SHA-256 than the bytes have.
        QJsonObject wrongSha = commitBody(u"acme"_s, {}, audio);
        QJsonObject claimed = wrongSha.value(u"audio"_s).toObject();
        claimed.insert(u"sha256"_s, QString(64, u'0'));
        wrongSha.insert(u"audio"_s, claimed);
        const HttpResult wrong = postWithCommit(u"c-bad"_s, audio, wrongSha, QByteArray());
        QCOMPARE(wrong.status, 422);
        QCOMPARE(wrong.code(), u"sha256-mismatch"_s);
        // Refused before the body is read: bad JSON, another tenant, a tenant outside the
        // token, a body that is not the whole file.
        QCOMPARE(postWithCommit(u"c-bad"_s, audio, {}, {}, "{not json").status, 400);
        const HttpResult outside =
            postWithCommit(u"c-bad"_s, audio, commitBody(u"globex"_s, {}, audio));
        QCOMPARE(outside.status, 403);
        QVERIFY2(outside.json().value(u"detail"_s).toString().contains(u"'commit'"_s),
                 qPrintable(outside.describe()));
        const HttpResult part = m_client.send(
            "POST", m_target.apiUrl(u"/uploads"_s), audio.left(100),
            tusHeaders({{"Upload-Length", QByteArray::number(audio.size())},
                        {"Upload-Metadata",
                         metadataWithCommit(
                             u"c-bad"_s, QJsonDocument(commitBody(u"acme"_s, {}, audio)).toJson())},
                        {"Content-Type", "application/offset+octet-stream"}}));
        QCOMPARE(part.status, 400);
        QVERIFY2(part.json().value(u"detail"_s).toString().contains(u"whole file"_s),
                 qPrintable(part.describe()));
        QCOMPARE(QFile::exists(QDir(m_target.dataDir()).filePath(u"acme/2026/11/20/c-bad.wav"_s)),
                 false);
        // No refused request left an upload behind.
        QCOMPARE(uploadFiles(), uploadsBefore);
    }

    void checksumMismatch_discardsChunk() {
        const QByteArray audio = testBytes(4000, 3);
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(audio.size(), u"acme"_s, u"c-sum"_s);
        QVERIFY(!upload.isEmpty());
        const HttpResult bad =
            tus.patch(upload, 0, audio.left(1000),
                      {{"Upload-Checksum", checksumHeader("sha256", audio.mid(1, 1000))}});
        QCOMPARE(bad.status, 460);
        QCOMPARE(bad.code(), u"checksum-mismatch"_s);
        QCOMPARE(tus.head(upload).header("Upload-Offset"), "0");
        const HttpResult unknownAlgorithm =
            tus.patch(upload, 0, audio.left(10), {{"Upload-Checksum", "md5 AAAA"}});
        QCOMPARE(unknownAlgorithm.status, 400);
        QCOMPARE(tus.patch(upload, 0, audio).status, 204);
    }

    void offsetMismatch_andWrongContentType() {
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(100, u"acme"_s, u"c-off"_s);
        QCOMPARE(tus.patch(upload, 0, testBytes(10)).status, 204);
        const HttpResult wrong = tus.patch(upload, 0, testBytes(10));
        QCOMPARE(wrong.status, 409);
        QCOMPARE(wrong.code(), u"offset-mismatch"_s);
        QCOMPARE(wrong.header("Upload-Offset"), "10");
        const HttpResult type = m_client.send(
            "PATCH", m_target.apiUrl(u"/uploads/"_s + upload), testBytes(5),
            tusHeaders({{"Upload-Offset", "10"}, {"Content-Type", "application/json"}}));
        QCOMPARE(type.status, 415);
        QCOMPARE(type.code(), u"unsupported-media-type"_s);
        const HttpResult noTus = m_client.send("HEAD", m_target.apiUrl(u"/uploads/"_s + upload));
        QCOMPARE(noTus.status, 412);
        const HttpResult pastEnd = tus.patch(upload, 10, testBytes(91));
        QCOMPARE(pastEnd.status, 413);
    }

    void termination() {
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(100, u"acme"_s, u"c-term"_s);
        QCOMPARE(tus.patch(upload, 0, testBytes(50)).status, 204);
        const HttpResult deleted = m_client.send("DELETE", m_target.apiUrl(u"/uploads/"_s + upload),
                                                 QByteArray(), tusHeaders());
        QCOMPARE(deleted.status, 204);
        QCOMPARE(tus.head(upload).status, 404);
        QVERIFY(!QFile::exists(QDir(m_target.dataDir()).filePath(u".uploads/"_s + upload)));
    }

    void otherToken_seesNoUpload() {
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(100, u"acme"_s, u"c-other"_s);
        HttpClient other(m_target.createToken(u"other"_s, {u"acme"_s}));
        TusSteps otherTus{m_target, other};
        QCOMPARE(otherTus.head(upload).status, 404);
        QCOMPARE(otherTus.patch(upload, 0, testBytes(10)).status, 404);
    }

    void commitWrongSha256_storesNothing() {
        const QByteArray audio = testBytes(3000, 4);
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(audio.size(), u"acme"_s, u"c-bad"_s);
        QCOMPARE(tus.patch(upload, 0, audio).status, 204);
        QJsonObject body = commitBody(u"acme"_s, upload, audio);
        QJsonObject audioObject = body.value(u"audio"_s).toObject();
        audioObject.insert(u"sha256"_s, QString::fromLatin1(sha256Hex("something else")));
        body.insert(u"audio"_s, audioObject);
        const HttpResult result = tus.commit(u"c-bad"_s, body);
        QCOMPARE(result.status, 422);
        QCOMPARE(result.code(), u"sha256-mismatch"_s);
        QVERIFY(!QFile::exists(QDir(m_target.dataDir()).filePath(u"acme/2026/11/20/c-bad.wav"_s)));
        QVERIFY(!QFile::exists(QDir(m_target.dataDir()).filePath(u".uploads/"_s + upload)));
        const HttpResult lookup = m_client.send("POST", m_target.apiUrl(u"/recordings/lookup"_s),
                                                R"({"recordings":[{"id":"c-bad"}]})",
                                                {{"Content-Type", "application/json"}});
        QCOMPARE(lookup.json()
                     .value(u"recordings"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"held"_s)
                     .toBool(),
                 false);
    }

    void commitIncompleteUpload() {
        const QByteArray audio = testBytes(3000, 5);
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(audio.size(), u"acme"_s, u"c-half"_s);
        QCOMPARE(tus.patch(upload, 0, audio.left(1000)).status, 204);
        const HttpResult result = tus.commit(u"c-half"_s, commitBody(u"acme"_s, upload, audio));
        QCOMPARE(result.status, 409);
        QCOMPARE(result.code(), u"upload-incomplete"_s);
    }

    // tus expiration: an upload untouched for 24 hours is deleted, file and row, when the
    // target sweeps (at start and every ten minutes); so is the file of a one-request upload
    // that a crash left without its request. Anything younger stays.
    void expiredUploadsAreSwept() {
        const QByteArray audio = testBytes(3000, 9);
        TusSteps tus{m_target, m_client};
        const QString stale = tus.create(audio.size(), u"acme"_s, u"c-stale"_s);
        const QString fresh = tus.create(audio.size(), u"acme"_s, u"c-fresh"_s);
        QVERIFY(!stale.isEmpty() && !fresh.isEmpty());
        QCOMPARE(tus.patch(stale, 0, audio.left(1000)).status, 204);
        const QDir uploads(QDir(m_target.dataDir()).filePath(u".uploads"_s));
        const QString orphan = uploads.filePath(QString(32, u'a'));
        const QString youngOrphan = uploads.filePath(QString(32, u'b'));
        for (const QString &path : {orphan, youngOrphan}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("partial");
        }
        const QDateTime dayAndMinuteAgo = QDateTime::currentDateTimeUtc().addSecs(-24 * 3600 - 60);
        {
            QFile file(orphan);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(dayAndMinuteAgo, QFileDevice::FileModificationTime));
        }
        m_target.stop();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"age"_s);
            db.setDatabaseName(QDir(m_target.dataDir()).filePath(u"target.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.prepare(u"UPDATE uploads SET touched_ms = ? WHERE id = ?"_s));
            query.addBindValue(dayAndMinuteAgo.toMSecsSinceEpoch());
            query.addBindValue(stale);
            QVERIFY(query.exec());
            QCOMPARE(query.numRowsAffected(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"age"_s);
        QString error;
        QVERIFY2(m_target.restart(&error), qPrintable(error));

        QTRY_VERIFY(!QFile::exists(uploads.filePath(stale)));
        QCOMPARE(tus.head(stale).status, 404);
        QVERIFY(!QFile::exists(orphan));
        QVERIFY(QFile::exists(youngOrphan));
        const HttpResult alive = tus.head(fresh);
        QCOMPARE(alive.status, 200);
        QCOMPARE(tus.patch(fresh, 0, audio).status, 204);
        QFile::remove(youngOrphan);
    }

    void cleanupTestCase() { m_target.stop(); }

private:
    QStringList uploadFiles() const {
        return QDir(QDir(m_target.dataDir()).filePath(u".uploads"_s)).entryList(QDir::Files);
    }

    static QByteArray metadataWithCommit(const QString &recording, const QByteArray &commitJson) {
        return "tenant " + QByteArray("acme").toBase64() + ",recording " +
               recording.toUtf8().toBase64() + ",filename " + QByteArray("call.wav").toBase64() +
               ",commit " + commitJson.toBase64();
    }

    // POST /uploads with the whole file and its commit; the checksum defaults to the
    // file's true SHA-256, commitJson (when given) replaces the JSON of `commit`.
    HttpResult postWithCommit(const QString &recording, const QByteArray &audio,
                              const QJsonObject &commit,
                              std::optional<QByteArray> checksum = std::nullopt,
                              const QByteArray &commitJson = {}) {
        Headers headers = tusHeaders(
            {{"Upload-Length", QByteArray::number(audio.size())},
             {"Upload-Metadata",
              metadataWithCommit(recording, commitJson.isEmpty() ? QJsonDocument(commit).toJson(
                                                                       QJsonDocument::Compact)
                                                                 : commitJson)},
             {"Content-Type", "application/offset+octet-stream"}});
        const QByteArray sum = checksum.value_or(checksumHeader("sha256", audio));
        if (!sum.isEmpty())
            headers.append({"Upload-Checksum", sum});
        return m_client.send("POST", m_target.apiUrl(u"/uploads"_s), audio, headers);
    }

private:
    TargetProcess m_target;
    HttpClient m_client;
    QString m_token;
};

QTEST_GUILESS_MAIN(TstTargetTus)
#include "tst_target_tus.moc"
