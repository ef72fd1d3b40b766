// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Job.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

Job validJob() {
    Job job;
    job.name = u"Nightly backup"_s;
    job.sourceDir = u"/var/spool/recorder"_s;
    job.targetUrl = QUrl(u"https://archive.example.com:8443"_s);
    job.tokenRef = u"replicall/job/nightly"_s;
    return job;
}

// A job whose every field differs from the defaults.
Job unusualJob() {
    Job job = validJob();
    job.enabled = false;
    job.tenants = {u"acme"_s, u"globex"_s};
    job.sslVerify = false;
    job.caFile = u"/etc/ssl/archive-ca.pem"_s;
    job.parallel = 7;
    job.chunkSize = 3 * 1024 * 1024;
    job.mode = ReplicationMode::Full;
    job.data = DataKind::Audio | DataKind::Metadata;
    job.removeAfter = true;
    job.filter = QJsonObject{{u"all"_s, QJsonArray{QJsonObject{{u"field"_s, u"direction"_s},
                                                               {u"equals"_s, u"inbound"_s}}}}};
    job.schedule = u"every 15 minutes"_s;
    job.window = u"22:00-06:00"_s;
    job.bandwidth = 1000000;
    job.assignCategories = {u"archived"_s};
    job.unassignCategories = {u"pending"_s, u"review"_s};
    return job;
}

bool problemsMention(const QStringList &problems, const QString &text) {
    for (const QString &p : problems) {
        if (p.contains(text))
            return true;
    }
    return false;
}

} // namespace

class TestJob : public QObject {
    Q_OBJECT

private slots:
    void validJobHasNoProblems() { QCOMPARE(validateJob(validJob()), QStringList()); }

    void validation_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty name") << u"name"_s << u"  "_s << u"Name must not be empty"_s;
        QTest::newRow("empty source")
            << u"sourceDir"_s << u""_s << u"Source folder must not be empty"_s;
        QTest::newRow("relative source") << u"sourceDir"_s << u"spool/rec"_s
                                         << u"Source folder 'spool/rec' must be an absolute path"_s;
        QTest::newRow("bad scheme") << u"targetUrl"_s << u"htp://x"_s
                                    << u"Target URL 'htp://x' is not an http or https URL"_s;
        QTest::newRow("no url") << u"targetUrl"_s << u""_s << u"Target URL must not be empty"_s;
        QTest::newRow("no host") << u"targetUrl"_s << u"https:///api"_s << u"has no server name"_s;
        QTest::newRow("tenant space")
            << u"tenants"_s << u"ac me"_s << u"Tenant 'ac me' is not a valid tenant name"_s;
        QTest::newRow("tenant dot first")
            << u"tenants"_s << u".acme"_s << u"Tenant '.acme' is not a valid tenant name"_s;
        QTest::newRow("tenant too long")
            << u"tenants"_s << QString(129, u'a') << u"is not a valid tenant name"_s;
        QTest::newRow("tenant twice")
            << u"tenants"_s << u"acme,acme"_s << u"Tenant 'acme' is listed twice"_s;
        QTest::newRow("parallel 0")
            << u"parallel"_s << u"0"_s << u"Parallel upload must be between 1 and 32"_s;
        QTest::newRow("parallel 33")
            << u"parallel"_s << u"33"_s << u"Parallel upload must be between 1 and 32"_s;
        QTest::newRow("chunk small") << u"chunkSize"_s << u"65535"_s
                                     << u"Upload chunk size must be between 64 KiB and 1 GiB"_s;
        QTest::newRow("chunk big") << u"chunkSize"_s << u"1073741825"_s
                                   << u"Upload chunk size must be between 64 KiB and 1 GiB"_s;
        QTest::newRow("no data") << u"data"_s << u""_s << u"Choose at least one kind of data"_s;
        QTest::newRow("remove without audio")
            << u"data"_s << u"metadata,remove"_s << u"Remove after replication needs both"_s;
        QTest::newRow("token pasted")
            << u"tokenRef"_s << u"rpl_abc"_s << u"looks like a replication token"_s;
        QTest::newRow("no schedule") << u"schedule"_s << u""_s << u"Schedule must not be empty"_s;
        QTest::newRow("negative bandwidth")
            << u"bandwidth"_s << u"-1"_s << u"Bandwidth limit must not be negative"_s;
        QTest::newRow("category both")
            << u"categories"_s << u"done"_s << u"Category 'done' is both assigned and unassigned"_s;
    }

    void validation() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        Job job = validJob();
        if (field == "name"_L1)
            job.name = value;
        else if (field == "sourceDir"_L1)
            job.sourceDir = value;
        else if (field == "targetUrl"_L1)
            job.targetUrl = QUrl(value);
        else if (field == "tenants"_L1)
            job.tenants = value.split(u',');
        else if (field == "parallel"_L1)
            job.parallel = value.toInt();
        else if (field == "chunkSize"_L1)
            job.chunkSize = value.toLongLong();
        else if (field == "data"_L1) {
            job.removeAfter = value.endsWith(u",remove"_s);
            QVERIFY(dataKindsFromString(value.remove(u",remove"_s), &job.data, nullptr));
        } else if (field == "tokenRef"_L1)
            job.tokenRef = value;
        else if (field == "schedule"_L1)
            job.schedule = value;
        else if (field == "bandwidth"_L1)
            job.bandwidth = value.toLongLong();
        else if (field == "categories"_L1)
            job.assignCategories = job.unassignCategories = {value};
        const QStringList problems = validateJob(job);
        QVERIFY2(problemsMention(problems, expected), qPrintable(problems.join(u" | "_s)));
        QCOMPARE(problems.size(), 1);
    }

    void chunkSizeLimitsAreInclusive() {
        Job job = validJob();
        job.chunkSize = Job::MinChunkSize;
        QCOMPARE(validateJob(job), QStringList());
        job.chunkSize = Job::MaxChunkSize;
        job.parallel = Job::MaxParallel;
        QCOMPARE(validateJob(job), QStringList());
    }

    void idPattern() {
        QVERIFY(isValidId(u"c-20261120-000123"_s));
        QVERIFY(isValidId(u"A"_s));
        QVERIFY(isValidId(QString(128, u'x')));
        QVERIFY(!isValidId(QString(129, u'x')));
        QVERIFY(!isValidId(u"-abc"_s));
        QVERIFY(!isValidId(u"a/b"_s));
        QVERIFY(!isValidId(u""_s));
        QVERIFY(!isValidId(u"caf\u00e9"_s));
        // A final newline must not slip through ("$" would allow it).
        QVERIFY(!isValidId(u"acme\n"_s));
        QVERIFY(!isValidId(u"acme\nglobex"_s));
    }

    void parseSizeGood_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("plain") << u"65536"_s << qint64(65536);
        QTest::newRow("zero") << u"0"_s << qint64(0);
        QTest::newRow("8M") << u"8M"_s << qint64(8) * 1024 * 1024;
        QTest::newRow("8MiB") << u"8MiB"_s << qint64(8) * 1024 * 1024;
        QTest::newRow("8 mb") << u" 8 mb "_s << qint64(8) * 1024 * 1024;
        QTest::newRow("512k") << u"512k"_s << qint64(512) * 1024;
        QTest::newRow("1G") << u"1G"_s << qint64(1024) * 1024 * 1024;
        QTest::newRow("2TiB") << u"2TiB"_s << qint64(2) * 1024 * 1024 * 1024 * 1024;
        QTest::newRow("100B") << u"100B"_s << qint64(100);
        QTest::newRow("max") << u"9223372036854775807"_s << std::numeric_limits<qint64>::max();
    }

    void parseSizeGood() {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        qint64 out = -1;
        QString error;
        QVERIFY2(parseSize(text, &out, &error), qPrintable(error));
        QCOMPARE(out, bytes);
    }

    void parseSizeBad_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << u""_s << u"empty"_s;
        QTest::newRow("garbage") << u"lots"_s << u"'lots' is not a size"_s;
        QTest::newRow("unit only") << u"M"_s << u"'M' is not a size"_s;
        QTest::newRow("bad unit") << u"8X"_s << u"'8X' is not a size"_s;
        QTest::newRow("fraction") << u"1.5G"_s << u"'1.5G' is not a size"_s;
        QTest::newRow("negative") << u"-5M"_s << u"negative"_s;
        QTest::newRow("overflow digits") << u"99999999999999999999"_s << u"too large"_s;
        QTest::newRow("overflow unit") << u"9000000000G"_s << u"too large"_s;
        QTest::newRow("non-ascii digits") << u"\u0668M"_s << u"is not a size"_s;
    }

    void parseSizeBad() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        qint64 out = 42;
        QString error;
        QVERIFY(!parseSize(text, &out, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(out, qint64(42));
    }

    void formatSizes() {
        QCOMPARE(formatSize(512), u"512 B"_s);
        QCOMPARE(formatSize(8 * 1024 * 1024), u"8.0 MiB"_s);
        QCOMPARE(formatSize(1536), u"1.5 KiB"_s);
        QCOMPARE(formatSize(qint64(3) * 1024 * 1024 * 1024), u"3.0 GiB"_s);
    }

    void dataKindsText() {
        QCOMPARE(dataKindsToString(DataKind::Audio | DataKind::Users), u"audio,users"_s);
        DataKinds kinds;
        QString error;
        QVERIFY(dataKindsFromString(u"users, Audio"_s, &kinds, &error));
        QCOMPARE(kinds, DataKind::Audio | DataKind::Users);
        QVERIFY(!dataKindsFromString(u"audio,video"_s, &kinds, &error));
        QVERIFY2(error.contains(u"'video'"_s), qPrintable(error));
    }

    void modeText() {
        ReplicationMode mode = ReplicationMode::Incremental;
        QString error;
        QVERIFY(modeFromString(modeToString(ReplicationMode::Full), &mode, &error));
        QCOMPARE(mode, ReplicationMode::Full);
        QVERIFY(!modeFromString(u"sideways"_s, &mode, &error));
        QVERIFY2(error.contains(u"'sideways'"_s), qPrintable(error));
    }

    void jsonRoundTrip() {
        const Job job = unusualJob();
        QCOMPARE(validateJob(job), QStringList());
        // Through text, as an export file would go.
        const QByteArray text = QJsonDocument(jobToJson(job)).toJson();
        Job back;
        QString error;
        QVERIFY2(jobFromJson(QJsonDocument::fromJson(text).object(), &back, &error),
                 qPrintable(error));
        QCOMPARE(back.name, job.name);
        QCOMPARE(back.tenants, job.tenants);
        QCOMPARE(back.targetUrl, job.targetUrl);
        QCOMPARE(back.chunkSize, job.chunkSize);
        QCOMPARE(back.data, job.data);
        QCOMPARE(back.filter, job.filter);
        QCOMPARE(back.unassignCategories, job.unassignCategories);
        QVERIFY(back == job); // every other field
        QVERIFY(back != validJob());
    }

    void jsonNeverHoldsToken() {
        const QJsonObject json = jobToJson(unusualJob());
        QVERIFY(!json.contains(u"token"_s));
        QCOMPARE(json.value(u"tokenRef"_s).toString(), u"replicall/job/nightly"_s);
    }

    void jsonMissingFieldsKeepDefaults() {
        Job job;
        QString error;
        QVERIFY2(jobFromJson(QJsonObject{{u"name"_s, u"x"_s}}, &job, &error), qPrintable(error));
        QCOMPARE(job.name, u"x"_s);
        QCOMPARE(job.parallel, 4);
        QCOMPARE(job.chunkSize, qint64(8) * 1024 * 1024);
        QCOMPARE(job.data, DataKind::Audio | DataKind::Metadata | DataKind::Users);
        QCOMPARE(job.schedule, u"manual"_s);
    }

    void jsonSizeAsText() {
        Job job;
        QString error;
        QVERIFY(jobFromJson(QJsonObject{{u"chunkSize"_s, u"16M"_s}, {u"bandwidth"_s, u"1M"_s}},
                            &job, &error));
        QCOMPARE(job.chunkSize, qint64(16) * 1024 * 1024);
        QCOMPARE(job.bandwidth, qint64(1024) * 1024);
    }

    void badJson_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parallel text")
            << uR"({"parallel": "four"})"_s << u"field 'parallel' must be a whole number"_s;
        QTest::newRow("parallel fraction")
            << uR"({"parallel": 2.5})"_s << u"field 'parallel' must be a whole number"_s;
        QTest::newRow("parallel huge") << uR"({"parallel": 1e12})"_s << u"field 'parallel'"_s;
        QTest::newRow("name number") << uR"({"name": 5})"_s << u"field 'name' must be a string"_s;
        QTest::newRow("enabled text")
            << uR"({"enabled": "yes"})"_s << u"field 'enabled' must be true or false"_s;
        QTest::newRow("tenants string")
            << uR"({"tenants": "acme"})"_s << u"field 'tenants' must be an array of strings"_s;
        QTest::newRow("tenants mixed")
            << uR"({"tenants": ["acme", 1]})"_s << u"field 'tenants' must be an array of strings"_s;
        QTest::newRow("filter array")
            << uR"({"filter": []})"_s << u"field 'filter' must be an object"_s;
        QTest::newRow("mode unknown") << uR"({"mode": "sideways"})"_s
                                      << u"field 'mode': unknown replication mode 'sideways'"_s;
        QTest::newRow("data unknown")
            << uR"({"data": ["audio", "video"]})"_s << u"field 'data': unknown data kind 'video'"_s;
        QTest::newRow("chunk garbage")
            << uR"({"chunkSize": "big"})"_s << u"field 'chunkSize': 'big' is not a size"_s;
        QTest::newRow("bad url") << uR"({"targetUrl": "http://exa mple.com"})"_s
                                 << u"field 'targetUrl'"_s;
        QTest::newRow("unknown key") << uR"({"paralel": 4})"_s << u"unknown field 'paralel'"_s;
        QTest::newRow("token") << uR"({"token": "rpl_secret"})"_s
                               << u"field 'token' is not accepted"_s;
    }

    void badJson() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
        QVERIFY(!object.isEmpty());
        Job job = validJob();
        QString error;
        QVERIFY(!jobFromJson(object, &job, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QCOMPARE(job, validJob()); // untouched on failure
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
