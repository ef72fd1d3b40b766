// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input of every kind ends in a clear message naming the cause, never in a crash or a
// silent stall. One row per kind: the scenario to play and the fragment its message must
// hold. Sender-side rows run the real replicall-cli against a real replicall-target (or a
// scripted responder where no real target would answer so); target-side rows send raw
// requests to the real target.
#include "FaultSupport.h"
#include "HttpClient.h"
#include "ScriptedServer.h"
#include "TargetProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Replicall::Test;

namespace {

// The whole JSON summary of a run, so a fragment may be in the message or a failure.
QString summaryText(const QJsonObject &summary) {
    return QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact));
}

bool runOpenssl(const QStringList &arguments, const QString &dir, QString *error) {
    QProcess openssl;
    openssl.setWorkingDirectory(dir);
    openssl.start(u"openssl"_s, arguments);
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit ||
        openssl.exitCode() != 0) {
        *error = u"openssl %1 failed: %2 %3"_s.arg(
            arguments.join(u' '), openssl.errorString(),
            QString::fromLocal8Bit(openssl.readAllStandardError()));
        return false;
    }
    return true;
}

// A certificate for 127.0.0.1 that expired in 2021: `openssl ca` takes a start and end date
// in the past, which `openssl req -days` does not.
bool makeExpiredCertificate(const QString &dir, QString *error) {
    QFile(dir + u"/index.txt"_s).open(QIODevice::WriteOnly);
    QFile serial(dir + u"/serial"_s);
    QFile config(dir + u"/ca.cnf"_s);
    if (!serial.open(QIODevice::WriteOnly) || serial.write("01\n") < 0 ||
        !config.open(QIODevice::WriteOnly) ||
        config.write("[ca]\ndefault_ca = signer\n[signer]\ndatabase = index.txt\n"
                     "new_certs_dir = .\nserial = serial\ndefault_md = sha256\n"
                     "policy = anything\n[anything]\ncommonName = supplied\n[ext]\n"
                     "subjectAltName = IP:127.0.0.1\nbasicConstraints = critical,CA:true\n") < 0) {
        *error = u"cannot write the CA files in %1"_s.arg(dir);
        return false;
    }
    serial.close();
    config.close();
    return runOpenssl({u"req"_s, u"-new"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                       u"key.pem"_s, u"-out"_s, u"request.csr"_s, u"-subj"_s, u"/CN=127.0.0.1"_s},
                      dir, error) &&
           runOpenssl({u"ca"_s, u"-batch"_s, u"-selfsign"_s, u"-notext"_s, u"-keyfile"_s,
                       u"key.pem"_s, u"-in"_s, u"request.csr"_s, u"-out"_s, u"cert.pem"_s,
                       u"-startdate"_s, u"20200101000000Z"_s, u"-enddate"_s, u"20210101000000Z"_s,
                       u"-config"_s, u"ca.cnf"_s, u"-extensions"_s, u"ext"_s},
                      dir, error);
}

// A valid certificate, but for example.invalid.
bool makeWrongHostCertificate(const QString &dir, QString *error) {
    return runOpenssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                       u"key.pem"_s, u"-out"_s, u"cert.pem"_s, u"-days"_s, u"30"_s, u"-subj"_s,
                       u"/CN=example.invalid"_s, u"-addext"_s,
                       u"subjectAltName=DNS:example.invalid"_s},
                      dir, error);
}

bool setTokenExpired(const QString &dataDir, const QString &name) {
    const QString connection = u"faults-expire-token"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(dataDir + u"/target.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        QSqlQuery query(db);
        ok = db.open() && query.prepare(u"UPDATE tokens SET expires = ? WHERE name = ?"_s);
        query.addBindValue(u"2021-01-01T00:00:00Z"_s);
        query.addBindValue(name);
        ok = ok && query.exec() && query.numRowsAffected() == 1;
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

class TestBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_work.isValid());
        m_archive = std::make_unique<FaultArchive>(m_work.filePath(u"archive"_s));
        QString error;
        QVERIFY2(m_archive->addCalls(u"bad"_s, 2, 4096, 8192, 9, &error), qPrintable(error));
        QVERIFY2(m_target.start(&error), qPrintable(error));
        m_token = m_target.createToken(u"good"_s, {u"acme"_s});
        QVERIFY(!m_token.isEmpty());
        m_cli = std::make_unique<Cli>(m_work.path());
        m_scenarios = {
            {u"url-not-a-url"_s,
             [this] {
                 return addJob(u"not a url"_s);
             }},
            {u"url-ftp"_s,
             [this] {
                 return addJob(u"ftp://127.0.0.1/"_s);
             }},
            {u"url-no-host"_s,
             [this] {
                 return addJob(u"http://"_s);
             }},
            {u"url-bad-port"_s,
             [this] {
                 return addJob(u"http://127.0.0.1:99999"_s);
             }},
            {u"unreachable"_s,
             [this] {
                 return unreachable();
             }},
            {u"token-wrong"_s,
             [this] {
                 return runAgainst(m_target.baseUrl().toString(),
                                   u"rpl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s);
             }},
            {u"token-revoked"_s,
             [this] {
                 return revokedToken();
             }},
            {u"token-expired"_s,
             [this] {
                 return expiredToken();
             }},
            {u"tenant-out-of-scope"_s,
             [this] {
                 return tenantOutOfScope();
             }},
            {u"tls-self-signed"_s,
             [this] {
                 return selfSigned();
             }},
            {u"tls-expired"_s,
             [this] {
                 return tlsWith(&makeExpiredCertificate);
             }},
            {u"tls-wrong-host"_s,
             [this] {
                 return tlsWith(&makeWrongHostCertificate);
             }},
            {u"redirect-keeps-token"_s,
             [this] {
                 return redirect();
             }},
            {u"json-malformed"_s,
             [this] {
                 return scriptedInfo(rawAnswer(200, "{\"server\": {\"name\": ]"));
             }},
            {u"json-not-object"_s,
             [this] {
                 return scriptedInfo(rawAnswer(200, "[1, 2, 3]"));
             }},
            {u"json-truncated"_s,
             [this] {
                 return scriptedInfo(rawAnswer(200, "{\"server\": {\"na", {}, 400));
             }},
            {u"target-headers-too-large"_s,
             [this] {
                 return headersTooLarge();
             }},
            {u"target-body-too-large"_s,
             [this] {
                 return bodyTooLarge();
             }},
            {u"target-id-percent-encoded"_s,
             [this] {
                 return commitTo("/recordings/..%2F..%2Ftarget.sqlite");
             }},
            {u"target-id-dot-dot"_s,
             [this] {
                 return commitTo("/recordings/%2E%2E");
             }},
            {u"target-upload-id-traversal"_s,
             [this] {
                 return tusPatch("/uploads/..%2F..%2Ftarget.sqlite");
             }},
            {u"target-upload-metadata-traversal"_s,
             [this] {
                 return uploadFor("../../x");
             }},
            {u"sidecar-id-traversal"_s,
             [this] {
                 return sidecarProblem(u"\"id\": \"../x\""_s, u"audio"_s);
             }},
            {u"sidecar-audio-traversal"_s,
             [this] {
                 return sidecarProblem(u"\"id\": \"c-trav\""_s, u"../../etc/passwd"_s);
             }},
            {u"sidecar-missing-field"_s,
             [this] {
                 return sidecarProblem(u"\"id\": \"c-missing\""_s, {}, true);
             }},
            {u"sidecar-wrong-type"_s,
             [this] {
                 return sidecarProblem(u"\"id\": \"c-type\", \"durationMs\": \"long\""_s, {});
             }},
        };
    }

    void badInputGivesAClearMessage_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("malformed URL") << u"url-not-a-url"_s << u"is not a URL"_s;
        QTest::newRow("URL of another scheme") << u"url-ftp"_s << u"not an http or https URL"_s;
        QTest::newRow("URL without host") << u"url-no-host"_s << u"has no server name"_s;
        QTest::newRow("URL with a bad port") << u"url-bad-port"_s << u"port"_s;
        QTest::newRow("unreachable host") << u"unreachable"_s << u"refused the connection"_s;
        QTest::newRow("wrong token") << u"token-wrong"_s << u"token-invalid"_s;
        QTest::newRow("revoked token") << u"token-revoked"_s << u"token-revoked"_s;
        QTest::newRow("expired token") << u"token-expired"_s << u"token-expired"_s;
        QTest::newRow("tenant out of scope")
            << u"tenant-out-of-scope"_s << u"tenant-out-of-scope"_s;
        QTest::newRow("self-signed certificate") << u"tls-self-signed"_s << u"self-signed"_s;
        QTest::newRow("expired certificate") << u"tls-expired"_s << u"expired"_s;
        QTest::newRow("certificate for another host") << u"tls-wrong-host"_s << u"host name"_s;
        QTest::newRow("redirect to another host")
            << u"redirect-keeps-token"_s << u"redirects are not followed"_s;
        QTest::newRow("malformed JSON answer") << u"json-malformed"_s << u"is not JSON"_s;
        QTest::newRow("JSON answer not an object")
            << u"json-not-object"_s << u"not a JSON object"_s;
        QTest::newRow("truncated JSON answer") << u"json-truncated"_s << u"GET /info"_s;
        QTest::newRow("headers over the limit")
            << u"target-headers-too-large"_s << u"headers-too-large"_s;
        QTest::newRow("body over the limit") << u"target-body-too-large"_s << u"too-large"_s;
        QTest::newRow("percent-encoded traversal id")
            << u"target-id-percent-encoded"_s << u"invalid-id"_s;
        QTest::newRow("dot-dot id") << u"target-id-dot-dot"_s << u"invalid-id"_s;
        QTest::newRow("traversal upload id") << u"target-upload-id-traversal"_s << u"invalid-id"_s;
        QTest::newRow("traversal recording in Upload-Metadata")
            << u"target-upload-metadata-traversal"_s << u"invalid-id"_s;
        QTest::newRow("sidecar id ../x")
            << u"sidecar-id-traversal"_s << u"field 'id' ('../x') is not a valid id"_s;
        QTest::newRow("sidecar audio ../../etc/passwd")
            << u"sidecar-audio-traversal"_s
            << u"field 'audio' ('../../etc/passwd') is not a plain file name"_s;
        QTest::newRow("sidecar missing field")
            << u"sidecar-missing-field"_s << u"field 'durationMs' is missing"_s;
        QTest::newRow("sidecar wrong-typed field")
            << u"sidecar-wrong-type"_s << u"field 'durationMs'"_s;
    }

    void badInputGivesAClearMessage() {
        QFETCH(QString, scenario);
        QFETCH(QString, fragment);
        QVERIFY2(m_scenarios.contains(scenario), qPrintable(u"no scenario "_s + scenario));
        const QString message = m_scenarios.value(scenario)();
        QVERIFY2(message.contains(fragment),
                 qPrintable(u"expected \"%1\" in:\n%2"_s.arg(fragment, message)));
    }

private:
    QString uniqueJob() { return u"job-%1"_s.arg(++m_jobs); }

    // `job add` with this target URL; its error output.
    QString addJob(const QString &url) {
        QString error;
        if (m_cli->addJob(uniqueJob(), m_archive->dir(), url, m_token, {}, &error))
            return u"the job was created"_s;
        return error;
    }

    // A job on the test archive run once; the run summary, or why there was none.
    QString runAgainst(const QString &url, const QString &token, const QStringList &options = {}) {
        const QString job = uniqueJob();
        QString error;
        if (!m_cli->addJob(job, m_archive->dir(), url, token, options, &error))
            return error;
        const QJsonObject summary = m_cli->run(job, &error, 90000);
        return summary.isEmpty() ? error : summaryText(summary);
    }

    QString unreachable() {
        // A port that was free a moment ago: nothing listens there.
        quint16 port = 0;
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            port = probe.serverPort();
        }
        return runAgainst(u"http://127.0.0.1:%1"_s.arg(port), m_token);
    }

    QString revokedToken() {
        const QString token = m_target.createToken(u"revoked"_s, {u"acme"_s});
        if (!m_target.revokeToken(u"revoked"_s))
            return u"could not revoke the token"_s;
        return runAgainst(m_target.baseUrl().toString(), token);
    }

    QString expiredToken() {
        const QString token = m_target.createToken(u"expired"_s, {u"acme"_s},
                                                   {u"audio"_s, u"metadata"_s, u"users"_s}, 1);
        if (!setTokenExpired(m_target.dataDir(), u"expired"_s))
            return u"could not expire the token"_s;
        return runAgainst(m_target.baseUrl().toString(), token);
    }

    QString tenantOutOfScope() {
        const QString token = m_target.createToken(u"globex-only"_s, {u"globex"_s});
        return runAgainst(m_target.baseUrl().toString(), token);
    }

    QString selfSigned() {
        QTemporaryDir dir;
        QString certificate;
        QString key;
        QString error;
        if (!TargetProcess::makeSelfSignedCertificate(dir.path(), &certificate, &key, &error))
            return error;
        return tlsTarget(certificate, key, {});
    }

    QString tlsWith(bool (*make)(const QString &, QString *)) {
        QTemporaryDir dir;
        QString error;
        if (!make(dir.path(), &error))
            return error;
        const QString certificate = dir.filePath(u"cert.pem"_s);
        // The certificate itself is trusted: only its dates or its host name are wrong.
        return tlsTarget(certificate, dir.filePath(u"key.pem"_s), {u"--ca-file"_s, certificate});
    }

    QString tlsTarget(const QString &certificate, const QString &key, const QStringList &options) {
        TargetProcess target;
        QString error;
        if (!target.start(&error, {u"--tls-cert"_s, certificate, u"--tls-key"_s, key}))
            return error;
        const QString token = target.createToken(u"tls"_s, {u"acme"_s});
        return runAgainst(target.baseUrl().toString(), token, options);
    }

    QString redirect() {
        // The redirect points to another host name of this machine; whoever listens there
        // must never see the token.
        ScriptedServer elsewhere([](const QByteArray &) { return rawAnswer(200, "{}"); });
        QString error;
        if (!elsewhere.start(&error))
            return error;
        const QByteArray location = "http://localhost:" + QByteArray::number(elsewhere.port());
        ScriptedServer redirecting([location](const QByteArray &head) {
            const QByteArray path = head.split(' ').value(1);
            return rawAnswer(307, {}, {"Location: " + location + path});
        });
        if (!redirecting.start(&error))
            return error;
        const QString message =
            runAgainst(u"http://127.0.0.1:%1"_s.arg(redirecting.port()), m_token);
        const QList<QByteArray> leaked = elsewhere.requests();
        for (const QByteArray &head : leaked) {
            if (head.toLower().contains("authorization"))
                return u"the token followed the redirect: "_s + QString::fromLatin1(head);
        }
        return message;
    }

    QString scriptedInfo(const QByteArray &answer) {
        ScriptedServer server([answer](const QByteArray &) { return answer; });
        QString error;
        if (!server.start(&error))
            return error;
        return runAgainst(u"http://127.0.0.1:%1"_s.arg(server.port()), m_token);
    }

    // The problem+json of a target answer: "<status> <code>: <detail>".
    static QString problemOf(const HttpResult &result) { return result.describe(); }

    QString headersTooLarge() {
        HttpClient http(m_token);
        return problemOf(http.send("GET", m_target.apiUrl(u"/info"_s), {},
                                   {{"X-Padding", QByteArray(20 * 1024, 'p')}}));
    }

    // A 2 MiB JSON body announced, its first bytes sent: the target refuses it by its
    // Content-Length before reading it. (Sending all of it would race the answer against
    // the reset that closing on unread bytes causes.)
    QString bodyTooLarge() {
        const QByteArray request = "POST /api/replication/v1/recordings/lookup HTTP/1.1\r\n"
                                   "Host: 127.0.0.1\r\nAuthorization: Bearer " +
                                   m_token.toLatin1() +
                                   "\r\nContent-Type: application/json\r\n"
                                   "Content-Length: 2097152\r\nConnection: close\r\n\r\n"
                                   "{\"recordings\": [";
        return QString::fromUtf8(
            HttpClient::rawExchange(quint16(m_target.baseUrl().port()), request));
    }

    // Raw paths: QUrl would normalise the dots and the escapes away.
    QString rawRequest(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                       const QByteArray &extraHeaders) {
        const QByteArray request = method + " /api/replication/v1" + path +
                                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                   m_token.toLatin1() + "\r\n" + extraHeaders +
                                   "Content-Length: " + QByteArray::number(body.size()) +
                                   "\r\nConnection: close\r\n\r\n" + body;
        const QByteArray answer =
            HttpClient::rawExchange(quint16(m_target.baseUrl().port()), request);
        // Nothing may have been written outside the data directory's own places.
        if (QFile::exists(QDir(m_target.dataDir()).filePath(u"../target.sqlite"_s)))
            return u"a file appeared next to the data directory"_s;
        return QString::fromUtf8(answer);
    }

    QString commitTo(const QByteArray &path) {
        return rawRequest("PUT", path,
                          "{\"tenant\": \"acme\", \"start\": \"2026-11-20T08:15:00Z\", "
                          "\"metadata\": {}}",
                          "Content-Type: application/json\r\n");
    }

    QString tusPatch(const QByteArray &path) {
        return rawRequest("PATCH", path, "0123456789",
                          "Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                          "Content-Type: application/offset+octet-stream\r\n");
    }

    QString uploadFor(const QByteArray &recording) {
        return rawRequest("POST", "/uploads", {},
                          "Tus-Resumable: 1.0.0\r\nUpload-Length: 10\r\nUpload-Metadata: "
                          "tenant " +
                              QByteArray("acme").toBase64() + ",recording " + recording.toBase64() +
                              "\r\n");
    }

    // A sidecar of its own archive; the problems `job preview` names for it.
    QString sidecarProblem(const QString &idField, const QString &audio,
                           bool withoutDuration = false) {
        const QString dir = m_work.filePath(u"sidecars-%1"_s.arg(++m_jobs));
        QDir().mkpath(dir + u"/acme"_s);
        QString sidecar = u"{"_s + idField +
                          u", \"tenant\": \"acme\", "
                          u"\"start\": \"2026-11-20T08:15:00Z\", "
                          u"\"direction\": \"inbound\", "
                          u"\"caller\": {\"number\": \"1\"}, "
                          u"\"callee\": {\"number\": \"2\"}"_s;
        if (!withoutDuration && !idField.contains(u"durationMs"_s))
            sidecar += u", \"durationMs\": 1000"_s;
        if (!audio.isEmpty())
            sidecar += u", \"audio\": \"%1\""_s.arg(audio);
        sidecar += u"}"_s;
        QFile file(dir + u"/acme/call.json"_s);
        if (!file.open(QIODevice::WriteOnly) || file.write(sidecar.toUtf8()) < 0)
            return u"cannot write "_s + file.fileName();
        file.close();
        const QString job = uniqueJob();
        QString error;
        if (!m_cli->addJob(job, dir, m_target.baseUrl().toString(), m_token, {}, &error))
            return error;
        QString output;
        QString errors;
        m_cli->exec({u"job"_s, u"preview"_s, job}, &output, &errors);
        return output + errors;
    }

    QTemporaryDir m_work;
    std::unique_ptr<FaultArchive> m_archive;
    TargetProcess m_target;
    QString m_token;
    std::unique_ptr<Cli> m_cli;
    QHash<QString, std::function<QString()>> m_scenarios;
    int m_jobs = 0;
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
