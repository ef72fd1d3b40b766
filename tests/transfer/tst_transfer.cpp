// SPDX-License-Identifier: GPL-3.0-or-later
// The transfer client against a real replicall-target on 127.0.0.1.
#include "TargetProcess.h"
#include "model/Sha256.h"
#include "transfer/CommitCall.h"
#include "transfer/DirectoryCall.h"
#include "transfer/InfoCall.h"
#include "transfer/LookupCall.h"
#include "transfer/RecordingTransfer.h"
#include "transfer/TusUpload.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;
using Replicall::Test::TargetProcess;
using Kind = TransferError::Kind;

namespace {

constexpr qint64 MiB = 1024 * 1024;
const QDateTime CallStart = QDateTime::fromString(u"2026-11-20T08:15:00Z"_s, Qt::ISODate);

// Writes size pseudo-random bytes in 1 MiB blocks, never holding the file in memory.
bool writeRandomFile(const QString &path, qint64 size, quint32 seed) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator generator(seed);
    QByteArray block(MiB, Qt::Uninitialized);
    for (qint64 written = 0; written < size; written += block.size()) {
        generator.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        const qint64 length = qMin<qint64>(block.size(), size - written);
        if (file.write(block.constData(), length) != length)
            return false;
    }
    return true;
}

QByteArray sha256Of(const QString &path) {
    QString error;
    return Sha256::ofFile(path, &error).value_or(QByteArray());
}

// Counts requests by verb as QNetworkAccessManager reports them finished.
struct RequestLog {
    explicit RequestLog(QNetworkAccessManager *network) {
        QObject::connect(
            network, &QNetworkAccessManager::finished, network, [this](QNetworkReply *reply) {
                const QByteArray verb = reply->operation() == QNetworkAccessManager::CustomOperation
                                            ? reply->request()
                                                  .attribute(QNetworkRequest::CustomVerbAttribute)
                                                  .toByteArray()
                                            : verbOf(reply->operation());
                ++counts[verb];
            });
    }
    static QByteArray verbOf(QNetworkAccessManager::Operation operation) {
        switch (operation) {
        case QNetworkAccessManager::HeadOperation:
            return "HEAD";
        case QNetworkAccessManager::GetOperation:
            return "GET";
        case QNetworkAccessManager::PutOperation:
            return "PUT";
        case QNetworkAccessManager::PostOperation:
            return "POST";
        default:
            return "OTHER";
        }
    }
    QHash<QByteArray, int> counts;
};

// Starts call and waits for its one finished().
template <typename Call> bool runToEnd(Call *call, int timeoutMs = 60000) {
    QSignalSpy finished(call, &Call::finished);
    call->start();
    if (!finished.wait(timeoutMs))
        return false;
    QTest::qWait(0);
    return finished.size() == 1;
}

qint64 vmHighWaterKiB() {
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class TestTransfer : public QObject {
    Q_OBJECT

    TargetProcess m_target;
    QTemporaryDir m_files;
    QString m_token;

    TargetEndpoint endpoint(const QString &token, const QUrl &url = {}, bool sslVerify = true,
                            const QString &caFile = {}) {
        TargetEndpoint::Settings settings;
        settings.url = url.isEmpty() ? m_target.baseUrl() : url;
        settings.token = token;
        settings.sslVerify = sslVerify;
        settings.caFile = caFile;
        QString error;
        const auto result = TargetEndpoint::create(settings, &error);
        if (!result)
            qFatal("endpoint: %s", qPrintable(error));
        return *result;
    }

    Recording makeRecording(const QString &id, qint64 audioSize,
                            const QString &tenant = u"acme"_s) {
        Recording recording;
        recording.id = id;
        recording.tenant = tenant;
        recording.start = CallStart;
        recording.direction = u"inbound"_s;
        recording.metadata = QJsonObject{{u"id"_s, id},
                                         {u"tenant"_s, tenant},
                                         {u"start"_s, CallStart.toString(Qt::ISODate)},
                                         {u"durationMs"_s, 184000},
                                         {u"direction"_s, u"inbound"_s},
                                         {u"audio"_s, QString(id + u".wav"_s)}};
        recording.metadataSha256 = Recording::metadataSha256Of(recording.metadata);
        if (audioSize >= 0) {
            recording.audioPath = m_files.filePath(id + u".wav"_s);
            if (!writeRandomFile(recording.audioPath, audioSize, qHash(id)))
                qFatal("cannot write %s", qPrintable(recording.audioPath));
            const QFileInfo info(recording.audioPath);
            recording.audioSize = info.size();
            recording.audioMtimeMs = info.lastModified().toMSecsSinceEpoch();
        }
        return recording;
    }

    QString storedPath(const Recording &recording) const {
        return m_target.dataDir() + u"/acme/2026/11/20/"_s + recording.id + u".wav"_s;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_files.isValid());
        QString error;
        QVERIFY2(m_target.start(&error), qPrintable(error));
        m_token = m_target.createToken(u"transfer"_s, {u"acme"_s, u"globex"_s});
        QVERIFY(m_token.startsWith(u"rpl_"_s));
    }

    void cleanupTestCase() { m_target.stop(); }

    void infoDescribesTargetAndToken() {
        QNetworkAccessManager network;
        InfoCall call(&network, endpoint(m_token));
        QVERIFY(runToEnd(&call));
        QVERIFY2(call.ok(), qPrintable(call.error().message));
        const TargetInfo &info = call.info();
        QCOMPARE(info.serverName, u"replicall-target"_s);
        QCOMPARE(info.tokenName, u"transfer"_s);
        QCOMPARE(info.tenants, (QStringList{u"acme"_s, u"globex"_s}));
        QVERIFY(info.data.contains(u"audio"_s));
        QVERIFY(!info.expires.isValid());
        QCOMPARE(info.maxLookupBatch, 1000);
        QVERIFY(info.maxChunkSize > 0);
        QVERIFY(info.freeBytes > 0);
    }

    void refusedTokensAreFatal_data() {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown") << u"unknown"_s << u"token-invalid"_s;
        QTest::newRow("revoked") << u"revoked"_s << u"token-revoked"_s;
        QTest::newRow("expired") << u"expired"_s << u"token-expired"_s;
    }

    void refusedTokensAreFatal() {
        QFETCH(QString, how);
        QFETCH(QString, code);
        QString token = u"rpl_"_s + QString(43, u'A');
        if (how == u"revoked"_s) {
            token = m_target.createToken(u"to-revoke"_s, {u"acme"_s});
            QVERIFY(m_target.revokeToken(u"to-revoke"_s));
        } else if (how == u"expired"_s) {
            // The target's CLI cannot create an already expired token, so one
            // that expires tomorrow is moved into the past in its database.
            token = m_target.createToken(u"to-expire"_s, {u"acme"_s}, {u"audio"_s}, 1);
            QVERIFY(!token.isEmpty());
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"expire"_s);
                db.setDatabaseName(m_target.dataDir() + u"/target.sqlite"_s);
                QVERIFY(db.open());
                QSqlQuery query(db);
                QVERIFY(query.exec(
                    u"UPDATE tokens SET expires = '2020-01-01T00:00:00Z' WHERE name = 'to-expire'"_s));
            }
            QSqlDatabase::removeDatabase(u"expire"_s);
        }

        QNetworkAccessManager network;
        InfoCall call(&network, endpoint(token));
        QVERIFY(runToEnd(&call));
        QCOMPARE(call.error().kind, Kind::Fatal);
        QCOMPARE(call.error().code, code);
        QCOMPARE(call.error().httpStatus, 401);
        QVERIFY(!call.error().message.isEmpty());
        QVERIFY2(!call.error().message.contains(token), qPrintable(call.error().message));
    }

    void smallFileGoesInOneRequest() {
        const Recording recording = makeRecording(u"c-small"_s, 100 * 1024);
        QNetworkAccessManager network;
        RequestLog log(&network);

        UploadSource source;
        source.path = recording.audioPath;
        source.size = recording.audioSize;
        source.sha256 = sha256Of(recording.audioPath);
        source.recordingId = recording.id;
        source.tenant = recording.tenant;
        source.fileName = u"c-small.wav"_s;
        source.chunkSize = MiB;
        TusUpload upload(&network, endpoint(m_token), source);
        QSignalSpy created(&upload, &TusUpload::created);
        QVERIFY(runToEnd(&upload));
        QVERIFY2(upload.ok(), qPrintable(upload.error().message));
        QCOMPARE(log.counts, (QHash<QByteArray, int>{{"POST", 1}}));
        QCOMPARE(created.size(), 0);
        QCOMPARE(upload.bytesSent(), recording.audioSize);
        QVERIFY(!upload.uploadId().isEmpty());

        CommitRequest request;
        request.recordingId = recording.id;
        request.tenant = recording.tenant;
        request.start = recording.start;
        request.metadata = recording.metadata;
        request.audio =
            CommitRequest::Audio{upload.uploadId(), source.size, source.sha256, source.fileName};
        CommitCall commit(&network, endpoint(m_token), request);
        QVERIFY(runToEnd(&commit));
        QVERIFY2(commit.ok(), qPrintable(commit.error().message));
        QVERIFY(commit.result().created);
        QCOMPARE(commit.result().targetPath, u"acme/2026/11/20/c-small.wav"_s);
        QCOMPARE(commit.result().metadataSha256, recording.metadataSha256);
        QCOMPARE(sha256Of(storedPath(recording)), source.sha256);

        // The same commit again is idempotent and says it was not new.
        CommitCall again(&network, endpoint(m_token), request);
        QVERIFY(runToEnd(&again));
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QVERIFY(!again.result().created);
    }

    void largeFileGoesInChunks() {
        const Recording recording = makeRecording(u"c-large"_s, 20 * MiB);
        QNetworkAccessManager network;
        RequestLog log(&network);
        TransferOptions options;
        options.chunkSize = MiB;
        RecordingTransfer transfer(&network, endpoint(m_token), recording, options);

        QList<QString> events; // created must come before any byte is sent
        connect(&transfer, &RecordingTransfer::uploadCreated, this,
                [&events](const QUrl &url) { events << u"created "_s + url.path(); });
        connect(&transfer, &RecordingTransfer::progress, this, [&events](qint64 sent) {
            if (sent > 0 && (events.isEmpty() || !events.last().startsWith(u"progress"_s)))
                events << u"progress"_s;
        });
        QVERIFY(runToEnd(&transfer));
        QVERIFY2(transfer.outcome().ok, qPrintable(transfer.outcome().error.message));
        QCOMPARE(transfer.state(), RecordingTransfer::State::Done);
        QCOMPARE(events.size(), 2);
        QVERIFY(events.first().startsWith(u"created /api/replication/v1/uploads/"_s));
        QCOMPARE(log.counts.value("POST"), 1);
        QCOMPARE(log.counts.value("PATCH"), 20);
        QCOMPARE(transfer.outcome().bytesSent, 20 * MiB);
        QCOMPARE(transfer.outcome().targetPath, u"acme/2026/11/20/c-large.wav"_s);
        QCOMPARE(sha256Of(storedPath(recording)), transfer.outcome().audioSha256);
        QCOMPARE(transfer.outcome().audioSha256, sha256Of(recording.audioPath));
    }

    void heldAudioIsNotSentAgain() {
        // c-large is at the target now; a metadata change commits without an upload.
        Recording recording = makeRecording(u"c-large"_s, 20 * MiB);
        recording.metadata.insert(u"categories"_s, QJsonArray{u"complaint"_s});
        QNetworkAccessManager network;
        RequestLog log(&network);
        TransferOptions options;
        options.chunkSize = MiB;
        options.targetAudioSha256 = sha256Of(recording.audioPath);
        RecordingTransfer transfer(&network, endpoint(m_token), recording, options);
        QVERIFY(runToEnd(&transfer));
        QVERIFY2(transfer.outcome().ok, qPrintable(transfer.outcome().error.message));
        QVERIFY(transfer.outcome().uploadSkipped);
        QCOMPARE(transfer.outcome().bytesSent, 0);
        QCOMPARE(log.counts, (QHash<QByteArray, int>{{"PUT", 1}}));
        QCOMPARE(transfer.outcome().metadataSha256,
                 Recording::metadataSha256Of(recording.metadata));
    }

    void uploadResumesAfterTargetCrash() {
        const Recording recording = makeRecording(u"c-resume"_s, 40 * MiB);
        UploadSource source;
        source.path = recording.audioPath;
        source.size = recording.audioSize;
        source.sha256 = sha256Of(recording.audioPath);
        source.recordingId = recording.id;
        source.tenant = recording.tenant;
        source.fileName = u"c-resume.wav"_s;
        source.chunkSize = MiB;

        QNetworkAccessManager network;
        QUrl resumeUrl;
        {
            TusUpload first(&network, endpoint(m_token), source);
            first.setRetryPolicy({1, 50});
            connect(&first, &TusUpload::created, this,
                    [&resumeUrl](const QUrl &url) { resumeUrl = url; });
            connect(&first, &TusUpload::progress, this, [this](qint64 sent) {
                if (sent > 10 * MiB && m_target.isRunning())
                    m_target.kill();
            });
            QVERIFY(runToEnd(&first));
            QCOMPARE(first.error().kind, Kind::Transient);
            QVERIFY2(first.error().message.contains(u"gave up after 2 attempts"_s),
                     qPrintable(first.error().message));
        }
        QVERIFY(resumeUrl.isValid());
        QString error;
        QVERIFY2(m_target.restart(&error), qPrintable(error));

        source.resumeUrl = resumeUrl;
        TusUpload second(&network, endpoint(m_token), source);
        QVERIFY(runToEnd(&second));
        QVERIFY2(second.ok(), qPrintable(second.error().message));
        QCOMPARE(second.uploadUrl(), resumeUrl);
        QCOMPARE(second.creations(), 0);
        QVERIFY2(second.resumedFrom() >= 10 * MiB,
                 qPrintable(QString::number(second.resumedFrom())));
        QVERIFY(second.bytesSent() < source.size);
        QCOMPARE(second.resumedFrom() + second.bytesSent(), source.size);

        CommitRequest request;
        request.recordingId = recording.id;
        request.tenant = recording.tenant;
        request.start = recording.start;
        request.audio =
            CommitRequest::Audio{second.uploadId(), source.size, source.sha256, source.fileName};
        CommitCall commit(&network, endpoint(m_token), request);
        QVERIFY(runToEnd(&commit));
        QVERIFY2(commit.ok(), qPrintable(commit.error().message));
        QCOMPARE(sha256Of(storedPath(recording)), source.sha256);
    }

    // The abort lands in the middle of a PATCH body (4 MiB chunks do not fit
    // in the socket buffers), as a dropped connection would.
    void abortedUploadStaysResumable() {
        const Recording recording = makeRecording(u"c-abort"_s, 12 * MiB);
        QNetworkAccessManager network;
        TransferOptions options;
        options.chunkSize = 4 * MiB;
        QUrl resumeUrl;
        {
            RecordingTransfer transfer(&network, endpoint(m_token), recording, options);
            connect(&transfer, &RecordingTransfer::uploadCreated, this,
                    [&resumeUrl](const QUrl &url) { resumeUrl = url; });
            connect(&transfer, &RecordingTransfer::progress, this, [&transfer](qint64 sent) {
                if (sent > 5 * MiB)
                    transfer.abort(); // in the second chunk
            });
            QVERIFY(runToEnd(&transfer));
            QCOMPARE(transfer.state(), RecordingTransfer::State::Failed);
            QCOMPARE(transfer.outcome().error.code, u"aborted"_s);
        }
        options.resumeUrl = resumeUrl;
        RecordingTransfer resumed(&network, endpoint(m_token), recording, options);
        QSignalSpy created(&resumed, &RecordingTransfer::uploadCreated);
        QVERIFY(runToEnd(&resumed));
        QVERIFY2(resumed.outcome().ok, qPrintable(resumed.outcome().error.message));
        QCOMPARE(created.size(), 0);
        QVERIFY(resumed.outcome().bytesSent <= 8 * MiB); // the first chunk is not sent again
        QCOMPARE(sha256Of(storedPath(recording)), resumed.outcome().audioSha256);
    }

    void unknownResumeUrlStartsAfresh_data() {
        QTest::addColumn<QString>("uploadId");
        QTest::newRow("expired") << QString(32, u'0');
        QTest::newRow("malformed") << u"no-such-upload"_s;
    }

    void unknownResumeUrlStartsAfresh() {
        QFETCH(QString, uploadId);
        const Recording recording = makeRecording(u"c-stale"_s, 3 * MiB);
        QNetworkAccessManager network;
        TransferOptions options;
        options.chunkSize = MiB;
        options.resumeUrl = m_target.apiUrl(u"/uploads/"_s + uploadId);
        RecordingTransfer transfer(&network, endpoint(m_token), recording, options);
        QSignalSpy created(&transfer, &RecordingTransfer::uploadCreated);
        QVERIFY(runToEnd(&transfer));
        QVERIFY2(transfer.outcome().ok, qPrintable(transfer.outcome().error.message));
        QCOMPARE(created.size(), 1);
        QCOMPARE(transfer.outcome().bytesSent, 3 * MiB);
    }

    void fileChangingDuringUploadFailsTheRecording() {
        const Recording recording = makeRecording(u"c-growing"_s, 8 * MiB);
        QNetworkAccessManager network;
        TransferOptions options;
        options.chunkSize = MiB;
        RecordingTransfer transfer(&network, endpoint(m_token), recording, options);
        bool appended = false;
        connect(&transfer, &RecordingTransfer::progress, this, [&](qint64 sent) {
            if (sent >= 2 * MiB && !appended) {
                QFile file(recording.audioPath);
                QVERIFY(file.open(QIODevice::Append));
                file.write("still recording");
                appended = true;
            }
        });
        QVERIFY(runToEnd(&transfer));
        QVERIFY(appended);
        QCOMPARE(transfer.state(), RecordingTransfer::State::Failed);
        QCOMPARE(transfer.outcome().error.kind, Kind::Recording);
        QVERIFY2(transfer.outcome().error.message.contains(u"changed during the upload"_s),
                 qPrintable(transfer.outcome().error.message));
        QVERIFY(transfer.outcome().error.message.contains(recording.audioPath));
    }

    void tenantOutOfScopeFailsTheRecording() {
        const Recording recording = makeRecording(u"c-initech"_s, 1000, u"initech"_s);
        QNetworkAccessManager network;
        RecordingTransfer transfer(&network, endpoint(m_token), recording, {});
        QVERIFY(runToEnd(&transfer));
        QCOMPARE(transfer.outcome().error.kind, Kind::Recording);
        QCOMPARE(transfer.outcome().error.code, u"tenant-out-of-scope"_s);
    }

    void lookupSendsBatchesOfAtMostThousand() {
        // Two recordings with metadata only, so the lookup has something to find.
        QNetworkAccessManager network;
        for (const QString &id : {u"lk-0001"_s, u"lk-2400"_s}) {
            RecordingTransfer transfer(&network, endpoint(m_token), makeRecording(id, -1),
                                       {DataKind::Metadata});
            QVERIFY(runToEnd(&transfer));
            QVERIFY2(transfer.outcome().ok, qPrintable(transfer.outcome().error.message));
        }

        QList<LookupEntry> entries;
        for (int i = 0; i < 2500; ++i)
            entries.append({u"lk-%1"_s.arg(i, 4, 10, QChar(u'0')), {}});
        entries.append({u"c-small"_s, sha256Of(m_files.filePath(u"c-small.wav"_s))});
        RequestLog log(&network);
        LookupCall lookup(&network, endpoint(m_token), entries);
        QVERIFY(runToEnd(&lookup));
        QVERIFY2(lookup.ok(), qPrintable(lookup.error().message));
        QCOMPARE(log.counts.value("POST"), 3);
        QCOMPARE(lookup.result().size(), 2501);
        QVERIFY(lookup.result().value(u"lk-0001"_s).held);
        QVERIFY(lookup.result().value(u"lk-2400"_s).held);
        QVERIFY(lookup.result().value(u"lk-2400"_s).sha256.isEmpty());
        QVERIFY(!lookup.result().value(u"lk-1500"_s).held);
        QCOMPARE(lookup.result().value(u"lk-0001"_s).metadataSha256,
                 Recording::metadataSha256Of(makeRecording(u"lk-0001"_s, -1).metadata));
        const HeldRecording small = lookup.result().value(u"c-small"_s);
        QVERIFY(small.held && small.match);
        QCOMPARE(small.tenant, u"acme"_s);
        QCOMPARE(small.size, 100 * 1024);
    }

    void directoryIsUpserted() {
        const QJsonObject directory{
            {u"tenants"_s, QJsonArray{QJsonObject{{u"id"_s, u"acme"_s}, {u"name"_s, u"ACME"_s}}}},
            {u"groups"_s,
             QJsonArray{QJsonObject{
                 {u"id"_s, u"g-sales"_s}, {u"tenant"_s, u"acme"_s}, {u"name"_s, u"Sales"_s}}}},
            {u"users"_s, QJsonArray{QJsonObject{{u"id"_s, u"u-001"_s},
                                                {u"tenant"_s, u"acme"_s},
                                                {u"name"_s, u"Alice"_s},
                                                {u"extension"_s, u"201"_s},
                                                {u"groups"_s, QJsonArray{u"g-sales"_s}}}}}};
        QNetworkAccessManager network;
        DirectoryCall call(&network, endpoint(m_token), directory);
        QVERIFY(runToEnd(&call));
        QVERIFY2(call.ok(), qPrintable(call.error().message));
        QCOMPARE(call.counts().tenants, 1);
        QCOMPARE(call.counts().groups, 1);
        QCOMPARE(call.counts().users, 1);
    }

    void tlsCertificateChecks() {
        QTemporaryDir dir;
        QString certificate, key, error;
        QVERIFY2(TargetProcess::makeSelfSignedCertificate(dir.path(), &certificate, &key, &error),
                 qPrintable(error));
        TargetProcess tlsTarget;
        QVERIFY2(tlsTarget.start(&error, {u"--tls-cert"_s, certificate, u"--tls-key"_s, key}),
                 qPrintable(error));
        const QString token = tlsTarget.createToken(u"tls"_s, {u"acme"_s});
        QCOMPARE(tlsTarget.baseUrl().scheme(), u"https"_s);
        // Qt reuses a connection to the same host whatever its TLS settings,
        // so each policy gets its own manager, as each job run does.
        QNetworkAccessManager network;

        InfoCall verified(&network, endpoint(token, tlsTarget.baseUrl()));
        QVERIFY(runToEnd(&verified));
        QCOMPARE(verified.error().kind, Kind::Fatal);
        QCOMPARE(verified.error().code, u"tls-refused"_s);
        const QString message = verified.error().message;
        QVERIFY2(message.contains(u"certificate of 127.0.0.1"_s), qPrintable(message));
        QVERIFY2(message.contains(u"self-signed"_s), qPrintable(message));
        QVERIFY2(message.contains(u"CN=127.0.0.1"_s) || message.contains(u"\"127.0.0.1\""_s),
                 qPrintable(message));

        QNetworkAccessManager unverifiedNetwork;
        InfoCall unverified(&unverifiedNetwork, endpoint(token, tlsTarget.baseUrl(), false));
        QVERIFY(runToEnd(&unverified));
        QVERIFY2(unverified.ok(), qPrintable(unverified.error().message));

        QNetworkAccessManager pinnedNetwork;
        InfoCall pinned(&pinnedNetwork, endpoint(token, tlsTarget.baseUrl(), true, certificate));
        QVERIFY(runToEnd(&pinned));
        QVERIFY2(pinned.ok(), qPrintable(pinned.error().message));
        QCOMPARE(pinned.info().tokenName, u"tls"_s);
        tlsTarget.stop();
    }

    void largeUploadKeepsMemoryFlat() {
        const Recording recording = makeRecording(u"c-huge"_s, 200 * MiB);
        // Reset the peak so earlier tests do not hide this one's.
        QFile clearRefs(u"/proc/self/clear_refs"_s);
        QVERIFY(clearRefs.open(QIODevice::WriteOnly));
        QCOMPARE(clearRefs.write("5"), 1);
        clearRefs.close();
        const qint64 before = vmHighWaterKiB();
        QVERIFY(before > 0);

        QNetworkAccessManager network;
        TransferOptions options;
        // Chunks larger than the allowed growth: buffering even one would fail the test.
        options.chunkSize = 64 * MiB;
        RecordingTransfer transfer(&network, endpoint(m_token), recording, options);
        QVERIFY(runToEnd(&transfer, 120000));
        QVERIFY2(transfer.outcome().ok, qPrintable(transfer.outcome().error.message));
        QCOMPARE(transfer.outcome().bytesSent, 200 * MiB);
        const qint64 growthKiB = vmHighWaterKiB() - before;
        qInfo("peak RSS grew by %lld KiB while uploading 200 MiB", growthKiB);
        QVERIFY2(growthKiB < 40 * 1024, qPrintable(u"peak RSS grew by %1 KiB"_s.arg(growthKiB)));
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
