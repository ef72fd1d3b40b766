// SPDX-License-Identifier: GPL-3.0-or-later
// How the transfer client classifies answers the real target never gives:
// redirects, non-problem bodies from proxies, silence, refused connections;
// and how a TargetEndpoint checks its settings.
#include "CannedHttpServer.h"
#include "transfer/CommitCall.h"
#include "transfer/InfoCall.h"
#include "transfer/TargetEndpoint.h"
#include "transfer/TusUpload.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;
using Replicall::Test::CannedHttpServer;
using Kind = TransferError::Kind;

Q_DECLARE_METATYPE(TransferError::Kind)

namespace {

const QString Token = u"rpl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s;

TargetEndpoint endpointAt(quint16 port, int timeoutMs = 10000) {
    TargetEndpoint::Settings settings;
    settings.url = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    settings.token = Token;
    settings.transferTimeoutMs = timeoutMs;
    QString error;
    const auto endpoint = TargetEndpoint::create(settings, &error);
    if (!endpoint)
        qFatal("endpoint: %s", qPrintable(error));
    return *endpoint;
}

QByteArray problemBody(const QString &code, const QString &detail) {
    return QJsonDocument(QJsonObject{{u"code"_s, code}, {u"detail"_s, detail}})
        .toJson(QJsonDocument::Compact);
}

// Runs GET /info once (no retries) and returns its error.
TransferError infoError(const TargetEndpoint &endpoint, RetryPolicy retry = {0, 10}) {
    QNetworkAccessManager network;
    InfoCall call(&network, endpoint);
    call.setRetryPolicy(retry);
    QSignalSpy finished(&call, &InfoCall::finished);
    call.start();
    if (!finished.wait(20000))
        qFatal("InfoCall did not finish");
    if (finished.size() != 1)
        qFatal("InfoCall finished %d times", int(finished.size()));
    return call.error();
}

} // namespace

class TestTransferErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classifiesAnswers_data() {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");

        const QByteArray problem = "application/problem+json";
        QTest::newRow("proxy html 502")
            << CannedHttpServer::response(502, "Bad Gateway", "text/html", "<html>oops</html>")
            << Kind::Transient << u"http-502"_s
            << u"target answered HTTP 502 Bad Gateway with a body that is not problem+json"_s;
        QTest::newRow("truncated 401")
            << CannedHttpServer::response(401, "Unauthorized", problem, "{\"code\":\"token-inv")
            << Kind::Fatal << u"http-401"_s << u"HTTP 401 Unauthorized with a body that is not"_s;
        QTest::newRow("empty 503")
            << CannedHttpServer::response(503, "Service Unavailable", {}, {}) << Kind::Transient
            << u"http-503"_s << u"HTTP 503 Service Unavailable with an empty body"_s;
        QTest::newRow("disk full")
            << CannedHttpServer::response(
                   507, "Insufficient Storage", problem,
                   problemBody(u"insufficient-storage"_s, u"Only 3 MiB are free."_s))
            << Kind::Fatal << u"insufficient-storage"_s << u"Only 3 MiB are free."_s;
        QTest::newRow("tenant out of scope")
            << CannedHttpServer::response(
                   403, "Forbidden", problem,
                   problemBody(u"tenant-out-of-scope"_s, u"Tenant 'x' is not allowed."_s))
            << Kind::Recording << u"tenant-out-of-scope"_s << u"Tenant 'x' is not allowed."_s;
        QTest::newRow("offset mismatch")
            << CannedHttpServer::response(409, "Conflict", problem,
                                          problemBody(u"offset-mismatch"_s, u"at 5"_s))
            << Kind::Transient << u"offset-mismatch"_s << u"at 5"_s;
        QTest::newRow("token echoed")
            << CannedHttpServer::response(400, "Bad Request", problem,
                                          problemBody(u"bad-request"_s, u"bad token "_s + Token))
            << Kind::Recording << u"bad-request"_s << u"bad token <token>"_s;
        QTest::newRow("html 200 for info")
            << CannedHttpServer::response(200, "OK", "text/html", "<html>welcome</html>")
            << Kind::Fatal << u"bad-response"_s << u"the body is not JSON"_s;
        QTest::newRow("redirect")
            << CannedHttpServer::response(
                   307, "Temporary Redirect", {}, {},
                   "Location: http://elsewhere.example:81/api/replication/v1/info\r\n")
            << Kind::Fatal << u"redirect"_s
            << u"target redirected to elsewhere.example; redirects are not followed"_s;
    }

    void classifiesAnswers() {
        QFETCH(QByteArray, response);
        QFETCH(Kind, kind);
        QFETCH(QString, code);
        QFETCH(QString, message);

        CannedHttpServer server;
        server.setResponse(response);
        const TransferError error = infoError(endpointAt(server.port()));
        QCOMPARE(error.code, code);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(error.kind, kind);
        QVERIFY2(!error.message.contains(Token), qPrintable(error.message));
        QCOMPARE(server.requests(), 1);
    }

    void redirectIsNotFollowed() {
        CannedHttpServer elsewhere;
        elsewhere.setResponse(CannedHttpServer::response(200, "OK", "application/json", "{}"));
        CannedHttpServer target;
        target.setResponse(CannedHttpServer::response(
            307, "Temporary Redirect", {}, {},
            "Location: http://127.0.0.1:" + QByteArray::number(elsewhere.port()) + "/\r\n"));

        const TransferError error = infoError(endpointAt(target.port()));
        QCOMPARE(error.kind, Kind::Fatal);
        QCOMPARE(error.message, u"target redirected to 127.0.0.1; redirects are not followed"_s);
        QCOMPARE(error.httpStatus, 307);
        QTest::qWait(200); // a follow-up would be on its way by now
        QCOMPARE(elsewhere.connections(), 0);
    }

    void unreachablePortIsTransientAndRetried() {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        } // closed again: nothing listens there now

        const TransferError error = infoError(endpointAt(port), {2, 20});
        QCOMPARE(error.kind, Kind::Transient);
        QCOMPARE(error.code, u"connection-refused"_s);
        QVERIFY2(error.message.contains(u"127.0.0.1:%1 refused the connection"_s.arg(port)),
                 qPrintable(error.message));
        QVERIFY2(error.message.contains(u"gave up after 3 attempts"_s), qPrintable(error.message));
    }

    void silentTargetTimesOut() {
        CannedHttpServer silent; // accepts, never answers
        QElapsedTimer timer;
        timer.start();
        const TransferError error = infoError(endpointAt(silent.port(), 1000));
        QCOMPARE(error.kind, Kind::Transient);
        QCOMPARE(error.code, u"timeout"_s);
        QVERIFY2(error.message.contains(u"did not answer within 1 s"_s), qPrintable(error.message));
        QVERIFY(timer.elapsed() < 10000);
    }

    void abortFinishesOnce() {
        CannedHttpServer silent;
        QNetworkAccessManager network;
        InfoCall call(&network, endpointAt(silent.port()));
        QSignalSpy finished(&call, &InfoCall::finished);
        call.start();
        QTRY_COMPARE(silent.connections(), 1);
        call.abort();
        call.abort();
        QVERIFY(finished.wait(5000));
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(call.error().code, u"aborted"_s);
    }

    void commitWithAnotherSha256Fails() {
        const QByteArray sent = QByteArray(64, 'a');
        const QJsonObject answer{
            {u"id"_s, u"c-1"_s},
            {u"created"_s, true},
            {u"audio"_s, QJsonObject{{u"size"_s, 10}, {u"sha256"_s, QString(64, u'b')}}}};
        CannedHttpServer server;
        server.setResponse(CannedHttpServer::response(201, "Created", "application/json",
                                                      QJsonDocument(answer).toJson()));

        CommitRequest request;
        request.recordingId = u"c-1"_s;
        request.tenant = u"acme"_s;
        request.start = QDateTime::currentDateTimeUtc();
        request.audio = CommitRequest::Audio{u"0123"_s, 10, sent, u"c-1.wav"_s};
        QNetworkAccessManager network;
        CommitCall commit(&network, endpointAt(server.port()), request);
        QSignalSpy finished(&commit, &CommitCall::finished);
        commit.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(commit.error().kind, Kind::Recording);
        QCOMPARE(commit.error().code, u"sha256-mismatch"_s);
        QVERIFY2(commit.error().message.contains(u"target stored a different SHA-256"_s),
                 qPrintable(commit.error().message));
    }

    void uploadLocationOnAnotherHostIsRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-2.wav"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(3000, 'x'));
        file.close();

        CannedHttpServer server;
        server.setResponse(CannedHttpServer::response(
            201, "Created", {}, {},
            "Location: http://elsewhere.example/api/replication/v1/uploads/0123\r\n"
            "Upload-Offset: 0\r\nTus-Resumable: 1.0.0\r\n"));
        UploadSource source;
        source.path = path;
        source.size = 3000;
        source.recordingId = u"c-2"_s;
        source.tenant = u"acme"_s;
        source.chunkSize = 1000;
        QNetworkAccessManager network;
        TusUpload upload(&network, endpointAt(server.port()), source);
        QSignalSpy created(&upload, &TusUpload::created);
        QSignalSpy finished(&upload, &TusUpload::finished);
        upload.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(upload.error().kind, Kind::Fatal);
        QVERIFY2(upload.error().message.contains(u"another host (elsewhere.example)"_s),
                 qPrintable(upload.error().message));
        QCOMPARE(created.size(), 0);
        QCOMPARE(server.requests(), 1);
    }

    void endpointRejectsBadSettings_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<QString>("message");
        QTest::newRow("ftp") << u"ftp://archive.example"_s << Token << QString()
                             << u"must start with https://"_s;
        QTest::newRow("no host") << u"https://"_s << Token << QString() << u"has no host name"_s;
        QTest::newRow("garbage") << u"archive example"_s << Token << QString()
                                 << u"must start with https://"_s;
        QTest::newRow("user info") << u"https://bob:secret@archive.example"_s << Token << QString()
                                   << u"must not contain a user name"_s;
        QTest::newRow("no token") << u"https://archive.example"_s << u"  "_s << QString()
                                  << u"no replication token"_s;
        QTest::newRow("missing CA")
            << u"https://archive.example"_s << Token << u"/nonexistent/ca.pem"_s
            << u"CA file /nonexistent/ca.pem is missing"_s;
    }

    void endpointRejectsBadSettings() {
        QFETCH(QString, url);
        QFETCH(QString, token);
        QFETCH(QString, caFile);
        QFETCH(QString, message);
        TargetEndpoint::Settings settings;
        settings.url = QUrl(url);
        settings.token = token;
        settings.caFile = caFile;
        QString error;
        QVERIFY(!TargetEndpoint::create(settings, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!error.contains(u"secret"_s));
    }

    void endpointBuildsRequests() {
        TargetEndpoint::Settings settings;
        settings.url = QUrl(u"https://archive.example:8443/replicall/"_s);
        settings.token = Token;
        settings.sslVerify = false;
        settings.transferTimeoutMs = 12000;
        QString error;
        const auto endpoint = TargetEndpoint::create(settings, &error);
        QVERIFY2(endpoint, qPrintable(error));

        const QNetworkRequest request = endpoint->request(u"/info"_s);
        QCOMPARE(request.url(),
                 QUrl(u"https://archive.example:8443/replicall/api/replication/v1/info"_s));
        QCOMPARE(request.rawHeader("Authorization"), "Bearer " + Token.toLatin1());
        QCOMPARE(request.header(QNetworkRequest::UserAgentHeader).toString(),
                 u"Replicall/" REPLICALL_VERSION ""_s);
        QCOMPARE(request.transferTimeout(), 12000);
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
        QCOMPARE(request.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyNone);

        QVERIFY(endpoint->isSameOrigin(QUrl(u"https://ARCHIVE.example:8443/x/uploads/1"_s)));
        QVERIFY(!endpoint->isSameOrigin(QUrl(u"https://archive.example/x"_s)));
        QVERIFY(!endpoint->isSameOrigin(QUrl(u"http://archive.example:8443/x"_s)));
        QVERIFY(!endpoint->isSameOrigin(QUrl(u"https://evil.example:8443/x"_s)));
    }
};

QTEST_GUILESS_MAIN(TestTransferErrors)
#include "tst_transfer_errors.moc"
