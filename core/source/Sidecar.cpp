// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/Sidecar.h"

#include "model/Job.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

// Collects the first problem found; each check returns false once it failed
// so parsing stops at the first bad field with a message that names it.
class FieldReader {
public:
    FieldReader(const QJsonObject &object, QString *reason)
        : m_object(object)
        , m_reason(reason) {}

    bool fail(const QString &message) {
        if (m_reason)
            *m_reason = message;
        return false;
    }

    bool requireString(const QString &key, QString *out) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fail(u"field '%1' is missing"_s.arg(key));
        if (!value.isString())
            return fail(u"field '%1' is not a string"_s.arg(key));
        *out = value.toString();
        return true;
    }

    bool requireId(const QString &key, QString *out) {
        if (!requireString(key, out))
            return false;
        if (!isValidId(*out))
            return fail(
                u"field '%1' ('%2') is not a valid id "
                "(1-128 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit)"_s.arg(
                    key, out->left(140)));
        return true;
    }

    bool requireStart(QDateTime *out) {
        QString text;
        if (!requireString(u"start"_s, &text))
            return false;
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return fail(u"field 'start' ('%1') is not an ISO-8601 time"_s.arg(text.left(64)));
        // Without a zone the time would silently depend on the machine's zone.
        if (time.timeSpec() == Qt::LocalTime)
            return fail(u"field 'start' ('%1') has no time zone; expected UTC such as "
                        "2026-11-20T08:15:00Z"_s.arg(text.left(64)));
        *out = time.toUTC();
        return true;
    }

    bool requireDuration(qint64 *out) {
        const QJsonValue value = m_object.value(u"durationMs"_s);
        if (value.isUndefined())
            return fail(u"field 'durationMs' is missing"_s);
        const double number = value.toDouble(-1);
        // JSON numbers are doubles; 2^53 is where integers stop being exact.
        if (!value.isDouble() || number < 0 || number != std::floor(number) || number > 9.0e15)
            return fail(u"field 'durationMs' is not an integer of 0 or more"_s);
        *out = qint64(number);
        return true;
    }

    bool requireDirection(QString *out) {
        if (!requireString(u"direction"_s, out))
            return false;
        if (*out != "inbound"_L1 && *out != "outbound"_L1 && *out != "internal"_L1)
            return fail(u"field 'direction' ('%1') is not one of inbound, outbound, internal"_s.arg(
                out->left(64)));
        return true;
    }

    bool requireParty(const QString &key, QString *number, QString *name) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fail(u"field '%1' is missing"_s.arg(key));
        if (!value.isObject())
            return fail(u"field '%1' is not an object {number, name}"_s.arg(key));
        const QJsonObject party = value.toObject();
        const QJsonValue numberValue = party.value(u"number"_s);
        if (!numberValue.isString() || numberValue.toString().isEmpty())
            return fail(u"field '%1.number' is missing or not a non-empty string"_s.arg(key));
        const QJsonValue nameValue = party.value(u"name"_s);
        if (!nameValue.isUndefined() && !nameValue.isString())
            return fail(u"field '%1.name' is not a string"_s.arg(key));
        *number = numberValue.toString();
        *name = nameValue.toString();
        return true;
    }

    bool optionalStringList(const QString &key, QStringList *out) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return true;
        if (!value.isArray())
            return fail(u"field '%1' is not an array of strings"_s.arg(key));
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString() || array.at(i).toString().isEmpty())
                return fail(u"field '%1[%2]' is not a non-empty string"_s.arg(key).arg(i));
            out->append(array.at(i).toString());
        }
        return true;
    }

    // A null audio is read as "no audio", as some recorders write it.
    bool optionalAudio(QString *fileName) {
        const QJsonValue value = m_object.value(u"audio"_s);
        if (value.isUndefined() || value.isNull())
            return true;
        if (!value.isString())
            return fail(u"field 'audio' is not a string"_s);
        if (!Sidecar::isPlainFileName(value.toString()))
            return fail(
                u"field 'audio' ('%1') is not a plain file name in the sidecar's folder"_s.arg(
                    value.toString().left(140)));
        *fileName = value.toString();
        return true;
    }

    bool optionalObject(const QString &key) {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isObject())
            return fail(u"field '%1' is not an object"_s.arg(key));
        return true;
    }

private:
    const QJsonObject &m_object;
    QString *m_reason;
};

QString fileNameOf(const QString &path) {
    return QFileInfo(path).fileName();
}

} // namespace

bool Sidecar::isPlainFileName(const QString &name) {
    return !name.isEmpty() && name.size() <= 255 && !name.contains(u'/') && !name.contains(u'\\') &&
           !name.contains(QChar(0)) && !name.contains(".."_L1) && name != "."_L1;
}

std::optional<Recording> Sidecar::read(const QByteArray &json, const QString &sidecarPath,
                                       QString *reason) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (reason)
            *reason = u"not valid JSON (%1 at byte %2)"_s.arg(parseError.errorString())
                          .arg(parseError.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (reason)
            *reason = u"the top level is not a JSON object"_s;
        return std::nullopt;
    }

    Recording r;
    r.metadata = document.object();
    FieldReader fields(r.metadata, reason);
    QString audioName;
    const bool ok = fields.requireId(u"id"_s, &r.id) && fields.requireId(u"tenant"_s, &r.tenant) &&
                    fields.requireStart(&r.start) && fields.requireDuration(&r.durationMs) &&
                    fields.requireDirection(&r.direction) &&
                    fields.requireParty(u"caller"_s, &r.callerNumber, &r.callerName) &&
                    fields.requireParty(u"callee"_s, &r.calleeNumber, &r.calleeName) &&
                    fields.optionalStringList(u"users"_s, &r.users) &&
                    fields.optionalStringList(u"groups"_s, &r.groups) &&
                    fields.optionalStringList(u"categories"_s, &r.categories) &&
                    fields.optionalAudio(&audioName) && fields.optionalObject(u"extra"_s);
    if (!ok)
        return std::nullopt;

    const QFileInfo sidecar(sidecarPath);
    r.sidecarPath = QDir::cleanPath(sidecar.absoluteFilePath());
    if (!audioName.isEmpty())
        r.audioPath = QDir::cleanPath(sidecar.absolutePath() + u'/' + audioName);
    r.metadataSha256 = Recording::metadataSha256Of(r.metadata);
    return r;
}

std::optional<Recording> Sidecar::parse(const QByteArray &json, const QString &sidecarPath,
                                        QString *error) {
    QString reason;
    std::optional<Recording> r = read(json, sidecarPath, &reason);
    if (!r && error)
        *error = fileNameOf(sidecarPath) + u": "_s + reason;
    return r;
}

std::optional<Recording> Sidecar::load(const QString &sidecarPath, QString *error) {
    QString reason;
    std::optional<Recording> r = readFile(sidecarPath, &reason);
    if (!r && error)
        *error = fileNameOf(sidecarPath) + u": "_s + reason;
    return r;
}

std::optional<Recording> Sidecar::readFile(const QString &sidecarPath, QString *reason) {
    QFile file(sidecarPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (reason)
            *reason = u"cannot be read: "_s + file.errorString();
        return std::nullopt;
    }
    if (file.size() > MaxSize) {
        if (reason)
            *reason =
                u"is %1 bytes, more than a sidecar may have (%2)"_s.arg(file.size()).arg(MaxSize);
        return std::nullopt;
    }
    return read(file.readAll(), sidecarPath, reason);
}

} // namespace Replicall
