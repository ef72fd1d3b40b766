// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Job.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <limits>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

bool fail(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

struct DataKindName {
    DataKind kind;
    const char *name;
};
constexpr DataKindName dataKindNames[] = {
    {DataKind::Audio, "audio"},
    {DataKind::Metadata, "metadata"},
    {DataKind::Users, "users"},
};

struct SizeUnit {
    const char *suffixes[3];
    qint64 factor;
};
// Every unit is binary: a chunk size of "64k" must be exactly Job::MinChunkSize.
constexpr SizeUnit sizeUnits[] = {
    {{"b", nullptr, nullptr}, 1},
    {{"k", "kb", "kib"}, 1024LL},
    {{"m", "mb", "mib"}, 1024LL * 1024},
    {{"g", "gb", "gib"}, 1024LL * 1024 * 1024},
    {{"t", "tb", "tib"}, 1024LL * 1024 * 1024 * 1024},
};

qint64 unitFactor(const QString &suffix) {
    if (suffix.isEmpty())
        return 1;
    const QString lower = suffix.toLower();
    for (const SizeUnit &unit : sizeUnits) {
        for (const char *s : unit.suffixes) {
            if (s && lower == QLatin1String(s))
                return unit.factor;
        }
    }
    return 0;
}

// The largest whole number a JSON number (a double) holds exactly: 2^53.
constexpr qint64 MaxExactInteger = qint64(1) << 53;

// Reads optional, typed fields of a JSON object. A missing field keeps the
// caller's default; a present field of the wrong type is an error naming it.
class FieldReader {
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object) {}

    QString error;

    bool string(const QString &key, QString *out) {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isString())
            return wrongType(key, u"a string"_s);
        *out = v.toString();
        return true;
    }

    bool boolean(const QString &key, bool *out) {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return wrongType(key, u"true or false"_s);
        *out = v.toBool();
        return true;
    }

    bool integer(const QString &key, qint64 *out) {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return true;
        return toInteger(key, v, out);
    }

    bool integer(const QString &key, int *out) {
        qint64 wide = *out;
        if (!integer(key, &wide))
            return false;
        if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
            return wrongType(key, u"a whole number of reasonable size"_s);
        *out = int(wide);
        return true;
    }

    // A size may be written as bytes (65536) or as text with a unit ("8M").
    bool size(const QString &key, qint64 *out) {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return true;
        if (v.isString()) {
            QString why;
            if (!parseSize(v.toString(), out, &why))
                return fail(&error, u"field '%1': %2"_s.arg(key, why));
            // It is exported as a JSON number, which holds whole numbers exactly up to 2^53.
            if (*out > MaxExactInteger)
                return fail(&error, u"field '%1': '%2' is too large"_s.arg(key, v.toString()));
            return true;
        }
        return toInteger(key, v, out);
    }

    bool stringList(const QString &key, QStringList *out) {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return wrongType(key, u"an array of strings"_s);
        QStringList list;
        const QJsonArray array = v.toArray();
        for (const QJsonValue &item : array) {
            if (!item.isString())
                return wrongType(key, u"an array of strings"_s);
            list.append(item.toString());
        }
        *out = list;
        return true;
    }

    bool object(const QString &key, QJsonObject *out) {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isObject())
            return wrongType(key, u"an object"_s);
        *out = v.toObject();
        return true;
    }

private:
    bool toInteger(const QString &key, const QJsonValue &v, qint64 *out) {
        // Doubles hold integers exactly up to 2^53; beyond that the value is not trustworthy.
        constexpr double limit = double(MaxExactInteger);
        const double d = v.toDouble();
        // The range first: converting a double out of qint64's range is undefined.
        if (!v.isDouble() || !(d <= limit && d >= -limit) || d != double(qint64(d)))
            return wrongType(key, u"a whole number"_s);
        *out = qint64(d);
        return true;
    }

    bool wrongType(const QString &key, const QString &expected) {
        return fail(&error, u"field '%1' must be %2"_s.arg(key, expected));
    }

    const QJsonObject &m_object;
};

const QStringList &jsonKeys() {
    static const QStringList keys = {
        u"name"_s,
        u"enabled"_s,
        u"sourceDir"_s,
        u"tenants"_s,
        u"targetUrl"_s,
        u"sslVerify"_s,
        u"caFile"_s,
        u"tokenRef"_s,
        u"parallel"_s,
        u"chunkSize"_s,
        u"mode"_s,
        u"data"_s,
        u"removeAfter"_s,
        u"filter"_s,
        u"schedule"_s,
        u"window"_s,
        u"bandwidth"_s,
        u"assignCategories"_s,
        u"unassignCategories"_s,
    };
    return keys;
}

QStringList dataKindList(DataKinds kinds) {
    QStringList names;
    for (const DataKindName &entry : dataKindNames) {
        if (kinds.testFlag(entry.kind))
            names.append(QString::fromLatin1(entry.name));
    }
    return names;
}

void checkCategories(const Job &job, QStringList *problems) {
    for (const QString &category : job.assignCategories + job.unassignCategories) {
        if (category.trimmed().isEmpty()) {
            problems->append(u"Category names in after-success actions must not be empty"_s);
            break;
        }
    }
    for (const QString &category : job.assignCategories) {
        if (job.unassignCategories.contains(category))
            problems->append(
                u"Category '%1' is both assigned and unassigned after success"_s.arg(category));
    }
}

void checkTarget(const Job &job, QStringList *problems) {
    const QString shown = job.targetUrl.toString();
    if (job.targetUrl.isEmpty()) {
        problems->append(u"Target URL must not be empty"_s);
    } else if (!job.targetUrl.isValid()) {
        problems->append(
            u"Target URL '%1' is not a valid URL: %2"_s.arg(shown, job.targetUrl.errorString()));
    } else if (job.targetUrl.scheme() != "http"_L1 && job.targetUrl.scheme() != "https"_L1) {
        problems->append(u"Target URL '%1' is not an http or https URL"_s.arg(shown));
    } else if (job.targetUrl.host().isEmpty()) {
        problems->append(u"Target URL '%1' has no server name"_s.arg(shown));
    }
    // A token pasted where its reference belongs would end up in the database and exports.
    if (job.tokenRef.startsWith("rpl_"_L1))
        problems->append(u"Token reference looks like a replication token itself; keep the "
                         u"token in the keychain and only its reference in the job"_s);
}

} // namespace

QString dataKindsToString(DataKinds kinds) {
    return dataKindList(kinds).join(u',');
}

bool dataKindsFromString(const QString &text, DataKinds *out, QString *error) {
    DataKinds kinds;
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString name = part.trimmed().toLower();
        bool known = false;
        for (const DataKindName &entry : dataKindNames) {
            if (name == QLatin1String(entry.name)) {
                kinds |= entry.kind;
                known = true;
            }
        }
        if (!known)
            return fail(error, u"unknown data kind '%1' (expected audio, metadata or users)"_s.arg(
                                   part.trimmed()));
    }
    *out = kinds;
    return true;
}

QString modeToString(ReplicationMode mode) {
    return mode == ReplicationMode::Full ? u"full"_s : u"incremental"_s;
}

bool modeFromString(const QString &text, ReplicationMode *out, QString *error) {
    const QString name = text.trimmed().toLower();
    if (name == "incremental"_L1)
        *out = ReplicationMode::Incremental;
    else if (name == "full"_L1)
        *out = ReplicationMode::Full;
    else
        return fail(error,
                    u"unknown replication mode '%1' (expected incremental or full)"_s.arg(text));
    return true;
}

bool parseSize(const QString &text, qint64 *out, QString *error) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(error, u"the size is empty"_s);
    if (trimmed.startsWith(u'-'))
        return fail(error, u"size '%1' is negative; a size must be zero or more"_s.arg(trimmed));

    qsizetype digits = 0;
    while (digits < trimmed.size() && trimmed.at(digits).isDigit() &&
           trimmed.at(digits).unicode() < 128)
        ++digits;
    const QString unit = trimmed.mid(digits).trimmed();
    const qint64 factor = unitFactor(unit);
    if (digits == 0 || factor == 0)
        return fail(error, u"'%1' is not a size; write a whole number of bytes with an optional "
                           u"unit, e.g. 65536, 512k, 8M, 8MiB or 1G"_s.arg(trimmed));

    bool ok = false;
    const qint64 number = QStringView(trimmed).left(digits).toLongLong(&ok);
    if (!ok || number > std::numeric_limits<qint64>::max() / factor)
        return fail(error, u"size '%1' is too large"_s.arg(trimmed));
    *out = number * factor;
    return true;
}

QString formatSize(qint64 bytes) {
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024 && bytes > -1024)
        return u"%1 B"_s.arg(bytes);
    double value = double(bytes);
    int unit = -1;
    while (unit < 3 && (value >= 1024.0 || value <= -1024.0)) {
        value /= 1024.0;
        ++unit;
    }
    return QString::number(value, 'f', 1) + u' ' + QString::fromLatin1(units[unit]);
}

bool isValidId(const QString &text) {
    // \A and \z, not ^ and $: "$" would also match before a final newline.
    static const QRegularExpression pattern(u"\\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z"_s);
    return pattern.match(text).hasMatch();
}

QStringList validateJob(const Job &job) {
    QStringList problems;
    if (job.name.trimmed().isEmpty())
        problems.append(u"Name must not be empty"_s);
    else if (job.name.size() > 200)
        problems.append(u"Name must be at most 200 characters long"_s);

    if (job.sourceDir.trimmed().isEmpty())
        problems.append(u"Source folder must not be empty"_s);
    else if (QDir::isRelativePath(job.sourceDir))
        problems.append(u"Source folder '%1' must be an absolute path"_s.arg(job.sourceDir));

    for (qsizetype i = 0; i < job.tenants.size(); ++i) {
        const QString &tenant = job.tenants.at(i);
        if (!isValidId(tenant))
            problems.append(u"Tenant '%1' is not a valid tenant name (1 to 128 letters, digits, "
                            u"'.', '_' or '-', starting with a letter or digit)"_s.arg(tenant));
        else if (job.tenants.indexOf(tenant) < i)
            problems.append(u"Tenant '%1' is listed twice"_s.arg(tenant));
    }

    checkTarget(job, &problems);

    if (job.parallel < 1 || job.parallel > Job::MaxParallel)
        problems.append(u"Parallel upload must be between 1 and %1"_s.arg(Job::MaxParallel));
    if (job.chunkSize < Job::MinChunkSize || job.chunkSize > Job::MaxChunkSize)
        problems.append(u"Upload chunk size must be between 64 KiB and 1 GiB"_s);
    if (!job.data)
        problems.append(u"Choose at least one kind of data to replicate "
                        u"(audio files, call metadata, users configuration)"_s);
    // Removing the source copy is only safe when the whole call is at the target.
    if (job.removeAfter &&
        !(job.data.testFlag(DataKind::Audio) && job.data.testFlag(DataKind::Metadata)))
        problems.append(u"Remove after replication needs both audio files and call metadata "
                        u"to be replicated; otherwise part of the call would be lost"_s);
    if (job.schedule.trimmed().isEmpty())
        problems.append(u"Schedule must not be empty (use 'manual' for runs by hand)"_s);
    if (job.bandwidth < 0)
        problems.append(u"Bandwidth limit must not be negative"_s);
    checkCategories(job, &problems);
    return problems;
}

QJsonObject jobToJson(const Job &job) {
    return QJsonObject{
        {u"name"_s, job.name},
        {u"enabled"_s, job.enabled},
        {u"sourceDir"_s, job.sourceDir},
        {u"tenants"_s, QJsonArray::fromStringList(job.tenants)},
        {u"targetUrl"_s, job.targetUrl.toString()},
        {u"sslVerify"_s, job.sslVerify},
        {u"caFile"_s, job.caFile},
        {u"tokenRef"_s, job.tokenRef},
        {u"parallel"_s, job.parallel},
        {u"chunkSize"_s, job.chunkSize},
        {u"mode"_s, modeToString(job.mode)},
        {u"data"_s, QJsonArray::fromStringList(dataKindList(job.data))},
        {u"removeAfter"_s, job.removeAfter},
        {u"filter"_s, job.filter},
        {u"schedule"_s, job.schedule},
        {u"window"_s, job.window},
        {u"bandwidth"_s, job.bandwidth},
        {u"assignCategories"_s, QJsonArray::fromStringList(job.assignCategories)},
        {u"unassignCategories"_s, QJsonArray::fromStringList(job.unassignCategories)},
    };
}

bool jobFromJson(const QJsonObject &json, Job *out, QString *error) {
    if (json.contains(u"token"_s))
        return fail(error, u"field 'token' is not accepted: job definitions never hold the token; "
                           u"store it in the keychain and set 'tokenRef'"_s);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!jsonKeys().contains(it.key()))
            return fail(error, u"unknown field '%1'"_s.arg(it.key()));
    }

    Job job;
    QString url = job.targetUrl.toString();
    QString mode = modeToString(job.mode);
    QStringList data = dataKindList(job.data);
    FieldReader r(json);
    const bool typesOk =
        r.string(u"name"_s, &job.name) && r.boolean(u"enabled"_s, &job.enabled) &&
        r.string(u"sourceDir"_s, &job.sourceDir) && r.stringList(u"tenants"_s, &job.tenants) &&
        r.string(u"targetUrl"_s, &url) && r.boolean(u"sslVerify"_s, &job.sslVerify) &&
        r.string(u"caFile"_s, &job.caFile) && r.string(u"tokenRef"_s, &job.tokenRef) &&
        r.integer(u"parallel"_s, &job.parallel) && r.size(u"chunkSize"_s, &job.chunkSize) &&
        r.string(u"mode"_s, &mode) && r.stringList(u"data"_s, &data) &&
        r.boolean(u"removeAfter"_s, &job.removeAfter) && r.object(u"filter"_s, &job.filter) &&
        r.string(u"schedule"_s, &job.schedule) && r.string(u"window"_s, &job.window) &&
        r.size(u"bandwidth"_s, &job.bandwidth) &&
        r.stringList(u"assignCategories"_s, &job.assignCategories) &&
        r.stringList(u"unassignCategories"_s, &job.unassignCategories);
    if (!typesOk)
        return fail(error, r.error);

    job.targetUrl = QUrl(url, QUrl::StrictMode);
    if (!url.isEmpty() && !job.targetUrl.isValid())
        return fail(error, u"field 'targetUrl': '%1' is not a valid URL (%2)"_s.arg(
                               url, job.targetUrl.errorString()));
    QString why;
    if (!modeFromString(mode, &job.mode, &why))
        return fail(error, u"field 'mode': "_s + why);
    if (!dataKindsFromString(data.join(u','), &job.data, &why))
        return fail(error, u"field 'data': "_s + why);

    *out = job;
    return true;
}

bool operator==(const Job &a, const Job &b) {
    return a.id == b.id && a.name == b.name && a.enabled == b.enabled &&
           a.sourceDir == b.sourceDir && a.tenants == b.tenants && a.targetUrl == b.targetUrl &&
           a.sslVerify == b.sslVerify && a.caFile == b.caFile && a.tokenRef == b.tokenRef &&
           a.parallel == b.parallel && a.chunkSize == b.chunkSize && a.mode == b.mode &&
           a.data == b.data && a.removeAfter == b.removeAfter && a.filter == b.filter &&
           a.schedule == b.schedule && a.window == b.window && a.bandwidth == b.bandwidth &&
           a.assignCategories == b.assignCategories && a.unassignCategories == b.unassignCategories;
}

} // namespace Replicall
