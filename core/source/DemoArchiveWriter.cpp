// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/DemoArchiveWriter.h"

#include "model/Job.h"
#include "source/DemoSpeech.h"
#include "source/Sidecar.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

const QStringList FirstNames{u"Alice"_s, u"Bernd"_s, u"Chiara"_s, u"Deniz"_s, u"Emma"_s,
                             u"Felix"_s, u"Greta"_s, u"Hannes"_s, u"Ines"_s,  u"Jonas"_s,
                             u"Klara"_s, u"Lukas"_s, u"Mia"_s,    u"Noah"_s,  u"Olga"_s,
                             u"Paul"_s,  u"Rosa"_s,  u"Sven"_s,   u"Tanja"_s, u"Yusuf"_s};
const QStringList LastNames{u"Smith"_s,  u"Müller"_s, u"Schmidt"_s,  u"Kowalski"_s,
                            u"Yilmaz"_s, u"Weber"_s,  u"Rossi"_s,    u"Fischer"_s,
                            u"Novak"_s,  u"Becker"_s, u"Hoffmann"_s, u"Jansen"_s};
const QStringList Groups{u"g-sales"_s, u"g-support"_s, u"g-billing"_s};
const QStringList Categories{u"complaint"_s, u"sales-lead"_s, u"vip"_s, u"follow-up"_s,
                             u"training"_s};
const QStringList Dispositions{u"resolved"_s, u"callback"_s, u"escalated"_s, u"no-answer"_s};
const QStringList AreaCodes{u"30"_s, u"40"_s, u"89"_s, u"69"_s, u"221"_s, u"711"_s};
constexpr int UsersPerTenant = 6;

struct Person {
    QString id, tenant, name, extension, group;
};

struct Call {
    QDateTime start;
    qint64 durationMs = 0;
    int tenant = 0;
    quint32 audioSeed = 0;
};

QString tenantName(const QString &id) {
    if (id == "acme"_L1)
        return u"ACME Corp"_s;
    if (id == "globex"_L1)
        return u"Globex Corporation"_s;
    return id.left(1).toUpper() + id.mid(1);
}

QString pick(QRandomGenerator &random, const QStringList &list) {
    return list.at(random.bounded(int(list.size())));
}

// Writes under ".<name>.part" and renames into place, the way the archive
// format asks recorders to: the indexer never sees a half-written file.
bool writeAtomically(const QString &path, const std::function<bool(QIODevice *, QString *)> &fill,
                     QString *error) {
    const QFileInfo info(path);
    const QString temporary = info.absolutePath() + "/."_L1 + info.fileName() + ".part"_L1;
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = u"cannot write %1: %2"_s.arg(temporary, file.errorString());
        return false;
    }
    QString reason;
    if (!fill(&file, &reason) || !file.flush()) {
        *error =
            u"cannot write %1: %2"_s.arg(temporary, reason.isEmpty() ? file.errorString() : reason);
        file.remove();
        return false;
    }
    file.close();
    std::error_code code;
    std::filesystem::rename(QFile::encodeName(temporary).toStdString(),
                            QFile::encodeName(path).toStdString(), code);
    if (code) {
        *error = u"cannot rename %1 to %2: %3"_s.arg(temporary, path,
                                                     QString::fromStdString(code.message()));
        file.remove();
        return false;
    }
    return true;
}

bool writeJson(const QString &path, const QJsonObject &object, QString *error) {
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    return writeAtomically(
        path, [&json](QIODevice *out, QString *) { return out->write(json) == json.size(); },
        error);
}

QString externalNumber(QRandomGenerator &random) {
    QString number = u"+49"_s + pick(random, AreaCodes);
    const int digits = 6 + int(random.bounded(3));
    for (int i = 0; i < digits; ++i)
        number += QChar(u'0' + int(random.bounded(10)));
    return number;
}

QString personName(QRandomGenerator &random) {
    return pick(random, FirstNames) + u' ' + pick(random, LastNames);
}

QJsonObject party(const QString &number, const QString &name) {
    return {{u"number"_s, number}, {u"name"_s, name}};
}

// The recorder's users: UsersPerTenant per tenant, each in one group.
QList<QList<Person>> makePeople(const QStringList &tenants, QRandomGenerator &random) {
    QList<QList<Person>> people;
    for (int t = 0; t < tenants.size(); ++t) {
        QList<Person> staff;
        for (int u = 0; u < UsersPerTenant; ++u) {
            const QString number = QString::number((t + 1) * 100 + u + 1);
            staff.append({u"u-"_s + number, tenants.at(t), personName(random), number,
                          Groups.at(u % Groups.size())});
        }
        people.append(staff);
    }
    return people;
}

QJsonObject usersJson(const QStringList &tenants, const QList<QList<Person>> &people) {
    QJsonArray tenantArray, groupArray, userArray;
    for (int t = 0; t < tenants.size(); ++t) {
        tenantArray.append(
            QJsonObject{{u"id"_s, tenants.at(t)}, {u"name"_s, tenantName(tenants.at(t))}});
        for (const QString &group : Groups) {
            const QString name = group.mid(2, 1).toUpper() + group.mid(3);
            groupArray.append(
                QJsonObject{{u"id"_s, group}, {u"tenant"_s, tenants.at(t)}, {u"name"_s, name}});
        }
        for (const Person &p : people.at(t)) {
            userArray.append(QJsonObject{{u"id"_s, p.id},
                                         {u"tenant"_s, p.tenant},
                                         {u"name"_s, p.name},
                                         {u"extension"_s, p.extension},
                                         {u"groups"_s, QJsonArray{p.group}}});
        }
    }
    return {{u"tenants"_s, tenantArray}, {u"groups"_s, groupArray}, {u"users"_s, userArray}};
}

// Mostly short calls, a few long ones, like a real contact centre.
qint64 drawDuration(QRandomGenerator &random, const DemoOptions &options) {
    const double min = options.minDurationSeconds;
    const double max = options.maxDurationSeconds;
    const double mean = qMin(150.0, qMax(1.0, (max - min) / 3));
    const double seconds = min - std::log(1.0 - random.generateDouble()) * mean;
    return qint64(qMin(seconds, max) * 1000);
}

// Office hours on one of the last `days` days, never after `end`.
QDateTime drawStart(QRandomGenerator &random, const DemoOptions &options, qint64 durationMs) {
    const QDateTime end = options.end.toUTC();
    const int dayOffset = int(random.bounded(options.days));
    const int secondOfDay = (7 * 3600) + int(random.bounded(11 * 3600));
    QDateTime start =
        QDateTime(end.date().addDays(-dayOffset), QTime(0, 0), Qt::UTC).addSecs(secondOfDay);
    const QDateTime latest = end.addMSecs(-durationMs);
    if (start > latest && options.days > 1)
        start = start.addDays(-1 - int(random.bounded(options.days - 1)));
    if (start > latest)
        start = latest.addSecs(-qint64(random.bounded(3600)));
    return start;
}

QJsonObject sidecarJson(const QString &id, const Call &call, const QString &tenant,
                        const QList<Person> &staff, QRandomGenerator &random) {
    const Person &agent = staff.at(random.bounded(int(staff.size())));
    const int kind = int(random.bounded(100));
    QString direction;
    QJsonObject caller, callee;
    QStringList users{agent.id}, groups{agent.group};
    if (kind < 50) {
        direction = u"inbound"_s;
        caller =
            party(externalNumber(random), random.bounded(10) < 7 ? personName(random) : QString());
        callee = party(agent.extension, agent.name);
    } else if (kind < 85) {
        direction = u"outbound"_s;
        caller = party(agent.extension, agent.name);
        callee =
            party(externalNumber(random), random.bounded(2) == 0 ? personName(random) : QString());
    } else {
        direction = u"internal"_s;
        const Person &colleague = staff.at(random.bounded(int(staff.size())));
        caller = party(agent.extension, agent.name);
        callee = party(colleague.extension, colleague.name);
        if (colleague.id != agent.id) {
            users.append(colleague.id);
            if (!groups.contains(colleague.group))
                groups.append(colleague.group);
        }
    }
    QStringList categories;
    if (random.bounded(10) >= 6) {
        categories.append(pick(random, Categories));
        if (random.bounded(4) == 0 && !categories.contains(Categories.first()))
            categories.append(Categories.first());
    }
    QJsonObject extra{{u"queue"_s, agent.group.mid(2)},
                      {u"recorder"_s, u"replicall-demo"_s},
                      {u"codec"_s, u"pcm_s16le"_s}};
    if (direction != "internal"_L1)
        extra.insert(u"agentDisposition"_s, pick(random, Dispositions));

    return {{u"id"_s, id},
            {u"tenant"_s, tenant},
            {u"start"_s, call.start.toString(Qt::ISODate)},
            {u"durationMs"_s, call.durationMs},
            {u"direction"_s, direction},
            {u"caller"_s, caller},
            {u"callee"_s, callee},
            {u"users"_s, QJsonArray::fromStringList(users)},
            {u"groups"_s, QJsonArray::fromStringList(groups)},
            {u"categories"_s, QJsonArray::fromStringList(categories)},
            {u"extra"_s, extra}};
}

} // namespace

QString DemoArchiveWriter::validate(const DemoOptions &options) {
    if (options.outDir.isEmpty())
        return u"the demo archive needs an output folder"_s;
    if (options.calls < 0)
        return u"the number of calls (%1) must not be negative"_s.arg(options.calls);
    if (options.days < 1)
        return u"the number of days (%1) must be at least 1"_s.arg(options.days);
    if (options.tenants.isEmpty())
        return u"the demo archive needs at least one tenant"_s;
    for (const QString &tenant : options.tenants) {
        if (!isValidId(tenant))
            return u"the tenant '%1' is not a valid id"_s.arg(tenant);
    }
    if (options.minDurationSeconds < 0 || options.maxDurationSeconds < options.minDurationSeconds)
        return u"the call durations (%1 s to %2 s) are not a valid range"_s
            .arg(options.minDurationSeconds)
            .arg(options.maxDurationSeconds);
    if (options.maxDurationSeconds > 4 * 3600)
        return u"the longest call (%1 s) may not pass 4 hours"_s.arg(options.maxDurationSeconds);
    if (options.sampleRate != 8000 && options.sampleRate != 16000)
        return u"the sample rate (%1 Hz) must be 8000 or 16000"_s.arg(options.sampleRate);
    if (!options.end.isValid())
        return u"the end time of the demo archive is not valid"_s;
    return {};
}

bool DemoArchiveWriter::write(const DemoOptions &options, DemoResult *result, QString *error) {
    QString problem = validate(options);
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!problem.isEmpty())
        return fail(problem);
    const QDir root(options.outDir);
    if (!root.mkpath(u"."_s))
        return fail(u"cannot create the demo archive folder %1"_s.arg(options.outDir));

    QRandomGenerator random(options.seed);
    const QList<QList<Person>> people = makePeople(options.tenants, random);

    QList<Call> calls;
    for (int i = 0; i < options.calls; ++i) {
        Call call;
        call.durationMs = drawDuration(random, options);
        call.start = drawStart(random, options, call.durationMs);
        call.tenant = int(random.bounded(options.tenants.size()));
        call.audioSeed = random.generate();
        calls.append(call);
    }
    // Numbered in time order, as a recorder would.
    std::stable_sort(calls.begin(), calls.end(),
                     [](const Call &a, const Call &b) { return a.start < b.start; });

    DemoResult written;
    for (int i = 0; i < calls.size(); ++i) {
        const Call &call = calls.at(i);
        const QString tenant = options.tenants.at(call.tenant);
        const QString id =
            u"c-%1-%2"_s.arg(call.start.toString(u"yyyyMMdd"_s)).arg(i + 1, 6, 10, QChar(u'0'));
        const QString folder = tenant + u'/' + call.start.toString(u"yyyy/MM/dd"_s);
        if (!root.mkpath(folder))
            return fail(u"cannot create the folder %1"_s.arg(root.filePath(folder)));
        const QString base = root.absoluteFilePath(folder) + u'/' + id;

        QJsonObject sidecar = sidecarJson(id, call, tenant, people.at(call.tenant), random);
        if (options.withAudio) {
            auto audio = [&](QIODevice *out, QString *reason) {
                return DemoSpeech::writeWav(out, options.sampleRate, call.durationMs,
                                            call.audioSeed, reason);
            };
            if (!writeAtomically(base + ".wav"_L1, audio, &problem))
                return fail(problem);
            sidecar.insert(u"audio"_s, QString(id + ".wav"_L1));
            written.audioBytes += DemoSpeech::wavSize(options.sampleRate, call.durationMs);
        }
        if (!writeJson(base + ".json"_L1, sidecar, &problem))
            return fail(problem);
        ++written.calls;
    }
    if (!writeJson(root.absoluteFilePath(u"users.json"_s), usersJson(options.tenants, people),
                   &problem))
        return fail(problem);
    if (result)
        *result = written;
    return true;
}

} // namespace Replicall
