// SPDX-License-Identifier: GPL-3.0-or-later
// Sidecar parsing, users configuration, file stability and the demo archive:
// the parts of the source that work on files alone.
#include "model/FileStat.h"
#include "source/DemoArchiveWriter.h"
#include "source/FileStability.h"
#include "source/Sidecar.h"
#include "source/UsersConfig.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

QJsonObject goodSidecar() {
    return QJsonDocument::fromJson(R"({
        "id": "c-20261120-000123", "tenant": "acme", "start": "2026-11-20T08:15:00Z",
        "durationMs": 184000, "direction": "inbound",
        "caller": {"number": "+4930123456", "name": "Max Mustermann"},
        "callee": {"number": "201", "name": "Alice Smith"},
        "users": ["u-001"], "groups": ["g-sales"], "categories": ["complaint"],
        "audio": "c-20261120-000123.wav",
        "extra": {"queue": "support", "agentDisposition": "resolved"}})")
        .object();
}

QByteArray compact(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool writeFile(const QString &path, const QByteArray &data) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// Every sidecar below an archive (users.json lies at the top, not in a folder).
QStringList sidecarsIn(const QString &archive) {
    QStringList paths;
    QDirIterator it(archive, {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path != archive + u"/users.json"_s)
            paths.append(path);
    }
    return paths;
}

struct WavInfo {
    quint16 format = 0, channels = 0, bits = 0;
    quint32 rate = 0, dataSize = 0;
};

// A small RIFF reader, independent of the writer, so the test sees the file
// as a player would.
std::optional<WavInfo> readWav(const QString &path, QString *why) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE") {
        *why = u"no RIFF/WAVE signature"_s;
        return std::nullopt;
    }
    if (qFromLittleEndian<quint32>(bytes.constData() + 4) != quint32(bytes.size() - 8)) {
        *why = u"RIFF size does not match the file size"_s;
        return std::nullopt;
    }
    WavInfo info;
    bool haveFormat = false;
    qsizetype at = 12;
    while (at + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(at, 4);
        const quint32 size = qFromLittleEndian<quint32>(bytes.constData() + at + 4);
        const char *body = bytes.constData() + at + 8;
        if (id == "fmt ") {
            info.format = qFromLittleEndian<quint16>(body);
            info.channels = qFromLittleEndian<quint16>(body + 2);
            info.rate = qFromLittleEndian<quint32>(body + 4);
            const quint32 byteRate = qFromLittleEndian<quint32>(body + 8);
            const quint16 blockAlign = qFromLittleEndian<quint16>(body + 12);
            info.bits = qFromLittleEndian<quint16>(body + 14);
            if (byteRate != info.rate * info.channels * info.bits / 8 ||
                blockAlign != info.channels * info.bits / 8) {
                *why = u"inconsistent byte rate or block align"_s;
                return std::nullopt;
            }
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat || at + 8 + qsizetype(size) != bytes.size()) {
                *why = u"data chunk before fmt or not ending the file"_s;
                return std::nullopt;
            }
            info.dataSize = size;
            return info;
        }
        at += 8 + size + (size & 1);
    }
    *why = u"no data chunk"_s;
    return std::nullopt;
}

} // namespace

class TestSource : public QObject {
    Q_OBJECT

private slots:
    void parsesGoodSidecar() {
        QString error;
        const auto r = Sidecar::parse(compact(goodSidecar()), u"/archive/acme/c-1.json"_s, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->id, u"c-20261120-000123"_s);
        QCOMPARE(r->tenant, u"acme"_s);
        QCOMPARE(r->start, QDateTime(QDate(2026, 11, 20), QTime(8, 15), Qt::UTC));
        QCOMPARE(r->day(), u"2026-11-20"_s);
        QCOMPARE(r->durationMs, 184000);
        QCOMPARE(r->direction, u"inbound"_s);
        QCOMPARE(r->callerNumber, u"+4930123456"_s);
        QCOMPARE(r->callerName, u"Max Mustermann"_s);
        QCOMPARE(r->calleeNumber, u"201"_s);
        QCOMPARE(r->users, QStringList{u"u-001"_s});
        QCOMPARE(r->groups, QStringList{u"g-sales"_s});
        QCOMPARE(r->categories, QStringList{u"complaint"_s});
        QCOMPARE(r->sidecarPath, u"/archive/acme/c-1.json"_s);
        QCOMPARE(r->audioPath, u"/archive/acme/c-20261120-000123.wav"_s);
        QCOMPARE(r->metadata, goodSidecar());
        // The digest of the compact, key-sorted serialisation, as the target computes it.
        QCOMPARE(
            r->metadataSha256,
            QCryptographicHash::hash(compact(goodSidecar()), QCryptographicHash::Sha256).toHex());
    }

    void optionalFieldsMayBeAbsent() {
        QJsonObject object = goodSidecar();
        for (const char *key : {"users", "groups", "categories", "audio", "extra"})
            object.remove(QString::fromLatin1(key));
        object.insert(u"recorderSpecific"_s, 42); // unknown fields are kept, not refused
        QString error;
        const auto r = Sidecar::parse(compact(object), u"c-1.json"_s, &error);
        QVERIFY2(r, qPrintable(error));
        QVERIFY(r->users.isEmpty());
        QVERIFY(r->audioPath.isEmpty());
        QCOMPARE(r->metadata.value(u"recorderSpecific"_s).toInt(), 42);
    }

    void startWithOffsetIsConvertedToUtc() {
        QJsonObject object = goodSidecar();
        object.insert(u"start"_s, u"2026-11-20T23:30:00.250-02:00"_s);
        const auto r = Sidecar::parse(compact(object), u"c-1.json"_s, nullptr);
        QVERIFY(r);
        QCOMPARE(r->start, QDateTime(QDate(2026, 11, 21), QTime(1, 30, 0, 250), Qt::UTC));
        QCOMPARE(r->day(), u"2026-11-21"_s);
    }

    void rejectsBadField_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value"); // Undefined = remove the field
        QTest::addColumn<QString>("message");
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("id missing") << u"id"_s << missing << u"c-1.json: field 'id' is missing"_s;
        QTest::newRow("id number")
            << u"id"_s << QJsonValue(12) << u"c-1.json: field 'id' is not a string"_s;
        QTest::newRow("id slash") << u"id"_s << QJsonValue(u"a/b"_s)
                                  << u"c-1.json: field 'id' ('a/b') is not a valid id"_s;
        QTest::newRow("id dot first")
            << u"id"_s << QJsonValue(u".hidden"_s) << u"field 'id' ('.hidden') is not a valid id"_s;
        QTest::newRow("id too long")
            << u"id"_s << QJsonValue(QString(129, u'a')) << u"is not a valid id"_s;
        QTest::newRow("tenant missing")
            << u"tenant"_s << missing << u"c-1.json: field 'tenant' is missing"_s;
        QTest::newRow("tenant bad") << u"tenant"_s << QJsonValue(u"ac me"_s)
                                    << u"field 'tenant' ('ac me') is not a valid id"_s;
        QTest::newRow("start missing")
            << u"start"_s << missing << u"c-1.json: field 'start' is missing"_s;
        QTest::newRow("start garbage")
            << u"start"_s << QJsonValue(u"yesterday"_s)
            << u"c-1.json: field 'start' ('yesterday') is not an ISO-8601 time"_s;
        QTest::newRow("start number")
            << u"start"_s << QJsonValue(1700000000) << u"field 'start' is not a string"_s;
        QTest::newRow("start no zone")
            << u"start"_s << QJsonValue(u"2026-11-20T08:15:00"_s)
            << u"field 'start' ('2026-11-20T08:15:00') has no time zone"_s;
        QTest::newRow("duration missing")
            << u"durationMs"_s << missing << u"field 'durationMs' is missing"_s;
        QTest::newRow("duration negative")
            << u"durationMs"_s << QJsonValue(-1)
            << u"field 'durationMs' is not an integer of 0 or more"_s;
        QTest::newRow("duration fraction")
            << u"durationMs"_s << QJsonValue(1.5) << u"field 'durationMs' is not an integer"_s;
        QTest::newRow("duration string")
            << u"durationMs"_s << QJsonValue(u"100"_s) << u"field 'durationMs' is not an integer"_s;
        QTest::newRow("direction missing")
            << u"direction"_s << missing << u"field 'direction' is missing"_s;
        QTest::newRow("direction bad")
            << u"direction"_s << QJsonValue(u"sideways"_s)
            << u"field 'direction' ('sideways') is not one of inbound, outbound, internal"_s;
        QTest::newRow("caller missing") << u"caller"_s << missing << u"field 'caller' is missing"_s;
        QTest::newRow("caller string") << u"caller"_s << QJsonValue(u"+4930"_s)
                                       << u"field 'caller' is not an object {number, name}"_s;
        QTest::newRow("caller no number")
            << u"caller"_s << QJsonValue(QJsonObject{{u"name"_s, u"X"_s}})
            << u"field 'caller.number' is missing or not a non-empty string"_s;
        QTest::newRow("callee name number")
            << u"callee"_s << QJsonValue(QJsonObject{{u"number"_s, u"1"_s}, {u"name"_s, 5}})
            << u"field 'callee.name' is not a string"_s;
        QTest::newRow("users not array")
            << u"users"_s << QJsonValue(u"u-1"_s) << u"field 'users' is not an array of strings"_s;
        QTest::newRow("groups bad item") << u"groups"_s << QJsonValue(QJsonArray{u"g"_s, 3})
                                         << u"field 'groups[1]' is not a non-empty string"_s;
        QTest::newRow("categories object") << u"categories"_s << QJsonValue(QJsonObject{})
                                           << u"field 'categories' is not an array"_s;
        QTest::newRow("audio number")
            << u"audio"_s << QJsonValue(1) << u"field 'audio' is not a string"_s;
        QTest::newRow("extra array")
            << u"extra"_s << QJsonValue(QJsonArray{}) << u"field 'extra' is not an object"_s;
    }

    void rejectsBadField() {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject object = goodSidecar();
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
        QString error;
        QVERIFY(!Sidecar::parse(compact(object), u"/a/b/c-1.json"_s, &error));
        QVERIFY2(error.startsWith(u"c-1.json: "_s), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void rejectsPathTraversalInAudio_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("parent") << u"../../etc/passwd"_s;
        QTest::newRow("dotdot") << u".."_s;
        QTest::newRow("dot") << u"."_s;
        QTest::newRow("absolute") << u"/etc/passwd"_s;
        QTest::newRow("subfolder") << u"sub/c-1.wav"_s;
        QTest::newRow("backslash") << u"..\\c-1.wav"_s;
        QTest::newRow("empty") << QString();
    }

    void rejectsPathTraversalInAudio() {
        QFETCH(QString, name);
        QJsonObject object = goodSidecar();
        object.insert(u"audio"_s, name);
        QString error;
        QVERIFY(!Sidecar::parse(compact(object), u"c-1.json"_s, &error));
        QVERIFY2(error.contains(u"field 'audio'"_s) &&
                     error.contains(u"is not a plain file name"_s),
                 qPrintable(error));
    }

    void rejectsMalformedJson() {
        QString error;
        QVERIFY(!Sidecar::parse("{\"id\": ", u"c-9.json"_s, &error));
        QVERIFY2(error.startsWith(u"c-9.json: not valid JSON"_s), qPrintable(error));
        QVERIFY(!Sidecar::parse("[1,2]", u"c-9.json"_s, &error));
        QCOMPARE(error, u"c-9.json: the top level is not a JSON object"_s);
    }

    void loadRefusesHugeAndMissingFiles() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        QVERIFY(!Sidecar::load(dir.filePath(u"absent.json"_s), &error));
        QVERIFY2(error.startsWith(u"absent.json: cannot be read"_s), qPrintable(error));
        QVERIFY(writeFile(dir.filePath(u"big.json"_s), QByteArray(Sidecar::MaxSize + 1, ' ')));
        QVERIFY(!Sidecar::load(dir.filePath(u"big.json"_s), &error));
        QVERIFY2(error.contains(u"more than a sidecar may have"_s), qPrintable(error));
    }

    void usersConfigLimitsToTenants() {
        const QByteArray json = R"({
            "tenants": [{"id": "acme", "name": "ACME"}, {"id": "globex", "name": "Globex"}],
            "groups": [{"id": "g-sales", "tenant": "acme", "name": "Sales"},
                       {"id": "g-ops", "tenant": "globex", "name": "Ops"}],
            "users": [{"id": "u-1", "tenant": "acme", "name": "A", "extension": "201",
                       "groups": ["g-sales"]},
                      {"id": "u-2", "tenant": "globex", "name": "B", "groups": ["g-ops"]}]})";
        QString error;
        const auto config = UsersConfig::parse(json, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->tenantIds(), (QStringList{u"acme"_s, u"globex"_s}));

        const QJsonObject acme = config->limitedTo({u"acme"_s});
        QCOMPARE(acme.value(u"tenants"_s).toArray().size(), 1);
        QCOMPARE(acme.value(u"tenants"_s).toArray().at(0)[u"id"_s].toString(), u"acme"_s);
        QCOMPARE(acme.value(u"groups"_s).toArray().size(), 1);
        QCOMPARE(acme.value(u"groups"_s).toArray().at(0)[u"id"_s].toString(), u"g-sales"_s);
        QCOMPARE(acme.value(u"users"_s).toArray().size(), 1);
        QCOMPARE(acme.value(u"users"_s).toArray().at(0)[u"extension"_s].toString(), u"201"_s);

        QCOMPARE(config->limitedTo({}).value(u"users"_s).toArray().size(), 2);
        const QJsonObject none = config->limitedTo({u"initech"_s});
        QVERIFY(none.value(u"tenants"_s).toArray().isEmpty());
        QVERIFY(none.value(u"users"_s).toArray().isEmpty());
    }

    void usersConfigNamesBadEntries_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{") << u"users.json: not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"the top level is not a JSON object"_s;
        QTest::newRow("tenants object")
            << QByteArray(R"({"tenants": {}})") << u"users.json: 'tenants' is not an array"_s;
        QTest::newRow("tenant no id") << QByteArray(R"({"tenants": [{"name": "x"}]})")
                                      << u"users.json: tenants[0].id is missing"_s;
        QTest::newRow("tenant bad id") << QByteArray(R"({"tenants": [{"id": "a b"}]})")
                                       << u"tenants[0].id ('a b') is not a valid id"_s;
        QTest::newRow("group unknown tenant")
            << QByteArray(R"({"tenants": [{"id": "acme"}],
                              "groups": [{"id": "g", "tenant": "globex"}]})")
            << u"groups[0].tenant 'globex' is not one of the tenants"_s;
        QTest::newRow("user name number") << QByteArray(R"({"tenants": [{"id": "acme"}],
                              "users": [{"id": "u", "tenant": "acme", "name": 1}]})")
                                          << u"users[0].name is not a string"_s;
        QTest::newRow("user groups string") << QByteArray(R"({"tenants": [{"id": "acme"}],
                              "users": [{"id": "u", "tenant": "acme", "groups": "g"}]})")
                                            << u"users[0].groups is not an array of group ids"_s;
        QTest::newRow("user entry not object")
            << QByteArray(R"({"tenants": [{"id": "acme"}], "users": [5]})")
            << u"users[0] is not an object"_s;
    }

    void usersConfigNamesBadEntries() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!UsersConfig::parse(json, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void usersConfigMissingFile() {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!UsersConfig::load(dir.path(), &error));
        QVERIFY2(error.contains(u"users.json"_s), qPrintable(error));
    }

    void growingFileIsNotSettled() {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-1.wav"_s);
        QVERIFY(writeFile(path, QByteArray(1000, 'x')));
        const FileStat indexed = FileStat::of(path);
        QVERIFY(indexed.exists);
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(10);
        QString why;

        QVERIFY2(FileStability::isSettled(path, indexed.size, indexed.mtimeNs, &why, later),
                 qPrintable(why));
        // Just written: too young even though size and mtime match.
        QVERIFY(!FileStability::isSettled(path, indexed.size, indexed.mtimeNs, &why,
                                          QDateTime::currentDateTimeUtc()));
        QVERIFY2(why.contains(u"ms ago"_s), qPrintable(why));

        // The recorder appends more: the size no longer matches the catalog.
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(QByteArray(500, 'y'));
        file.close();
        QVERIFY(!FileStability::isSettled(path, indexed.size, indexed.mtimeNs, &why, later));
        QVERIFY2(why.contains(u"size changed from 1000 to 1500"_s), qPrintable(why));

        // Same size, rewritten: the mtime tells.
        const FileStat grown = FileStat::of(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60),
                                 QFileDevice::FileModificationTime));
        QVERIFY(!FileStability::isSettled(path, grown.size, grown.mtimeNs, &why, later));
        QVERIFY2(why.contains(u"modified since it was indexed"_s), qPrintable(why));

        QVERIFY(QFile::remove(path));
        QVERIFY(!FileStability::isSettled(path, grown.size, grown.mtimeNs, &why, later));
        QVERIFY2(why.contains(u"does not exist"_s), qPrintable(why));
    }

    void recordingSettleTimeCanBeShortened() {
        QTemporaryDir dir;
        Recording r;
        r.audioPath = dir.filePath(u"c-1.wav"_s);
        QVERIFY(writeFile(r.audioPath, QByteArray(800, 'x')));
        const FileStat stat = FileStat::of(r.audioPath);
        r.audioSize = stat.size;
        r.audioMtimeMs = stat.mtimeNs / 1'000'000;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString why;
        QVERIFY(!FileStability::isSettled(r, &why, now));
        QVERIFY2(FileStability::isSettled(r, 0, &why, now.addMSecs(1)), qPrintable(why));
        r.audioSize = 799;
        QVERIFY(!FileStability::isSettled(r, 0, &why, now.addMSecs(1)));
        QVERIFY2(why.startsWith(u"c-1.wav: the size changed"_s), qPrintable(why));
    }

    void recordingWithoutAudioIsSettled() {
        Recording r;
        QString why = u"stale"_s;
        QVERIFY(FileStability::isSettled(r, &why));
        QVERIFY(why.isEmpty());
    }

    void demoArchiveIsPlayableAndParses() {
        QTemporaryDir dir;
        DemoOptions options;
        options.outDir = dir.path();
        options.calls = 40;
        options.days = 3;
        options.maxDurationSeconds = 20;
        options.end = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);
        DemoResult result;
        QString error;
        QVERIFY2(DemoArchiveWriter::write(options, &result, &error), qPrintable(error));
        QCOMPARE(result.calls, 40);
        const QStringList sidecars = sidecarsIn(dir.path());
        QCOMPARE(sidecars.size(), 40);

        QSet<QString> tenants, directions, ids;
        for (const QString &sidecarPath : sidecars) {
            const auto r = Sidecar::load(sidecarPath, &error);
            QVERIFY2(r, qPrintable(error));
            QVERIFY(!ids.contains(r->id));
            ids.insert(r->id);
            tenants.insert(r->tenant);
            directions.insert(r->direction);
            QVERIFY(r->start <= options.end);
            QVERIFY(r->start > options.end.addDays(-4));
            QVERIFY(r->durationMs >= 5000 && r->durationMs <= 20000);
            QVERIFY2(sidecarPath.contains(u'/' + r->tenant + u'/' +
                                          r->start.toString(u"yyyy/MM/dd"_s) + u'/'),
                     qPrintable(sidecarPath));
            QVERIFY(!r->users.isEmpty());

            const auto wav = readWav(r->audioPath, &error);
            QVERIFY2(wav, qPrintable(r->audioPath + u": "_s + error));
            QCOMPARE(wav->format, 1);
            QCOMPARE(wav->channels, 1);
            QCOMPARE(wav->bits, 16);
            QCOMPARE(wav->rate, 8000u);
            QCOMPARE(qint64(wav->dataSize), r->durationMs * 8000 / 1000 * 2);
        }
        QCOMPARE(tenants, (QSet<QString>{u"acme"_s, u"globex"_s}));
        QVERIFY(directions.size() >= 2);

        // No temporary files left behind.
        QDirIterator hidden(dir.path(), {u".*"_s}, QDir::Files | QDir::Hidden,
                            QDirIterator::Subdirectories);
        QVERIFY2(!hidden.hasNext(), qPrintable(hidden.hasNext() ? hidden.next() : QString()));

        const auto users = UsersConfig::load(dir.path(), &error);
        QVERIFY2(users, qPrintable(error));
        QCOMPARE(users->tenantIds(), options.tenants);
    }

    void demoAudioSoundsLikeSpeech() {
        // Voiced syllables and pauses: loud and quiet 100 ms windows both occur.
        QTemporaryDir dir;
        DemoOptions options;
        options.outDir = dir.path();
        options.calls = 1;
        options.minDurationSeconds = 30;
        options.maxDurationSeconds = 30;
        options.sampleRate = 16000;
        DemoResult result;
        QString error;
        QVERIFY2(DemoArchiveWriter::write(options, &result, &error), qPrintable(error));
        const QStringList sidecars = sidecarsIn(dir.path());
        QCOMPARE(sidecars.size(), 1);
        const auto r = Sidecar::load(sidecars.first(), &error);
        QVERIFY2(r, qPrintable(error));
        QFile file(r->audioPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pcm = file.readAll().mid(44);
        QCOMPARE(pcm.size(), 30 * 16000 * 2);
        int loud = 0, quiet = 0;
        const qsizetype window = 1600;
        for (qsizetype start = 0; start + window <= pcm.size() / 2; start += window) {
            double energy = 0;
            for (qsizetype i = start; i < start + window; ++i) {
                const double s = qFromLittleEndian<qint16>(pcm.constData() + 2 * i) / 32768.0;
                energy += s * s;
            }
            const double rms = std::sqrt(energy / window);
            loud += rms > 0.05;
            quiet += rms < 0.02;
        }
        QVERIFY2(loud > 50 && quiet > 5, qPrintable(u"loud %1 quiet %2"_s.arg(loud).arg(quiet)));
    }

    void demoArchiveIsDeterministic() {
        QTemporaryDir first, second;
        DemoOptions options;
        options.calls = 15;
        options.maxDurationSeconds = 8;
        options.seed = 7;
        options.end = QDateTime(QDate(2026, 11, 20), QTime(18, 0), Qt::UTC);
        options.outDir = first.path();
        QString error;
        QVERIFY2(DemoArchiveWriter::write(options, nullptr, &error), qPrintable(error));
        options.outDir = second.path();
        QVERIFY2(DemoArchiveWriter::write(options, nullptr, &error), qPrintable(error));

        QDirIterator files(first.path(), QDir::Files, QDirIterator::Subdirectories);
        int compared = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            const QString twin = second.path() + path.mid(first.path().size());
            QFile a(path), b(twin);
            QVERIFY(a.open(QIODevice::ReadOnly));
            QVERIFY2(b.open(QIODevice::ReadOnly), qPrintable(twin));
            QVERIFY2(a.readAll() == b.readAll(), qPrintable(path));
            ++compared;
        }
        QCOMPARE(compared, 15 * 2 + 1);
    }

    void demoWritesAThousandShortCallsQuickly() {
        QTemporaryDir dir;
        DemoOptions options;
        options.outDir = dir.path();
        options.calls = 1000;
        options.minDurationSeconds = 1;
        options.maxDurationSeconds = 3;
        QElapsedTimer timer;
        timer.start();
        DemoResult result;
        QString error;
        QVERIFY2(DemoArchiveWriter::write(options, &result, &error), qPrintable(error));
        QCOMPARE(result.calls, 1000);
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    }

    void demoRejectsBadOptions() {
        DemoOptions options;
        options.outDir = u"/tmp/unused"_s;
        options.sampleRate = 44100;
        QString error;
        QVERIFY(!DemoArchiveWriter::write(options, nullptr, &error));
        QVERIFY2(error.contains(u"44100 Hz"_s), qPrintable(error));
        options.sampleRate = 8000;
        options.tenants = {u"bad tenant"_s};
        QVERIFY(!DemoArchiveWriter::write(options, nullptr, &error));
        QVERIFY2(error.contains(u"'bad tenant'"_s), qPrintable(error));
        options.tenants = {u"acme"_s};
        options.days = 0;
        QVERIFY(!DemoArchiveWriter::write(options, nullptr, &error));
        QVERIFY2(error.contains(u"days"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSource)
#include "tst_source.moc"
