// SPDX-License-Identifier: GPL-3.0-or-later
// Requests that overlap on one upload: a client that hangs up mid-body, one that goes silent
// and talks again after a resume took its upload over, a resume at a stale offset, PATCHes
// racing for the same offset. None of them may set the file on disk, the offset HEAD answers
// and the commit's verification apart: after every step the file holds the audio up to the
// acknowledged offset, and the final commit stores exactly the audio when given its true
// SHA-256 and refuses a wrong one.
#include "TargetTestHelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>
#include <memory>
#include <vector>

using namespace Replicall::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 AudioLength = 600'000;

// One PATCH written by hand, so that its body can stop half way and its socket can be
// closed, reset or left silent while other requests go on.
class RawPatch {
public:
    RawPatch(const TargetProcess &target, const QString &token, const QString &uploadId,
             qint64 offset, qint64 announcedLength, const QByteArray &extraHeaders = {}) {
        m_socket.connectToHost(target.baseUrl().host(), quint16(target.baseUrl().port()));
        m_connected = m_socket.waitForConnected(5000);
        m_socket.write("PATCH /api/replication/v1/uploads/" + uploadId.toLatin1() +
                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token.toLatin1() +
                       "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + QByteArray::number(offset) +
                       "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " +
                       QByteArray::number(announcedLength) + "\r\n" + extraHeaders + "\r\n");
    }

    bool isConnected() const { return m_connected; }
    // Hands the bytes to the kernel; the target reads them on its own time.
    void send(const QByteArray &bytes) {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5000)) {
        }
    }
    void close() { m_socket.disconnectFromHost(); }
    void reset() { m_socket.abort(); }

    // The answer's status, 0 when the target closed the connection without one.
    int answer(int timeoutMs = 10000) {
        while (!m_received.contains("\r\n\r\n") && m_socket.state() == QTcpSocket::ConnectedState &&
               m_socket.waitForReadyRead(timeoutMs))
            m_received += m_socket.readAll();
        m_received += m_socket.readAll();
        return HttpClient::rawStatus(m_received);
    }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_connected = false;
};

enum class Overlap {
    HangUpThenHead,   // the client closes mid-body and resumes at once
    ResetThenPatch,   // the client resets mid-body and PATCHes again without a HEAD
    SilentThenHead,   // a half-open request is taken over by HEAD and then talks again
    SilentThenPatch,  // a half-open request is taken over by a PATCH at the same offset
    StalePatch,       // a resume at an offset the upload has left behind
    ChecksumHangUp,   // a hang-up of a PATCH that announced Upload-Checksum keeps nothing
    ManyShortResumes, // hang-ups at many points, each resumed from HEAD's offset
    RacingPatches,    // several PATCHes for the same offset at once
};

} // namespace

Q_DECLARE_METATYPE(Overlap)

// Declares `name` as the offset HEAD answers, once the file was found to hold exactly the
// audio up to it; fails the test otherwise.
#define CHECK_AGREES(name, upload, audio)                                                          \
    const qint64 name = [&] {                                                                      \
        QString why;                                                                               \
        const qint64 agreed = agreedOffset(upload, audio, &why);                                   \
        if (agreed < 0)                                                                            \
            QTest::qFail(qPrintable(why), __FILE__, __LINE__);                                     \
        return agreed;                                                                             \
    }();                                                                                           \
    if (QTest::currentTestFailed())                                                                \
        return;

class TstTargetTakeover : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_target.start(&error, {u"--max-chunk-size"_s, u"256K"_s}), qPrintable(error));
        m_token = m_target.createToken(u"takeover"_s, {u"acme"_s});
        QVERIFY(!m_token.isEmpty());
        m_client.setToken(m_token);
    }

    void overlapKeepsDiskOffsetAndCommitInStep_data() {
        QTest::addColumn<Overlap>("overlap");
        QTest::addColumn<bool>("trueSha256");
        const QList<QPair<const char *, Overlap>> overlaps{
            {"hang-up then HEAD", Overlap::HangUpThenHead},
            {"reset then PATCH", Overlap::ResetThenPatch},
            {"silent then HEAD", Overlap::SilentThenHead},
            {"silent then PATCH", Overlap::SilentThenPatch},
            {"stale PATCH", Overlap::StalePatch},
            {"checksum hang-up", Overlap::ChecksumHangUp},
            {"many short resumes", Overlap::ManyShortResumes},
            {"racing PATCHes", Overlap::RacingPatches},
        };
        for (const auto &[name, overlap] : overlaps) {
            QTest::addRow("%s, true SHA-256", name) << overlap << true;
            QTest::addRow("%s, wrong SHA-256", name) << overlap << false;
        }
    }

    void overlapKeepsDiskOffsetAndCommitInStep() {
        QFETCH(Overlap, overlap);
        QFETCH(bool, trueSha256);
        const QByteArray audio = testBytes(AudioLength, int(overlap) + 10);
        const QString recording = u"c-takeover-%1"_s.arg(++m_recordings);
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(audio.size(), u"acme"_s, recording);
        QVERIFY(!upload.isEmpty());
        m_lastOffset = 0;

        switch (overlap) {
        case Overlap::HangUpThenHead: {
            RawPatch patch(m_target, m_token, upload, 0, 300'000);
            QVERIFY(patch.isConnected());
            patch.send(audio.left(100'000));
            patch.close();
            CHECK_AGREES(offset, upload, audio);
            QVERIFY2(offset == 0 || offset == 100'000, qPrintable(QString::number(offset)));
            break;
        }
        case Overlap::ResetThenPatch: {
            RawPatch patch(m_target, m_token, upload, 0, 300'000);
            QVERIFY(patch.isConnected());
            patch.send(audio.left(100'000));
            QTest::qWait(100); // the target has written what arrived
            patch.reset();
            // The client does not know whether the target kept the bytes: it tries the offset
            // it knows and is told the right one if that is not it.
            const HttpResult again = tus.patch(upload, 0, audio.left(200'000));
            if (again.status == 409)
                QCOMPARE(again.header("Upload-Offset"), "100000");
            else
                QVERIFY2(again.status == 204, qPrintable(again.describe()));
            CHECK_AGREES(offset, upload, audio);
            QVERIFY2(offset == 100'000 || offset == 200'000, qPrintable(QString::number(offset)));
            break;
        }
        case Overlap::SilentThenHead: {
            RawPatch patch(m_target, m_token, upload, 0, 300'000);
            QVERIFY(patch.isConnected());
            patch.send(audio.left(100'000));
            QTest::qWait(100);
            CHECK_AGREES(offset, upload, audio);
            QCOMPARE(offset, 0); // the HEAD took the silent request over before it stored
            QVERIFY(tus.patch(upload, offset, audio.mid(offset, 50'000)).status == 204);
            patch.send(audio.mid(100'000, 200'000)); // the taken-over request talks again
            QVERIFY(patch.answer() != 204);
            CHECK_AGREES(after, upload, audio);
            QCOMPARE(after, offset + 50'000);
            break;
        }
        case Overlap::SilentThenPatch: {
            RawPatch patch(m_target, m_token, upload, 0, 300'000);
            QVERIFY(patch.isConnected());
            patch.send(audio.left(150'000));
            QTest::qWait(100);
            const HttpResult resumed = tus.patch(upload, 0, audio.left(120'000));
            QVERIFY2(resumed.status == 204, qPrintable(resumed.describe()));
            patch.send(audio.mid(150'000, 150'000));
            QVERIFY(patch.answer() != 204);
            CHECK_AGREES(offset, upload, audio);
            QCOMPARE(offset, 120'000);
            break;
        }
        case Overlap::StalePatch: {
            QVERIFY(tus.patch(upload, 0, audio.left(200'000)).status == 204);
            const HttpResult stale = tus.patch(upload, 100'000, audio.mid(100'000, 200'000));
            QCOMPARE(stale.status, 409);
            QCOMPARE(stale.header("Upload-Offset"), "200000");
            CHECK_AGREES(offset, upload, audio);
            QCOMPARE(offset, 200'000);
            break;
        }
        case Overlap::ChecksumHangUp: {
            QVERIFY(tus.patch(upload, 0, audio.left(50'000)).status == 204);
            const QByteArray chunk = audio.mid(50'000, 200'000);
            RawPatch patch(m_target, m_token, upload, 50'000, chunk.size(),
                           "Upload-Checksum: " + checksumHeader("sha256", chunk) + "\r\n");
            QVERIFY(patch.isConnected());
            patch.send(chunk.left(120'000));
            QTest::qWait(100);
            patch.close();
            QTest::qWait(100); // the target saw the hang-up: a chunk it cannot verify is dropped
            CHECK_AGREES(offset, upload, audio);
            QCOMPARE(offset, 50'000);
            break;
        }
        case Overlap::ManyShortResumes:
            for (int round = 0; m_lastOffset < audio.size() - 100'000; ++round) {
                CHECK_AGREES(offset, upload, audio);
                const qint64 sent = 20'000 + round * 3'000;
                RawPatch patch(m_target, m_token, upload, offset, 2 * sent);
                QVERIFY(patch.isConnected());
                patch.send(audio.mid(offset, sent));
                if (round % 2 == 0)
                    QTest::qWait(20); // sometimes the hang-up is seen first, sometimes the HEAD
                patch.close();
                CHECK_AGREES(next, upload, audio);
                QVERIFY2(next == offset || next == offset + sent,
                         qPrintable(u"%1 after %2 + %3"_s.arg(next).arg(offset).arg(sent)));
                if (next == offset) {
                    // The HEAD came first: the client sends the chunk again. The hung-up
                    // request may still store its bytes if the target had not even read its
                    // headers when the HEAD was answered; then this one is told to move on.
                    const HttpResult again = tus.patch(upload, offset, audio.mid(offset, sent));
                    QVERIFY2(again.status == 204 || again.code() == u"offset-mismatch"_s,
                             qPrintable(again.describe()));
                }
            }
            break;
        case Overlap::RacingPatches:
            for (int round = 0; round < 10; ++round)
                QVERIFY(raceOneRound(upload, audio, 20'000));
            break;
        }
        finishAndCommit(upload, recording, audio, trueSha256);
    }

    // Many rounds of PATCHes racing for one offset: every take-over between a request's
    // locking and its first write must leave the acknowledged bytes alone.
    void racingPatchesNeverCutAcknowledgedBytes() {
        const QByteArray audio = testBytes(AudioLength, 77);
        const QString recording = u"c-takeover-race"_s;
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(audio.size(), u"acme"_s, recording);
        QVERIFY(!upload.isEmpty());
        m_lastOffset = 0;
        while (m_lastOffset < audio.size())
            QVERIFY(raceOneRound(upload, audio, 3'000));
        finishAndCommit(upload, recording, audio, true);
    }

    void cleanupTestCase() { m_target.stop(); }

private:
    // HEAD's offset, or -1 with the reason when the file does not hold the audio up to it.
    // Bytes past the offset are allowed: an abandoned request's leftovers, cut off by the
    // next request.
    qint64 agreedOffset(const QString &upload, const QByteArray &audio, QString *why) {
        TusSteps tus{m_target, m_client};
        const HttpResult head = tus.head(upload);
        if (head.status != 200) {
            *why = head.describe();
            return -1;
        }
        const qint64 offset = head.header("Upload-Offset").toLongLong();
        const QByteArray onDisk = readFile(m_target.dataDir() + u"/.uploads/"_s + upload);
        if (onDisk.size() < offset) {
            *why = u"HEAD acknowledges %1 bytes but the file holds %2"_s.arg(offset).arg(
                onDisk.size());
            return -1;
        }
        for (qint64 i = 0; i < offset; ++i) {
            if (onDisk.at(i) != audio.at(i)) {
                *why = u"byte %1 of the %2 acknowledged bytes differs from the audio"_s.arg(i).arg(
                    offset);
                return -1;
            }
        }
        m_lastOffset = offset;
        return offset;
    }

    // Several PATCHes for the current offset at once, each with the right bytes; whichever
    // wins, the target must end up with the audio up to its new offset.
    bool raceOneRound(const QString &upload, const QByteArray &audio, qint64 chunk) {
        QString why;
        const qint64 offset = agreedOffset(upload, audio, &why);
        if (offset < 0) {
            qWarning("%s", qPrintable(why));
            return false;
        }
        const QByteArray bytes = audio.mid(offset, chunk);
        std::vector<std::unique_ptr<RawPatch>> racers;
        for (int i = 0; i < 4; ++i) {
            racers.push_back(
                std::make_unique<RawPatch>(m_target, m_token, upload, offset, bytes.size()));
        }
        for (const auto &racer : racers)
            racer->send(bytes);
        for (const auto &racer : racers) {
            const int status = racer->answer();
            if (status != 204 && status != 409 && status != 0) {
                qWarning("a racing PATCH was answered %d", status);
                return false;
            }
        }
        if (agreedOffset(upload, audio, &why) < 0) {
            qWarning("%s", qPrintable(why));
            return false;
        }
        return true;
    }

    // Sends what is missing, then commits with the true or a wrong SHA-256 of the audio.
    void finishAndCommit(const QString &upload, const QString &recording, const QByteArray &audio,
                         bool trueSha256) {
        TusSteps tus{m_target, m_client};
        QString why;
        for (qint64 offset = 0; offset < audio.size();) {
            offset = agreedOffset(upload, audio, &why);
            QVERIFY2(offset >= 0, qPrintable(why));
            if (offset == audio.size())
                break;
            const HttpResult patched = tus.patch(upload, offset, audio.mid(offset, 200'000));
            QVERIFY2(patched.status == 204, qPrintable(patched.describe()));
        }
        QByteArray claimed = audio;
        if (!trueSha256)
            claimed[claimed.size() / 2] = char(claimed.at(claimed.size() / 2) ^ 0x40);
        const HttpResult committed = tus.commit(recording, commitBody(u"acme"_s, upload, claimed));
        if (!trueSha256) {
            QCOMPARE(committed.status, 422);
            QCOMPARE(committed.code(), u"sha256-mismatch"_s);
            const HttpResult lookup =
                m_client.send("POST", m_target.apiUrl(u"/recordings/lookup"_s),
                              "{\"recordings\":[{\"id\":\"" + recording.toLatin1() + "\"}]}",
                              {{"Content-Type", "application/json"}});
            QVERIFY2(lookup.status == 200, qPrintable(lookup.describe()));
            const QJsonObject answer =
                lookup.json().value(u"recordings"_s).toArray().first().toObject();
            QCOMPARE(answer.value(u"held"_s).toBool(true), false);
            return;
        }
        QVERIFY2(committed.status == 201, qPrintable(committed.describe()));
        const QString stored =
            committed.json().value(u"audio"_s).toObject().value(u"path"_s).toString();
        QVERIFY(!stored.isEmpty());
        QVERIFY(readFile(QDir(m_target.dataDir()).filePath(stored)) == audio);
    }

    TargetProcess m_target;
    HttpClient m_client;
    QString m_token;
    int m_recordings = 0;
    qint64 m_lastOffset = 0;
};

QTEST_GUILESS_MAIN(TstTargetTakeover)
#include "tst_target_takeover.moc"
