// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/Answers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Replicall::Answers {

namespace {

std::optional<QJsonObject> object(const QByteArray &body, QString *problem) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *problem = u"the body is not JSON (%1 at byte %2)"_s.arg(parseError.errorString())
                       .arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *problem = u"the body is not a JSON object"_s;
        return std::nullopt;
    }
    return doc.object();
}

QStringList strings(const QJsonValue &value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

} // namespace

qint64 byteCount(const QJsonValue &value, qint64 fallback) {
    if (!value.isDouble())
        return fallback;
    const double number = value.toDouble();
    // 2^63 is exactly representable; every double below it converts safely.
    if (!std::isfinite(number) || number < -9223372036854775808.0 ||
        number >= 9223372036854775808.0)
        return fallback;
    return qint64(number);
}

bool readInfo(const QByteArray &body, TargetInfo *info, QString *problem) {
    const auto json = object(body, problem);
    if (!json)
        return false;
    const QJsonObject server = json->value(u"server"_s).toObject();
    const QJsonObject token = json->value(u"token"_s).toObject();
    const QJsonObject limits = json->value(u"limits"_s).toObject();
    const QJsonObject storage = json->value(u"storage"_s).toObject();
    if (server.value(u"name"_s).toString().isEmpty() || !token.value(u"tenants"_s).isArray()) {
        *problem = u"server.name or token.tenants is missing; is the URL a replicall-target?"_s;
        return false;
    }
    info->serverName = server.value(u"name"_s).toString();
    info->serverVersion = server.value(u"version"_s).toString();
    info->serverHost = server.value(u"host"_s).toString();
    info->tokenName = token.value(u"name"_s).toString();
    info->tenants = strings(token.value(u"tenants"_s));
    info->data = strings(token.value(u"data"_s));
    const QString expires = token.value(u"expires"_s).toString();
    if (!expires.isEmpty()) {
        info->expires = QDateTime::fromString(expires, Qt::ISODate);
        if (!info->expires.isValid()) {
            *problem = u"token.expires \"%1\" is not an ISO-8601 time"_s.arg(expires.left(60));
            return false;
        }
    }
    info->maxChunkSize = byteCount(limits.value(u"maxChunkSize"_s), 0);
    info->maxUploadSize = byteCount(limits.value(u"maxUploadSize"_s), 0);
    info->maxJsonSize = byteCount(limits.value(u"maxJsonSize"_s), 0);
    info->maxLookupBatch =
        int(qBound(qint64(1), byteCount(limits.value(u"maxLookupBatch"_s), 1000), qint64(100000)));
    info->freeBytes = byteCount(storage.value(u"freeBytes"_s), -1);
    info->totalBytes = byteCount(storage.value(u"totalBytes"_s), -1);
    info->tusExtensions = strings(json->value(u"tus"_s).toObject().value(u"extensions"_s));
    return true;
}

bool readLookup(const QByteArray &body, const QList<LookupEntry> &asked,
                QHash<QString, HeldRecording> *result, QString *problem) {
    const auto json = object(body, problem);
    if (!json)
        return false;
    const QJsonArray answers = json->value(u"recordings"_s).toArray();
    if (answers.size() != asked.size()) {
        *problem = u"asked for %1 ids, got %2 answers"_s.arg(asked.size()).arg(answers.size());
        return false;
    }
    for (qsizetype i = 0; i < asked.size(); ++i) {
        const QJsonObject answer = answers.at(i).toObject();
        const QString &id = asked.at(i).id;
        if (answer.value(u"id"_s).toString() != id) {
            *problem = u"answer %1 is for \"%2\", expected \"%3\""_s.arg(i).arg(
                answer.value(u"id"_s).toString().left(140), id);
            return false;
        }
        HeldRecording held;
        held.held = answer.value(u"held"_s).toBool();
        held.tenant = answer.value(u"tenant"_s).toString();
        held.sha256 = answer.value(u"sha256"_s).toString().toLatin1();
        held.size = byteCount(answer.value(u"size"_s), -1);
        held.metadataSha256 = answer.value(u"metadataSha256"_s).toString().toLatin1();
        held.match = answer.value(u"match"_s).toBool();
        result->insert(id, held);
    }
    return true;
}

bool readCommit(const QByteArray &body, int status, CommitResult *result, QString *problem) {
    const auto json = object(body, problem);
    if (!json)
        return false;
    const QJsonObject audio = json->value(u"audio"_s).toObject();
    // A single-request upload answers 201 for the upload it created; "created"
    // says whether the recording is new.
    result->created = json->value(u"created"_s).toBool(status == 201);
    result->targetPath = audio.value(u"path"_s).toString();
    result->audioSha256 = audio.value(u"sha256"_s).toString().toLatin1().toLower();
    result->metadataSha256 = json->value(u"metadataSha256"_s).toString().toLatin1().toLower();
    return true;
}

} // namespace Replicall::Answers
