// SPDX-License-Identifier: GPL-3.0-or-later
// Tokens, scopes, lookup, directory and id validation against a real replicall-target.
#include "TargetTestHelpers.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Replicall::Test;
using namespace Qt::StringLiterals;

class TstTargetApi : public QObject {
    Q_OBJECT

private:
    HttpResult getInfo(const QByteArray &authorization) {
        HttpClient client;
        return client.send("GET", m_target.apiUrl(u"/info"_s), QByteArray(),
                           {{"Authorization", authorization}});
    }
    HttpResult postJson(HttpClient &client, const QString &path, const QByteArray &json,
                        const QByteArray &verb = "POST") {
        return client.send(verb, m_target.apiUrl(path), json,
                           {{"Content-Type", "application/json"}});
    }

private slots:
    void initTestCase() {
        QString error;
        QVERIFY2(m_target.start(&error, {u"--name"_s, u"archive-test"_s}), qPrintable(error));
        m_token = m_target.createToken(u"berlin"_s, {u"acme"_s, u"globex"_s});
        QVERIFY(m_token.startsWith(u"rpl_"_s));
        QCOMPARE(m_token.size(), 47);
        m_client.setToken(m_token);
    }

    void info_withGoodToken() {
        const HttpResult result = m_client.send("GET", m_target.apiUrl(u"/info"_s));
        QVERIFY2(result.status == 200, qPrintable(result.describe()));
        const QJsonObject info = result.json();
        QCOMPARE(info.value(u"server"_s).toObject().value(u"name"_s).toString(), u"archive-test"_s);
        QCOMPARE(info.value(u"token"_s).toObject().value(u"name"_s).toString(), u"berlin"_s);
        QCOMPARE(info.value(u"token"_s).toObject().value(u"tenants"_s).toArray(),
                 QJsonArray({u"acme"_s, u"globex"_s}));
        QVERIFY(info.value(u"token"_s).toObject().value(u"expires"_s).isNull());
        QCOMPARE(info.value(u"limits"_s).toObject().value(u"maxChunkSize"_s).toInteger(),
                 64 * 1024 * 1024);
        QVERIFY(info.value(u"storage"_s).toObject().value(u"freeBytes"_s).toInteger() > 0);
        QVERIFY(!m_target.log().contains(m_token)); // the token value never reaches the log
    }

    void badTokens_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing") << QByteArray() << u"token-missing"_s;
        QTest::newRow("not bearer") << QByteArray("Basic abc") << u"token-missing"_s;
        QTest::newRow("garbage") << QByteArray("Bearer hello") << u"token-invalid"_s;
        QTest::newRow("unknown") << QByteArray("Bearer rpl_" + QByteArray(43, 'A'))
                                 << u"token-invalid"_s;
    }
    void badTokens() {
        QFETCH(QByteArray, authorization);
        QFETCH(QString, code);
        const HttpResult result = getInfo(authorization);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.header("Content-Type"), "application/problem+json");
        QCOMPARE(result.code(), code);
        QVERIFY(!result.json().value(u"detail"_s).toString().isEmpty());
    }

    void revokedToken() {
        const QString token = m_target.createToken(u"revoke-me"_s, {u"acme"_s});
        QCOMPARE(getInfo("Bearer " + token.toLatin1()).status, 200);
        QVERIFY(m_target.revokeToken(u"revoke-me"_s));
        const HttpResult result = getInfo("Bearer " + token.toLatin1());
        QCOMPARE(result.status, 401);
        QCOMPARE(result.code(), u"token-revoked"_s);
        QVERIFY(result.json().value(u"detail"_s).toString().contains(u"revoke-me"_s));
        QVERIFY(!m_target.revokeToken(u"revoke-me"_s)); // already revoked: an error
        QVERIFY(!m_target.revokeToken(u"nobody"_s));
    }

    void expiredToken() {
        const QString token = m_target.createToken(u"short"_s, {u"acme"_s}, {u"audio"_s}, 1);
        QCOMPARE(getInfo("Bearer " + token.toLatin1())
                     .json()
                     .value(u"token"_s)
                     .toObject()
                     .value(u"expires"_s)
                     .isString(),
                 true);
        {
            // Move the expiry into the past in the target's real database.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"expire"_s);
            db.setDatabaseName(QDir(m_target.dataDir()).filePath(u"target.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                u"UPDATE tokens SET expires = '2020-01-01T00:00:00Z' WHERE name = 'short'"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"expire"_s);
        const HttpResult result = getInfo("Bearer " + token.toLatin1());
        QCOMPARE(result.status, 401);
        QCOMPARE(result.code(), u"token-expired"_s);
    }

    void tokenList_neverShowsValues() {
        QString output;
        QCOMPARE(TargetProcess::runTool(
                     {u"token"_s, u"list"_s, u"--data-dir"_s, m_target.dataDir()}, &output),
                 0);
        QVERIFY(output.contains(u"berlin"_s));
        QVERIFY(output.contains(u"revoke-me"_s));
        QVERIFY(!output.contains(u"rpl_"_s));
    }

    void cliErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList() << u"no command"_s;
        QTest::newRow("unknown") << QStringList{u"frobnicate"_s} << u"unknown command"_s;
        QTest::newRow("bad tenant")
            << QStringList{u"token"_s,  u"create"_s, u"--data-dir"_s, u"DATA"_s,
                           u"--name"_s, u"x"_s,      u"--tenants"_s,  u"../etc"_s}
            << u"tenant '../etc'"_s;
        QTest::newRow("bad data") << QStringList{u"token"_s,     u"create"_s, u"--data-dir"_s,
                                                 u"DATA"_s,      u"--name"_s, u"x"_s,
                                                 u"--tenants"_s, u"a"_s,      u"--data"_s,
                                                 u"video"_s}
                                  << u"data type 'video'"_s;
        QTest::newRow("duplicate")
            << QStringList{u"token"_s,  u"create"_s, u"--data-dir"_s, u"DATA"_s,
                           u"--name"_s, u"berlin"_s, u"--tenants"_s,  u"a"_s}
            << u"already exists"_s;
        QTest::newRow("bad listen")
            << QStringList{u"serve"_s, u"--data-dir"_s, u"DATA"_s, u"--listen"_s, u"nowhere"_s}
            << u"--listen 'nowhere'"_s;
        QTest::newRow("bad size") << QStringList{u"serve"_s,       u"--data-dir"_s,
                                                 u"DATA"_s,        u"--listen"_s,
                                                 u"127.0.0.1:1"_s, u"--max-chunk-size"_s,
                                                 u"lots"_s}
                                  << u"'lots' is not a size"_s;
        QTest::newRow("unknown option")
            << QStringList{u"token"_s, u"list"_s, u"--colour"_s} << u"colour"_s;
    }
    void cliErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        arguments.replaceInStrings(u"DATA"_s, m_target.dataDir());
        QString errors;
        const int code = TargetProcess::runTool(arguments, nullptr, &errors);
        QVERIFY2(code == 1 || code == 2, qPrintable(errors));
        QVERIFY2(errors.contains(message), qPrintable(errors));
    }

    void scope_tenantAndData() {
        TusSteps tus{m_target, m_client};
        HttpResult result;
        QVERIFY(tus.create(10, u"initech"_s, u"c-1"_s, &result).isEmpty());
        QCOMPARE(result.status, 403);
        QCOMPARE(result.code(), u"tenant-out-of-scope"_s);
        QCOMPARE(
            tus.commit(u"c-1"_s, commitBody(u"initech"_s, {}, {}, {{u"id"_s, u"c-1"_s}})).code(),
            u"tenant-out-of-scope"_s);

        HttpClient metadataOnly(m_target.createToken(u"meta-only"_s, {u"acme"_s}, {u"metadata"_s}));
        TusSteps limited{m_target, metadataOnly};
        QVERIFY(limited.create(10, u"acme"_s, u"c-1"_s, &result).isEmpty());
        QCOMPARE(result.status, 403);
        QCOMPARE(result.code(), u"data-out-of-scope"_s);
        const HttpResult directory =
            postJson(metadataOnly, u"/directory"_s, R"({"tenants":[]})", "PUT");
        QCOMPARE(directory.status, 403);
        QCOMPARE(directory.code(), u"data-out-of-scope"_s);
        const HttpResult metadataCommit =
            limited.commit(u"c-meta"_s, commitBody(u"acme"_s, {}, {}, {{u"id"_s, u"c-meta"_s}}));
        QVERIFY2(metadataCommit.status == 201, qPrintable(metadataCommit.describe()));
        QVERIFY(metadataCommit.json().value(u"audio"_s).isNull());
    }

    void traversalIds_data() {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("dot-dot slash") << QByteArray("/api/replication/v1/recordings/../x");
        QTest::newRow("slash") << QByteArray("/api/replication/v1/recordings/a/b");
        QTest::newRow("encoded dots") << QByteArray("/api/replication/v1/recordings/%2e%2e");
        QTest::newRow("encoded slash") << QByteArray("/api/replication/v1/recordings/..%2Fetc");
        QTest::newRow("upload dots")
            << QByteArray("/api/replication/v1/uploads/..%2F..%2Ftarget.sqlite");
    }
    void traversalIds() {
        QFETCH(QByteArray, path);
        const QByteArray verb = path.contains("uploads") ? "DELETE" : "PUT";
        const QByteArray body = R"({"tenant":"acme","start":"2026-11-20T08:15:00Z","metadata":{}})";
        // Raw bytes, so that no client library normalises the path first.
        const QByteArray request =
            verb + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
            m_token.toLatin1() +
            "\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        const QByteArray answer =
            HttpClient::rawExchange(quint16(m_target.baseUrl().port()), request);
        QCOMPARE(HttpClient::rawStatus(answer), 400);
        QVERIFY(answer.contains("invalid-id"));
        QVERIFY(QFile::exists(QDir(m_target.dataDir()).filePath(u"target.sqlite"_s)));
    }

    void lookup_batch() {
        const HttpResult commit = TusSteps{m_target, m_client}.commit(
            u"c-look"_s, commitBody(u"globex"_s, {}, {}, {{u"id"_s, u"c-look"_s}}));
        QVERIFY2(commit.status == 201, qPrintable(commit.describe()));
        HttpClient acmeOnly(m_target.createToken(u"acme-only"_s, {u"acme"_s}));
        const QByteArray request =
            R"({"recordings":[{"id":"c-look","sha256":"00"},{"id":"c-none"}]})";
        const HttpResult result = postJson(m_client, u"/recordings/lookup"_s, request);
        QVERIFY2(result.status == 200, qPrintable(result.describe()));
        const QJsonArray entries = result.json().value(u"recordings"_s).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value(u"id"_s).toString(), u"c-look"_s);
        QCOMPARE(entries.at(0).toObject().value(u"held"_s).toBool(), true);
        QCOMPARE(entries.at(0).toObject().value(u"tenant"_s).toString(), u"globex"_s);
        QCOMPARE(entries.at(0).toObject().value(u"metadataSha256"_s).toString(),
                 QString::fromLatin1(sha256Hex(R"({"id":"c-look"})")));
        QVERIFY(entries.at(0).toObject().value(u"sha256"_s).isNull());
        QCOMPARE(entries.at(1).toObject().value(u"held"_s).toBool(), false);
        QVERIFY(entries.at(1).toObject().value(u"tenant"_s).isNull());
        // Another tenant's recording is not revealed.
        const QJsonArray hidden = postJson(acmeOnly, u"/recordings/lookup"_s, request)
                                      .json()
                                      .value(u"recordings"_s)
                                      .toArray();
        QCOMPARE(hidden.at(0).toObject().value(u"held"_s).toBool(), false);

        QCOMPARE(
            postJson(m_client, u"/recordings/lookup"_s, R"({"recordings":[{"id":"../x"}]})").code(),
            u"invalid-id"_s);
        QCOMPARE(postJson(m_client, u"/recordings/lookup"_s, R"({"recordings":)").code(),
                 u"bad-request"_s);
        QJsonArray tooMany;
        for (int i = 0; i < 1001; ++i)
            tooMany.append(QJsonObject{{u"id"_s, u"c-%1"_s.arg(i)}});
        const HttpResult batch =
            postJson(m_client, u"/recordings/lookup"_s,
                     QJsonDocument(QJsonObject{{u"recordings"_s, tooMany}}).toJson());
        QCOMPARE(batch.status, 400);
        QVERIFY(batch.json().value(u"detail"_s).toString().contains(u"1000"_s));
    }

    void commit_conflictAndBadRequests() {
        TusSteps tus{m_target, m_client};
        QCOMPARE(
            tus.commit(u"c-look"_s, commitBody(u"acme"_s, {}, {}, {{u"id"_s, u"c-look"_s}})).code(),
            u"conflict"_s);
        QCOMPARE(tus.commit(u"c-x"_s, QJsonObject{{u"tenant"_s, u"acme"_s},
                                                  {u"start"_s, u"yesterday"_s},
                                                  {u"metadata"_s, QJsonObject()}})
                     .code(),
                 u"bad-request"_s);
        QCOMPARE(tus.commit(u"c-x"_s, QJsonObject{{u"tenant"_s, u"acme"_s},
                                                  {u"start"_s, u"2026-11-20T08:15:00Z"_s}})
                     .code(),
                 u"bad-request"_s);
        const HttpResult missingUpload = tus.commit(u"c-x"_s, commitBody(u"acme"_s, {}, "audio"));
        QCOMPARE(missingUpload.code(), u"bad-request"_s);
        QVERIFY(missingUpload.json().value(u"detail"_s).toString().contains(u"audio.upload"_s));
        const HttpResult unknownUpload =
            tus.commit(u"c-x"_s, commitBody(u"acme"_s, QString(32, u'a'), "audio"));
        QCOMPARE(unknownUpload.code(), u"not-found"_s);
    }

    void directory_upsert() {
        const QByteArray first = R"({"tenants":[{"id":"acme","name":"ACME Corp"}],
            "groups":[{"id":"g-sales","tenant":"acme","name":"Sales"}],
            "users":[{"id":"u-001","tenant":"acme","name":"Alice Smith","extension":"201","groups":["g-sales"]},
                     {"id":"u-002","tenant":"globex","name":"Bob"}]})";
        HttpResult result = postJson(m_client, u"/directory"_s, first, "PUT");
        QVERIFY2(result.status == 200, qPrintable(result.describe()));
        QCOMPARE(result.json(),
                 QJsonObject({{u"tenants"_s, 1}, {u"groups"_s, 1}, {u"users"_s, 2}}));
        result =
            postJson(m_client, u"/directory"_s,
                     R"({"users":[{"id":"u-001","tenant":"acme","name":"Alice Jones"}]})", "PUT");
        QCOMPARE(result.status, 200);
        const HttpResult outside = postJson(
            m_client, u"/directory"_s,
            R"({"users":[{"id":"u-009","tenant":"acme","name":"Eve"},{"id":"u-010","tenant":"initech","name":"Mallory"}]})",
            "PUT");
        QCOMPARE(outside.status, 403);
        QCOMPARE(outside.code(), u"tenant-out-of-scope"_s);
        QCOMPARE(postJson(m_client, u"/directory"_s,
                          R"({"users":[{"id":"u-011","tenant":"acme"}]})", "PUT")
                     .code(),
                 u"bad-request"_s);

        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"directory"_s);
        db.setDatabaseName(QDir(m_target.dataDir()).filePath(u"target.sqlite"_s));
        QVERIFY(db.open());
        {
            QSqlQuery query(db);
            QVERIFY(query.exec(u"SELECT tenant, id, name FROM directory_users ORDER BY id"_s));
            QStringList rows;
            while (query.next())
                rows << query.value(0).toString() + u'/' + query.value(1).toString() + u'/' +
                            query.value(2).toString();
            QCOMPARE(rows, QStringList({u"acme/u-001/Alice Jones"_s,
                                        u"globex/u-002/Bob"_s})); // nothing of the refused call
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"directory"_s);
    }

    void unknownPath() {
        const HttpResult result = m_client.send("GET", m_target.apiUrl(u"/nothing"_s));
        QCOMPARE(result.status, 404);
        QCOMPARE(result.code(), u"not-found"_s);
    }

    void cleanupTestCase() { m_target.stop(); }

private:
    TargetProcess m_target;
    HttpClient m_client;
    QString m_token;
};

QTEST_GUILESS_MAIN(TstTargetApi)
#include "tst_target_api.moc"
