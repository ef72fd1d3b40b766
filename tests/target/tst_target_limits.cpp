// SPDX-License-Identifier: GPL-3.0-or-later
// Limits and hostile clients against a real replicall-target: oversized bodies and headers,
// clients hanging up, a full disk, HTTPS, and the server's memory while it receives 200 MiB.
#include "TargetTestHelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Replicall::Test;
using namespace Qt::StringLiterals;

namespace {

// Produces `size` bytes of a repeating pattern without holding them, so the test client
// does not need 200 MiB either.
class PatternDevice : public QIODevice {
public:
    explicit PatternDevice(qint64 size)
        : m_size(size) {
        open(QIODevice::ReadOnly);
    }
    qint64 size() const override { return m_size; }
    bool isSequential() const override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override {
        const qint64 count = qMin(maxSize, m_size - pos());
        for (qint64 i = 0; i < count; ++i)
            data[i] = char((pos() + i) % 251);
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
};

qint64 statusKiB(qint64 pid, const QByteArray &field) {
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class TstTargetLimits : public QObject {
    Q_OBJECT

private:
    quint16 port() const { return quint16(m_target.baseUrl().port()); }
    QByteArray requestHead(const QByteArray &verb, const QByteArray &path,
                           const QByteArray &headers) const {
        return verb + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
               m_token.toLatin1() + "\r\n" + headers + "\r\n";
    }

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_target.start(
                     &error, {u"--max-chunk-size"_s, u"256M"_s, u"--max-upload-size"_s, u"1G"_s}),
                 qPrintable(error));
        m_token = m_target.createToken(u"limits"_s, {u"acme"_s});
        m_client.setToken(m_token);
    }

    void oversizedBody_refusedBeforeReading_data() {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("json commit")
            << QByteArray("PUT /api/replication/v1/recordings/c-big HTTP/1.1\r\n"
                          "Content-Type: application/json\r\n");
        QTest::newRow("upload creation")
            << QByteArray("POST /api/replication/v1/uploads HTTP/1.1\r\nTus-Resumable: 1.0.0\r\n"
                          "Upload-Length: 10737418240\r\nUpload-Metadata: tenant YWNtZQ==\r\n"
                          "Content-Type: application/offset+octet-stream\r\n");
    }
    void oversizedBody_refusedBeforeReading() {
        QFETCH(QByteArray, head);
        // 10 GiB announced, 10 bytes sent: only an answer that does not wait for the body
        // can arrive.
        const QByteArray request = head + "Host: 127.0.0.1\r\nAuthorization: Bearer " +
                                   m_token.toLatin1() +
                                   "\r\nContent-Length: 10737418240\r\n\r\n0123456789";
        QElapsedTimer timer;
        timer.start();
        const QByteArray answer = HttpClient::rawExchange(port(), request, 10000);
        QCOMPARE(HttpClient::rawStatus(answer), 413);
        QVERIFY(answer.contains("too-large"));
        QVERIFY2(timer.elapsed() < 5000, "the 413 must not wait for the body");
    }

    void oversizedPatch_refused() {
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(1000, u"acme"_s, u"c-patch"_s);
        QVERIFY(!upload.isEmpty());
        const QByteArray request =
            requestHead("PATCH", "/api/replication/v1/uploads/" + upload.toLatin1(),
                        "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                        "Content-Type: application/offset+octet-stream\r\n"
                        "Content-Length: 10737418240\r\n") +
            "abc";
        const QByteArray answer = HttpClient::rawExchange(port(), request, 10000);
        QCOMPARE(HttpClient::rawStatus(answer), 413);
        QCOMPARE(tus.head(upload).header("Upload-Offset"), "0");
    }

    void oversizedHeaders_refused_data() {
        QTest::addColumn<int>("size");
        QTest::newRow("20 KiB") << 20 * 1024;
        QTest::newRow("64 KiB") << 64 * 1024;
    }
    void oversizedHeaders_refused() {
        QFETCH(int, size);
        const QByteArray request = requestHead("GET", "/api/replication/v1/info",
                                               "X-Padding: " + QByteArray(size, 'x') + "\r\n");
        // Up to the connection's memory the target answers with a problem; beyond it the
        // HTTP library answers 431 itself and closes.
        const QByteArray answer = HttpClient::rawExchange(port(), request, 10000);
        QVERIFY2(HttpClient::rawStatus(answer) == 431, answer.left(300).constData());
        QCOMPARE(m_client.send("GET", m_target.apiUrl(u"/info"_s)).status, 200);
    }

    void clientHangsUpMidBody_serverSurvives() {
        const QByteArray audio = testBytes(1024 * 1024, 7);
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(audio.size(), u"acme"_s, u"c-hangup"_s);
        QVERIFY(!upload.isEmpty());
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(
                requestHead("PATCH", "/api/replication/v1/uploads/" + upload.toLatin1(),
                            "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                            "Content-Type: application/offset+octet-stream\r\nContent-Length: " +
                                QByteArray::number(audio.size()) + "\r\n"));
            socket.write(audio.left(300 * 1024));
            QVERIFY(socket.waitForBytesWritten(5000));
            QTest::qWait(200);
            socket.abort(); // hang up mid-body
        }
        QTest::qWait(300);
        QVERIFY(m_target.isRunning());
        const HttpResult head = tus.head(upload);
        QCOMPARE(head.status, 200);
        // tus keeps what arrived intact; resume from there and finish.
        const qint64 offset = head.header("Upload-Offset").toLongLong();
        QVERIFY(offset >= 0 && offset <= 300 * 1024);
        QCOMPARE(tus.patch(upload, offset, audio.mid(offset)).status, 204);
        const HttpResult committed =
            tus.commit(u"c-hangup"_s, commitBody(u"acme"_s, upload, audio));
        QVERIFY2(committed.status == 201, qPrintable(committed.describe()));
    }

    void largePatch_keepsServerMemorySmall() {
        const qint64 size = 200LL * 1024 * 1024;
        TusSteps tus{m_target, m_client};
        const QString upload = tus.create(size, u"acme"_s, u"c-large"_s);
        QVERIFY(!upload.isEmpty());
        PatternDevice body(size);
        const HttpResult patched =
            m_client.send("PATCH", m_target.apiUrl(u"/uploads/"_s + upload), &body,
                          tusHeaders({{"Upload-Offset", "0"},
                                      {"Content-Type", "application/offset+octet-stream"},
                                      {"Content-Length", QByteArray::number(size)}}),
                          50000);
        QVERIFY2(patched.status == 204, qPrintable(patched.describe()));
        QCOMPARE(patched.header("Upload-Offset").toLongLong(), size);
        const qint64 peakKiB = statusKiB(m_target.pid(), "VmHWM");
        QVERIFY(peakKiB > 0);
        QVERIFY2(peakKiB < 100 * 1024, qPrintable(u"peak resident memory %1 KiB"_s.arg(peakKiB)));
        QFile::remove(QDir(m_target.dataDir()).filePath(u".uploads/"_s + upload));
    }

    void fullDisk_insufficientStorage() {
        TargetProcess small;
        QString error;
        // A reserve larger than any disk makes every upload "not fit".
        QVERIFY2(small.start(&error, {u"--reserve-space"_s, u"1000000G"_s}), qPrintable(error));
        HttpClient client(small.createToken(u"disk"_s, {u"acme"_s}));
        TusSteps tus{small, client};
        HttpResult result;
        QVERIFY(tus.create(1000, u"acme"_s, u"c-full"_s, &result).isEmpty());
        QCOMPARE(result.status, 507);
        QCOMPARE(result.code(), u"insufficient-storage"_s);
        small.stop();
    }

    void https_withSelfSignedCertificate() {
        QTemporaryDir certDir;
        QString cert;
        QString key;
        QString error;
        QVERIFY2(TargetProcess::makeSelfSignedCertificate(certDir.path(), &cert, &key, &error),
                 qPrintable(error));
        TargetProcess secure;
        QVERIFY2(secure.start(&error, {u"--tls-cert"_s, cert, u"--tls-key"_s, key}),
                 qPrintable(error));
        QCOMPARE(secure.baseUrl().scheme(), u"https"_s);
        const QString token = secure.createToken(u"tls"_s, {u"acme"_s});

        HttpClient trusting(token);
        QVERIFY(trusting.trustCertificate(cert));
        const HttpResult info = trusting.send("GET", secure.apiUrl(u"/info"_s));
        QVERIFY2(info.status == 200, qPrintable(info.describe()));
        QCOMPARE(info.json().value(u"token"_s).toObject().value(u"name"_s).toString(), u"tls"_s);

        HttpClient distrusting(token);
        const HttpResult refused = distrusting.send("GET", secure.apiUrl(u"/info"_s));
        QCOMPARE(refused.status, 0);
        QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
        secure.stop();
    }

    void connectionCap_answers503() {
        TargetProcess capped;
        QString error;
        QVERIFY2(capped.start(&error, {u"--max-connections"_s, u"2"_s}), qPrintable(error));
        const quint16 cappedPort = quint16(capped.baseUrl().port());
        QTcpSocket first;
        QTcpSocket second;
        for (QTcpSocket *socket : {&first, &second}) {
            socket->connectToHost(QHostAddress::LocalHost, cappedPort);
            QVERIFY(socket->waitForConnected(5000));
        }
        QTest::qWait(200); // the server has accepted both idle connections
        const QByteArray answer = HttpClient::rawExchange(
            cappedPort, "GET /api/replication/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QCOMPARE(HttpClient::rawStatus(answer), 503);
        QVERIFY(answer.contains("too-many-connections"));
        first.abort();
        second.abort();
        capped.stop();
    }

    void cleanupTestCase() { m_target.stop(); }

private:
    TargetProcess m_target;
    HttpClient m_client;
    QString m_token;
};

QTEST_GUILESS_MAIN(TstTargetLimits)
#include "tst_target_limits.moc"
