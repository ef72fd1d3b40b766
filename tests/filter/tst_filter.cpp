// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-made examples for every field and operator (checked in memory and as
// SQL over a real SQLite catalog), validation messages, JSON round trip,
// describe() and the preview helper.
#include "TestCatalog.h"
#include "filter/Filter.h"
#include "filter/FilterFields.h"
#include "filter/FilterPreview.h"
#include "filter/FilterText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

QJsonObject parseJson(const QString &text) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test data: %s", qPrintable(text));
    return doc.object();
}

// A one-condition filter.
QString one(const QString &field, const QString &op, const QString &valueJson = QString()) {
    QString condition = u"{\"field\":\""_s + field + u"\",\"operator\":\""_s + op + u'"';
    if (!valueJson.isEmpty())
        condition += u",\"value\":"_s + valueJson;
    return u"{\"conditions\":["_s + condition + u"}]}"_s;
}

Recording makeRecording(const QString &id, const QString &tenant, const QString &start,
                        qint64 durationMs, const QString &direction, const QStringList &parties,
                        const QStringList &users, const QStringList &groups,
                        const QStringList &categories, qint64 audioSize) {
    Recording r;
    r.id = id;
    r.tenant = tenant;
    r.start = QDateTime::fromString(start, Qt::ISODateWithMs);
    r.durationMs = durationMs;
    r.direction = direction;
    r.callerNumber = parties.at(0);
    r.callerName = parties.at(1);
    r.calleeNumber = parties.at(2);
    r.calleeName = parties.at(3);
    r.users = users;
    r.groups = groups;
    r.categories = categories;
    r.sidecarPath = u"/archive/"_s + id + u".json"_s;
    r.audioPath = audioSize ? u"/archive/"_s + id + u".wav"_s : QString();
    r.audioSize = audioSize;
    return r;
}

const QDateTime Now = QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);

} // namespace

class FilterTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fieldsAndOperators_data();
    void fieldsAndOperators();
    void validation_data();
    void validation();
    void limits();
    void everyOperatorOfEveryFieldParses();
    void roundTrip_data();
    void roundTrip();
    void describe_data();
    void describe();
    void valuesAreBoundNotWritten();
    void glob_data();
    void glob();
    void preview();
    void previewReportsSqlErrors();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestCatalog> m_catalog;
    QList<Recording> m_recordings;
};

void FilterTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_recordings = {
        makeRecording(u"c-1"_s, u"acme"_s, u"2026-11-20T08:15:00Z"_s, 184000, u"inbound"_s,
                      {u"+4930123456"_s, u"Max Mustermann"_s, u"201"_s, u"Alice Smith"_s},
                      {u"u-001"_s}, {u"g-sales"_s}, {u"complaint"_s}, 1000000),
        makeRecording(u"c-2"_s, u"globex"_s, u"2026-11-19T23:59:59Z"_s, 30000, u"outbound"_s,
                      {u"202"_s, u"Bob Jones"_s, u"+4940111"_s, u"Ärger GmbH"_s},
                      {u"u-002"_s, u"u-003"_s}, {u"g-support"_s}, {}, 0),
        makeRecording(u"c-3"_s, u"acme"_s, u"2026-11-20T00:00:00Z"_s, 29999, u"internal"_s,
                      {u"203"_s, QString(), u"204"_s, u"carol [test]"_s}, {}, {},
                      {u"vip"_s, u"complaint"_s}, 5000),
        makeRecording(u"x-4"_s, u"initech"_s, u"2026-11-25T11:00:00.750Z"_s, 0, u"inbound"_s,
                      {QString(), QString(), u"201"_s, u"ALICE SMITH"_s}, {u"u-001"_s},
                      {u"g-sales"_s, u"g-support"_s}, {u"spam"_s}, 1048576),
    };
    m_catalog = std::make_unique<TestCatalog>(m_dir.filePath(u"catalog.db"_s));
    QVERIFY2(m_catalog->isOpen(), qPrintable(m_catalog->error()));
    for (const Recording &r : std::as_const(m_recordings))
        QVERIFY2(m_catalog->insert(1, r), qPrintable(m_catalog->error()));
}

void FilterTest::cleanupTestCase() {
    m_catalog.reset();
}

void FilterTest::fieldsAndOperators_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected"); // ids, comma separated, sorted

    const auto row = [](const char *name, const QString &json, const QString &expected) {
        QTest::newRow(name) << json << expected;
    };
    row("tenant equals", one(u"tenant"_s, u"equals"_s, u"\"acme\""_s), u"c-1,c-3"_s);
    row("tenant equals is exact", one(u"tenant"_s, u"equals"_s, u"\"ACME\""_s), QString());
    row("tenant notEquals", one(u"tenant"_s, u"notEquals"_s, u"\"acme\""_s), u"c-2,x-4"_s);
    row("tenant oneOf", one(u"tenant"_s, u"oneOf"_s, u"[\"acme\",\"initech\"]"_s),
        u"c-1,c-3,x-4"_s);
    row("tenant notOneOf", one(u"tenant"_s, u"notOneOf"_s, u"[\"acme\"]"_s), u"c-2,x-4"_s);
    row("tenant contains", one(u"tenant"_s, u"contains"_s, u"\"ob\""_s), u"c-2"_s);
    row("tenant startsWith", one(u"tenant"_s, u"startsWith"_s, u"\"ac\""_s), u"c-1,c-3"_s);
    row("tenant matches", one(u"tenant"_s, u"matches"_s, u"\"*e?h\""_s), u"x-4"_s);
    row("id matches ?", one(u"id"_s, u"matches"_s, u"\"c-?\""_s), u"c-1,c-2,c-3"_s);
    row("id isEmpty", one(u"id"_s, u"isEmpty"_s), QString());
    row("callerName isEmpty", one(u"callerName"_s, u"isEmpty"_s), u"c-3,x-4"_s);
    row("callerNumber isNotEmpty", one(u"callerNumber"_s, u"isNotEmpty"_s), u"c-1,c-2,c-3"_s);
    row("callerNumber startsWith +", one(u"callerNumber"_s, u"startsWith"_s, u"\"+49\""_s),
        u"c-1"_s);
    row("callerNumber equals", one(u"callerNumber"_s, u"equals"_s, u"\"202\""_s), u"c-2"_s);
    row("callerName contains ignores case", one(u"callerName"_s, u"contains"_s, u"\"MUSTER\""_s),
        u"c-1"_s);
    row("callerName equals ignores case",
        one(u"callerName"_s, u"equals"_s, u"\"max mustermann\""_s), u"c-1"_s);
    row("calleeName non-ASCII case is exact", one(u"calleeName"_s, u"contains"_s, u"\"ärger\""_s),
        QString());
    row("calleeName non-ASCII", one(u"calleeName"_s, u"contains"_s, u"\"Ärger\""_s), u"c-2"_s);
    row("calleeName matches [ literally", one(u"calleeName"_s, u"matches"_s, u"\"carol [*]\""_s),
        u"c-3"_s);
    row("calleeName contains [ literally", one(u"calleeName"_s, u"contains"_s, u"\"[test]\""_s),
        u"c-3"_s);
    row("calleeName contains * literally", one(u"calleeName"_s, u"contains"_s, u"\"*\""_s),
        QString());
    row("calleeName equals", one(u"calleeName"_s, u"equals"_s, u"\"alice smith\""_s), u"c-1,x-4"_s);
    row("calleeNumber oneOf", one(u"calleeNumber"_s, u"oneOf"_s, u"[\"201\"]"_s), u"c-1,x-4"_s);
    row("calleeNumber notOneOf", one(u"calleeNumber"_s, u"notOneOf"_s, u"[\"201\",\"204\"]"_s),
        u"c-2"_s);
    row("anyParty equals", one(u"anyParty"_s, u"equals"_s, u"\"201\""_s), u"c-1,x-4"_s);
    row("anyParty contains", one(u"anyParty"_s, u"contains"_s, u"\"smith\""_s), u"c-1,x-4"_s);
    row("anyParty startsWith", one(u"anyParty"_s, u"startsWith"_s, u"\"bob\""_s), u"c-2"_s);
    row("anyParty matches", one(u"anyParty"_s, u"matches"_s, u"\"*4*\""_s), u"c-1,c-2,c-3"_s);
    row("anyParty oneOf", one(u"anyParty"_s, u"oneOf"_s, u"[\"bob jones\",\"204\"]"_s),
        u"c-2,c-3"_s);
    row("user has", one(u"user"_s, u"has"_s, u"\"u-001\""_s), u"c-1,x-4"_s);
    row("user has is exact", one(u"user"_s, u"has"_s, u"\"U-001\""_s), QString());
    row("user hasNot", one(u"user"_s, u"hasNot"_s, u"\"u-001\""_s), u"c-2,c-3"_s);
    row("user oneOf", one(u"user"_s, u"oneOf"_s, u"[\"u-003\",\"u-001\"]"_s), u"c-1,c-2,x-4"_s);
    row("user notOneOf", one(u"user"_s, u"notOneOf"_s, u"[\"u-002\"]"_s), u"c-1,c-3,x-4"_s);
    row("user isEmpty", one(u"user"_s, u"isEmpty"_s), u"c-3"_s);
    row("user isNotEmpty", one(u"user"_s, u"isNotEmpty"_s), u"c-1,c-2,x-4"_s);
    row("group has", one(u"group"_s, u"has"_s, u"\"g-support\""_s), u"c-2,x-4"_s);
    row("category has", one(u"category"_s, u"has"_s, u"\"complaint\""_s), u"c-1,c-3"_s);
    row("category hasNot", one(u"category"_s, u"hasNot"_s, u"\"complaint\""_s), u"c-2,x-4"_s);
    row("category isEmpty", one(u"category"_s, u"isEmpty"_s), u"c-2"_s);
    row("direction equals", one(u"direction"_s, u"equals"_s, u"\"inbound\""_s), u"c-1,x-4"_s);
    row("direction notEquals", one(u"direction"_s, u"notEquals"_s, u"\"inbound\""_s), u"c-2,c-3"_s);
    row("direction oneOf", one(u"direction"_s, u"oneOf"_s, u"[\"outbound\",\"internal\"]"_s),
        u"c-2,c-3"_s);
    row("direction notOneOf", one(u"direction"_s, u"notOneOf"_s, u"[\"inbound\"]"_s), u"c-2,c-3"_s);
    row("start before day", one(u"start"_s, u"less"_s, u"\"2026-11-20\""_s), u"c-2"_s);
    row("start after day", one(u"start"_s, u"greater"_s, u"\"2026-11-19\""_s), u"c-1,c-3,x-4"_s);
    row("start between days", one(u"start"_s, u"between"_s, u"[\"2026-11-20\",\"2026-11-20\"]"_s),
        u"c-1,c-3"_s);
    row("start before midnight", one(u"start"_s, u"less"_s, u"\"2026-11-20T00:00:00Z\""_s),
        u"c-2"_s);
    row("start after last second", one(u"start"_s, u"greater"_s, u"\"2026-11-19T23:59:59Z\""_s),
        u"c-1,c-3,x-4"_s);
    row("start between moments",
        one(u"start"_s, u"between"_s, u"[\"2026-11-19T23:59:59Z\",\"2026-11-20T00:00:00Z\"]"_s),
        u"c-2,c-3"_s);
    row("start with offset", one(u"start"_s, u"less"_s, u"\"2026-11-20T01:00:00+01:00\""_s),
        u"c-2"_s);
    row("start milliseconds count as their second",
        one(u"start"_s, u"between"_s, u"[\"2026-11-25T11:00:00Z\",\"2026-11-25T11:00:00Z\"]"_s),
        u"x-4"_s);
    row("start inLastDays 1", one(u"start"_s, u"inLastDays"_s, u"1"_s), u"x-4"_s);
    row("start inLastDays 6", one(u"start"_s, u"inLastDays"_s, u"6"_s), u"c-1,c-2,c-3,x-4"_s);
    row("start inLastDays 0", one(u"start"_s, u"inLastDays"_s, u"0"_s), QString());
    row("start olderThanDays 5", one(u"start"_s, u"olderThanDays"_s, u"5"_s), u"c-1,c-2,c-3"_s);
    row("start olderThanDays 6", one(u"start"_s, u"olderThanDays"_s, u"6"_s), QString());
    row("duration equals", one(u"duration"_s, u"equals"_s, u"30"_s), u"c-2"_s);
    row("duration notEquals", one(u"duration"_s, u"notEquals"_s, u"30"_s), u"c-1,c-3,x-4"_s);
    row("duration less", one(u"duration"_s, u"less"_s, u"30"_s), u"c-3,x-4"_s);
    row("duration greater", one(u"duration"_s, u"greater"_s, u"30"_s), u"c-1"_s);
    row("duration greater 0", one(u"duration"_s, u"greater"_s, u"0"_s), u"c-1,c-2,c-3"_s);
    row("duration between fractions", one(u"duration"_s, u"between"_s, u"[29.999, 30]"_s),
        u"c-2,c-3"_s);
    row("audioSize equals 0", one(u"audioSize"_s, u"equals"_s, u"0"_s), u"c-2"_s);
    row("audioSize greater", one(u"audioSize"_s, u"greater"_s, u"1000000"_s), u"x-4"_s);
    row("audioSize less", one(u"audioSize"_s, u"less"_s, u"5001"_s), u"c-2,c-3"_s);
    row("audioSize between", one(u"audioSize"_s, u"between"_s, u"[5000, 1000000]"_s), u"c-1,c-3"_s);
    row("or group",
        u"{\"op\":\"or\",\"conditions\":[{\"field\":\"tenant\",\"operator\":\"equals\","
        u"\"value\":\"globex\"},{\"field\":\"duration\",\"operator\":\"less\",\"value\":30}]}"_s,
        u"c-2,c-3,x-4"_s);
    row("not group",
        u"{\"not\":true,\"conditions\":[{\"field\":\"tenant\",\"operator\":\"equals\","
        u"\"value\":\"acme\"}]}"_s,
        u"c-2,x-4"_s);
    row("nested groups",
        u"{\"op\":\"and\",\"conditions\":[{\"op\":\"or\",\"conditions\":["
        u"{\"field\":\"user\",\"operator\":\"has\",\"value\":\"u-001\"},"
        u"{\"field\":\"category\",\"operator\":\"has\",\"value\":\"vip\"}]},"
        u"{\"op\":\"or\",\"not\":true,\"conditions\":["
        u"{\"field\":\"direction\",\"operator\":\"equals\",\"value\":\"internal\"}]}]}"_s,
        u"c-1,x-4"_s);
    row("empty filter", u"{}"_s, u"c-1,c-2,c-3,x-4"_s);
    row("empty and group", u"{\"conditions\":[]}"_s, u"c-1,c-2,c-3,x-4"_s);
    row("empty or group", u"{\"op\":\"or\",\"conditions\":[]}"_s, u"c-1,c-2,c-3,x-4"_s);
    row("negated empty group", u"{\"not\":true,\"conditions\":[]}"_s, QString());
    row("nested empty or group",
        u"{\"op\":\"or\",\"conditions\":[{\"op\":\"or\",\"conditions\":[]}]}"_s,
        u"c-1,c-2,c-3,x-4"_s);
}

void FilterTest::fieldsAndOperators() {
    QFETCH(QString, json);
    QFETCH(QString, expected);

    QString error;
    const std::optional<Filter> filter = Filter::fromJson(parseJson(json), &error);
    QVERIFY2(filter, qPrintable(error));
    QVERIFY(error.isEmpty());

    QStringList inMemory;
    for (const Recording &r : std::as_const(m_recordings)) {
        if (filter->matches(r, Now))
            inMemory << r.id;
    }
    inMemory.sort();
    bool ok = false;
    const QStringList bySql = m_catalog->select(*filter, Now, &ok, &error);
    QVERIFY2(ok, qPrintable(error));

    const QStringList want = expected.isEmpty() ? QStringList() : expected.split(u',');
    QCOMPARE(inMemory, want);
    QCOMPARE(bySql, want);
}

void FilterTest::validation_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const QString &json, const QString &message) {
        QTest::newRow(name) << json << message;
    };
    row("unknown field", one(u"colour"_s, u"equals"_s, u"\"red\""_s),
        u"conditions[0].field: unknown field 'colour' (known: id, tenant, user, group, "
        u"category, direction, start, duration, callerNumber, callerName, calleeNumber, "
        u"calleeName, anyParty, audioSize)"_s);
    row("field not a string",
        u"{\"conditions\":[{\"field\":3,\"operator\":\"equals\",\"value\":\"a\"}]}"_s,
        u"conditions[0].field: expected a field name (known: id, tenant, user, group, "
        u"category, direction, start, duration, callerNumber, callerName, calleeNumber, "
        u"calleeName, anyParty, audioSize)"_s);
    row("unknown operator", one(u"tenant"_s, u"like"_s, u"\"a\""_s),
        u"conditions[0].operator: unknown operator 'like'"_s);
    row("missing operator", u"{\"conditions\":[{\"field\":\"tenant\",\"value\":\"a\"}]}"_s,
        u"conditions[0].operator: expected an operator name"_s);
    row("operator does not fit", one(u"direction"_s, u"contains"_s, u"\"in\""_s),
        u"conditions[0].operator: operator 'contains' does not fit field 'direction' "
        u"(use equals, notEquals, oneOf, notOneOf)"_s);
    row("less on text", one(u"tenant"_s, u"less"_s, u"\"a\""_s),
        u"conditions[0].operator: operator 'less' does not fit field 'tenant' (use equals, "
        u"notEquals, oneOf, notOneOf, contains, startsWith, matches, isEmpty, isNotEmpty)"_s);
    row("has on text", one(u"callerName"_s, u"has"_s, u"\"a\""_s),
        u"conditions[0].operator: operator 'has' does not fit field 'callerName' (use equals, "
        u"notEquals, oneOf, notOneOf, contains, startsWith, matches, isEmpty, isNotEmpty)"_s);
    row("contains on list", one(u"category"_s, u"contains"_s, u"\"a\""_s),
        u"conditions[0].operator: operator 'contains' does not fit field 'category' (use has, "
        u"hasNot, oneOf, notOneOf, isEmpty, isNotEmpty)"_s);
    row("inLastDays on duration", one(u"duration"_s, u"inLastDays"_s, u"3"_s),
        u"conditions[0].operator: operator 'inLastDays' does not fit field 'duration' (use "
        u"equals, notEquals, less, greater, between)"_s);
    row("seconds as string", one(u"duration"_s, u"greater"_s, u"\"30\""_s),
        u"conditions[0].value: expected a number of seconds (0 or more)"_s);
    row("negative seconds", one(u"duration"_s, u"less"_s, u"-1"_s),
        u"conditions[0].value: expected a number of seconds (0 or more)"_s);
    row("fractional bytes", one(u"audioSize"_s, u"greater"_s, u"1.5"_s),
        u"conditions[0].value: expected a number of bytes (a whole number, 0 or more)"_s);
    row("negative days", one(u"start"_s, u"inLastDays"_s, u"-1"_s),
        u"conditions[0].value: expected a number of days (a whole number from 0 to 36500)"_s);
    row("fractional days", one(u"start"_s, u"olderThanDays"_s, u"1.5"_s),
        u"conditions[0].value: expected a number of days (a whole number from 0 to 36500)"_s);
    row("days as string", one(u"start"_s, u"inLastDays"_s, u"\"7\""_s),
        u"conditions[0].value: expected a number of days (a whole number from 0 to 36500)"_s);
    row("bad date", one(u"start"_s, u"less"_s, u"\"2026-13-01\""_s),
        u"conditions[0].value: expected a day (2026-11-20) or a UTC time "
        u"(2026-11-20T08:15:00Z)"_s);
    row("time without zone", one(u"start"_s, u"less"_s, u"\"2026-11-20T08:00:00\""_s),
        u"conditions[0].value: expected a day (2026-11-20) or a UTC time "
        u"(2026-11-20T08:15:00Z)"_s);
    row("date before 1970", one(u"start"_s, u"greater"_s, u"\"1969-12-31\""_s),
        u"conditions[0].value: expected a day (2026-11-20) or a UTC time "
        u"(2026-11-20T08:15:00Z)"_s);
    row("bad date in between", one(u"start"_s, u"between"_s, u"[\"2026-11-01\",\"tomorrow\"]"_s),
        u"conditions[0].value[1]: expected a day (2026-11-20) or a UTC time "
        u"(2026-11-20T08:15:00Z)"_s);
    row("time range reversed", one(u"start"_s, u"between"_s, u"[\"2026-11-02\",\"2026-11-01\"]"_s),
        u"conditions[0].value: from is after to"_s);
    row("number range reversed", one(u"duration"_s, u"between"_s, u"[60, 30]"_s),
        u"conditions[0].value: from is greater than to"_s);
    row("between needs two", one(u"audioSize"_s, u"between"_s, u"[1]"_s),
        u"conditions[0].value: expected [from, to], two numbers of bytes"_s);
    row("oneOf empty", one(u"tenant"_s, u"oneOf"_s, u"[]"_s),
        u"conditions[0].value: expected an array of 1 to 500 strings"_s);
    row("oneOf not array", one(u"tenant"_s, u"oneOf"_s, u"\"acme\""_s),
        u"conditions[0].value: expected an array of 1 to 500 strings"_s);
    row("unpaired surrogate", one(u"callerName"_s, u"startsWith"_s, u"\"\\ud83c\""_s),
        u"conditions[0].value: the text holds an unpaired UTF-16 surrogate"_s);
    row("oneOf item not string", one(u"user"_s, u"oneOf"_s, u"[\"u-1\", 3]"_s),
        u"conditions[0].value[1]: expected a string"_s);
    row("equals without value", one(u"tenant"_s, u"equals"_s),
        u"conditions[0].value: expected a string"_s);
    row("unknown direction", one(u"direction"_s, u"equals"_s, u"\"sideways\""_s),
        u"conditions[0].value: 'sideways' is not a direction (expected one of inbound, "
        u"outbound, internal)"_s);
    row("isEmpty with value", one(u"user"_s, u"isEmpty"_s, u"\"x\""_s),
        u"conditions[0].value: operator 'isEmpty' takes no value"_s);
    row("bad op", u"{\"op\":\"xor\",\"conditions\":[]}"_s, u"op: expected \"and\" or \"or\""_s);
    row("bad not", u"{\"not\":\"yes\",\"conditions\":[]}"_s, u"not: expected true or false"_s);
    row("conditions not array", u"{\"op\":\"and\",\"conditions\":{}}"_s,
        u"conditions: expected an array of conditions and groups"_s);
    row("missing conditions", u"{\"op\":\"and\"}"_s,
        u"conditions: expected an array of conditions and groups"_s);
    row("item not object", u"{\"conditions\":[42]}"_s,
        u"conditions[0]: expected an object (a condition or a group)"_s);
    row("item neither", u"{\"conditions\":[{\"operator\":\"equals\"}]}"_s,
        u"conditions[0]: expected a condition (with \"field\") or a group "
        u"(with \"conditions\")"_s);
    row("unknown key in condition",
        u"{\"conditions\":[{\"field\":\"tenant\",\"operator\":\"equals\",\"valeu\":\"a\"}]}"_s,
        u"conditions[0]: unknown key 'valeu' (expected field, operator, value)"_s);
    row("unknown key in group", u"{\"conditions\":[],\"negate\":true}"_s,
        u"filter: unknown key 'negate' (expected op, not, conditions)"_s);
    row("path into nested group",
        u"{\"conditions\":[{\"field\":\"tenant\",\"operator\":\"equals\",\"value\":\"a\"},"
        u"{\"op\":\"or\",\"conditions\":[{\"field\":\"user\",\"operator\":\"has\",\"value\":\"u\"},"
        u"{\"field\":\"start\",\"operator\":\"inLastDays\",\"value\":\"week\"}]}]}"_s,
        u"conditions[1].conditions[1].value: expected a number of days (a whole number from 0 "
        u"to 36500)"_s);
}

void FilterTest::validation() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!Filter::fromJson(parseJson(json), &error));
    QCOMPARE(error, message);
}

void FilterTest::limits() {
    // Groups nested exactly MaxDepth deep are fine; one more is refused.
    const auto nested = [](int depth) {
        QJsonObject group{{u"conditions"_s, QJsonArray{QJsonObject{{u"field"_s, u"tenant"_s},
                                                                   {u"operator"_s, u"equals"_s},
                                                                   {u"value"_s, u"acme"_s}}}}};
        for (int i = 1; i < depth; ++i)
            group = QJsonObject{{u"conditions"_s, QJsonArray{group}}};
        return group;
    };
    QString error;
    QVERIFY2(Filter::fromJson(nested(Filter::MaxDepth), &error), qPrintable(error));
    QVERIFY(!Filter::fromJson(nested(Filter::MaxDepth + 1), &error));
    QCOMPARE(error, u"conditions[0].conditions[0].conditions[0].conditions[0].conditions[0]."
                    u"conditions[0].conditions[0].conditions[0]: groups are nested deeper than "
                    u"8 levels"_s);

    const auto many = [](int count) {
        QJsonArray conditions;
        for (int i = 0; i < count; ++i) {
            conditions.append(QJsonObject{
                {u"field"_s, u"duration"_s}, {u"operator"_s, u"greater"_s}, {u"value"_s, i}});
        }
        return QJsonObject{{u"conditions"_s, conditions}};
    };
    QVERIFY2(Filter::fromJson(many(Filter::MaxConditions), &error), qPrintable(error));
    QVERIFY(!Filter::fromJson(many(Filter::MaxConditions + 1), &error));
    QCOMPARE(error, u"filter: more than 200 conditions"_s);

    QJsonArray values;
    for (int i = 0; i <= Filter::MaxListValues; ++i)
        values.append(QString::number(i));
    QVERIFY(!Filter::fromJson(
        parseJson(one(u"tenant"_s, u"oneOf"_s, QString::fromUtf8(QJsonDocument(values).toJson()))),
        &error));
    QCOMPARE(error, u"conditions[0].value: expected an array of 1 to 500 strings"_s);
}

void FilterTest::everyOperatorOfEveryFieldParses() {
    // Guards the field table: each listed operator has a value reader, an
    // SQL form that SQLite accepts, and a description.
    for (const FilterFieldInfo &field : filterFields()) {
        for (FilterOperator op : field.operators) {
            QJsonValue value;
            const bool pair = op == FilterOperator::Between;
            const bool many = op == FilterOperator::OneOf || op == FilterOperator::NotOneOf;
            if (op == FilterOperator::IsEmpty || op == FilterOperator::IsNotEmpty)
                value = QJsonValue::Undefined;
            else if (op == FilterOperator::InLastDays || op == FilterOperator::OlderThanDays)
                value = 3;
            else if (field.type == FilterFieldType::Time)
                value = pair ? QJsonValue(QJsonArray{u"2026-11-01"_s, u"2026-11-02"_s})
                             : QJsonValue(u"2026-11-01"_s);
            else if (field.type == FilterFieldType::Number)
                value = pair ? QJsonValue(QJsonArray{1, 2}) : QJsonValue(1);
            else
                value = many ? QJsonValue(QJsonArray{u"inbound"_s}) : QJsonValue(u"inbound"_s);
            QJsonObject condition{{u"field"_s, field.name},
                                  {u"operator"_s, filterOperatorName(op)}};
            if (!value.isUndefined())
                condition.insert(u"value"_s, value);
            const QString name = field.name + u' ' + filterOperatorName(op);
            QString error;
            const auto filter =
                Filter::fromJson(QJsonObject{{u"conditions"_s, QJsonArray{condition}}}, &error);
            QVERIFY2(filter, qPrintable(name + u": "_s + error));
            bool ok = false;
            m_catalog->select(*filter, Now, &ok, &error);
            QVERIFY2(ok, qPrintable(name + u": "_s + error));
            QVERIFY2(filter->describe().startsWith(field.label + u' '), qPrintable(name));
        }
    }
}

void FilterTest::roundTrip_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("normalised");

    QTest::newRow("empty") << u"{}"_s << u"{}"_s;
    QTest::newRow("empty group is the empty filter") << u"{\"conditions\":[]}"_s << u"{}"_s;
    QTest::newRow("default op is written")
        << one(u"tenant"_s, u"equals"_s, u"\"acme\""_s)
        << u"{\"conditions\":[{\"field\":\"tenant\",\"operator\":\"equals\",\"value\":\"acme\"}],"
           u"\"op\":\"and\"}"_s;
    QTest::newRow("tree")
        << u"{\"op\":\"or\",\"not\":true,\"conditions\":[{\"field\":\"user\",\"operator\":"
           u"\"isEmpty\"},{\"op\":\"and\",\"conditions\":[{\"field\":\"duration\",\"operator\":"
           u"\"between\",\"value\":[1.5,30]},{\"field\":\"start\",\"operator\":\"between\","
           u"\"value\":[\"2026-11-01\",\"2026-11-20T08:15:00Z\"]}]}]}"_s
        << u"{\"conditions\":[{\"field\":\"user\",\"operator\":\"isEmpty\"},{\"conditions\":["
           u"{\"field\":\"duration\",\"operator\":\"between\",\"value\":[1.5,30]},{\"field\":"
           u"\"start\",\"operator\":\"between\",\"value\":[\"2026-11-01\","
           u"\"2026-11-20T08:15:00Z\"]}],\"op\":\"and\"}],\"not\":true,\"op\":\"or\"}"_s;
}

void FilterTest::roundTrip() {
    QFETCH(QString, json);
    QFETCH(QString, normalised);
    QString error;
    const auto first = Filter::fromJson(parseJson(json), &error);
    QVERIFY2(first, qPrintable(error));
    const QJsonObject written = first->toJson();
    QCOMPARE(QString::fromUtf8(QJsonDocument(written).toJson(QJsonDocument::Compact)), normalised);

    const auto second = Filter::fromJson(written, &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(second->toJson(), written);
    QCOMPARE(second->describe(), first->describe());
    const SqlFragment a = first->toSql(Now), b = second->toSql(Now);
    QCOMPARE(b.where, a.where);
    QCOMPARE(b.values, a.values);
}

void FilterTest::describe_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << u"{}"_s << u"all recordings"_s;
    QTest::newRow("spec example")
        << u"{\"conditions\":[{\"field\":\"tenant\",\"operator\":\"oneOf\",\"value\":[\"acme\","
           u"\"globex\"]},{\"field\":\"duration\",\"operator\":\"greater\",\"value\":30}]}"_s
        << u"tenant is one of acme, globex AND duration greater than 30 s"_s;
    QTest::newRow("nested")
        << u"{\"op\":\"or\",\"conditions\":[{\"field\":\"category\",\"operator\":\"hasNot\","
           u"\"value\":\"spam\"},{\"not\":true,\"conditions\":[{\"field\":\"start\",\"operator\":"
           u"\"inLastDays\",\"value\":7}]},{\"conditions\":[{\"field\":\"anyParty\",\"operator\":"
           u"\"contains\",\"value\":\"smith\"},{\"field\":\"audioSize\",\"operator\":\"between\","
           u"\"value\":[0,1048576]}]}]}"_s
        << u"category does not have spam OR NOT (start in the last 7 days) OR (any party contains "
           u"\"smith\" AND audio size between 0 bytes and 1.00 MiB)"_s;
    QTest::newRow("times and lists")
        << u"{\"conditions\":[{\"field\":\"start\",\"operator\":\"between\",\"value\":["
           u"\"2026-11-01\",\"2026-11-30\"]},{\"field\":\"user\",\"operator\":\"notOneOf\","
           u"\"value\":[\"u-1\",\"u-2\"]},{\"field\":\"callerName\",\"operator\":\"isEmpty\"},"
           u"{\"field\":\"start\",\"operator\":\"olderThanDays\",\"value\":90}]}"_s
        << u"start between 2026-11-01 and 2026-11-30 AND user has none of u-1, u-2 AND caller "
           u"name is empty AND start older than 90 days"_s;
}

void FilterTest::describe() {
    QFETCH(QString, json);
    QFETCH(QString, text);
    QString error;
    const auto filter = Filter::fromJson(parseJson(json), &error);
    QVERIFY2(filter, qPrintable(error));
    QCOMPARE(filter->describe(), text);
}

void FilterTest::valuesAreBoundNotWritten() {
    const QString hostile = u"x' OR 1=1 --"_s;
    QString error;
    const auto filter = Filter::fromJson(
        QJsonObject{{u"conditions"_s, QJsonArray{QJsonObject{{u"field"_s, u"tenant"_s},
                                                             {u"operator"_s, u"equals"_s},
                                                             {u"value"_s, hostile}}}}},
        &error);
    QVERIFY2(filter, qPrintable(error));
    const SqlFragment sql = filter->toSql(Now);
    QVERIFY(!sql.where.contains(u"OR 1=1"_s));
    QCOMPARE(sql.values, QVariantList{hostile});
    bool ok = false;
    QCOMPARE(m_catalog->select(*filter, Now, &ok), QStringList());
    QVERIFY(ok);
}

void FilterTest::glob_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("match");

    QTest::newRow("empty both") << u""_s << u""_s << true;
    QTest::newRow("star on empty") << u"*"_s << u""_s << true;
    QTest::newRow("question needs one") << u"?"_s << u""_s << false;
    QTest::newRow("literal") << u"abc"_s << u"abc"_s << true;
    QTest::newRow("case") << u"abc"_s << u"ABC"_s << false;
    QTest::newRow("star middle") << u"a*c"_s << u"abbbc"_s << true;
    QTest::newRow("star backtrack") << u"*ab*ab"_s << u"xabyabab"_s << true;
    QTest::newRow("star fails") << u"a*d"_s << u"abc"_s << false;
    QTest::newRow("bracket literal") << u"[a]"_s << u"[a]"_s << true;
    QTest::newRow("bracket not a class") << u"[a]"_s << u"a"_s << false;
    QTest::newRow("question is one code point") << u"a?b"_s << u"a\U0001F3A7b"_s << true;
    QTest::newRow("question umlaut") << u"?rger"_s << u"Ärger"_s << true;
}

void FilterTest::glob() {
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, match);
    QCOMPARE(FilterText::globMatch(pattern, text), match);

    // The same answer from SQLite, through the escaping toSql() uses.
    QSqlQuery query(m_catalog->database());
    QVERIFY(query.prepare(u"SELECT ? GLOB ?"_s));
    query.addBindValue(text);
    query.addBindValue(FilterText::sqlGlobFromPattern(pattern));
    QVERIFY(query.exec() && query.next());
    QCOMPARE(query.value(0).toInt() == 1, match);
}

void FilterTest::preview() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TestCatalog catalog(dir.filePath(u"preview.db"_s));
    QVERIFY2(catalog.isOpen(), qPrintable(catalog.error()));
    for (const Recording &r : std::as_const(m_recordings)) {
        QVERIFY2(catalog.insert(1, r), qPrintable(catalog.error()));
        // The same calls in another source must not be counted.
        QVERIFY2(catalog.insert(2, r), qPrintable(catalog.error()));
    }
    QString error;
    const auto inbound =
        Filter::fromJson(parseJson(one(u"direction"_s, u"equals"_s, u"\"inbound\""_s)), &error);
    QVERIFY2(inbound, qPrintable(error));

    FilterPreviewResult all = FilterPreview::count(catalog.database(), 1, {}, Filter(), Now, 10);
    QVERIFY2(all.ok(), qPrintable(all.error));
    QCOMPARE(all.count, 4);
    QCOMPARE(all.bytes, 1000000 + 0 + 5000 + 1048576);
    QCOMPARE(all.sample.size(), 4);
    QCOMPARE(all.sample.at(0).id, u"x-4"_s); // newest first
    QCOMPARE(all.sample.at(0).tenant, u"initech"_s);
    QCOMPARE(all.sample.at(0).start,
             QDateTime::fromString(u"2026-11-25T11:00:00.750Z"_s, Qt::ISODateWithMs));
    QCOMPARE(all.sample.at(3).id, u"c-2"_s);

    FilterPreviewResult some =
        FilterPreview::count(catalog.database(), 1, {u"acme"_s, u"initech"_s}, *inbound, Now, 1);
    QVERIFY2(some.ok(), qPrintable(some.error));
    QCOMPARE(some.count, 2);
    QCOMPARE(some.bytes, 1000000 + 1048576);
    QCOMPARE(some.sample.size(), 1);
    QCOMPARE(some.sample.at(0).id, u"x-4"_s);

    // As the filter builder uses it: in a worker thread, on a connection
    // opened in that thread.
    FilterPreviewResult fromThread;
    std::thread worker([&] {
        const QString name = u"filter-test-preview-thread"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(dir.filePath(u"preview.db"_s));
            if (db.open())
                fromThread = FilterPreview::count(db, 2, {}, *inbound, Now, 0);
            else
                fromThread.error = db.lastError().text();
        }
        QSqlDatabase::removeDatabase(name);
    });
    worker.join();
    QVERIFY2(fromThread.ok(), qPrintable(fromThread.error));
    QCOMPARE(fromThread.count, 2);
    QCOMPARE(fromThread.bytes, 1000000 + 1048576);
    QVERIFY(fromThread.sample.isEmpty());

    FilterPreviewResult none = FilterPreview::count(catalog.database(), 3, {}, Filter(), Now, 5);
    QVERIFY2(none.ok(), qPrintable(none.error));
    QCOMPARE(none.count, 0);
    QCOMPARE(none.bytes, 0);
    QVERIFY(none.sample.isEmpty());
}

void FilterTest::previewReportsSqlErrors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString connection = u"filter-test-no-table"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(dir.filePath(u"empty.db"_s));
        QVERIFY(db.open());
        const FilterPreviewResult result = FilterPreview::count(db, 1, {}, Filter(), Now, 5);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.startsWith(u"Cannot prepare the filter preview: "_s),
                 qPrintable(result.error));
        QVERIFY2(result.error.contains(u"recordings"_s), qPrintable(result.error));
        db.close();
        const FilterPreviewResult closed = FilterPreview::count(db, 1, {}, Filter(), Now, 5);
        QCOMPARE(closed.error,
                 u"Cannot run the filter preview: the catalog database is not open"_s);
    }
    QSqlDatabase::removeDatabase(connection);
}

QTEST_GUILESS_MAIN(FilterTest)
#include "tst_filter.moc"
