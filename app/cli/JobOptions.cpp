// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobOptions.h"

#include "filter/Filter.h"
#include "model/Job.h"
#include "schedule/Bandwidth.h"
#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

QStringList splitList(const QString &text) {
    QStringList items;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts))
        items.append(item.trimmed());
    return items;
}

bool readFilter(const QString &value, QJsonObject *filter, QString *error) {
    QByteArray json = value.toUtf8();
    if (value.startsWith(u'@')) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"--filter: cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
            return false;
        }
        json = file.readAll();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        *error = u"--filter: not a JSON object: %1 at offset %2"_s.arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    // Checked here, so that a job is never stored with a filter its runs refuse.
    const std::optional<Filter> parsed = Filter::fromJson(document.object(), error);
    if (!parsed) {
        *error = u"--filter: "_s + *error;
        return false;
    }
    *filter = document.object();
    return true;
}

} // namespace

void JobOptions::addTo(QCommandLineParser &parser, Use use) {
    m_use = use;
    parser.addOption({u"token-file"_s, u"Read the replication token from FILE."_s, u"FILE"_s});
    parser.addOption({u"token-stdin"_s, u"Read the replication token from standard input."_s});
    if (use == TokenOnly)
        return;
    parser.addOption({u"name"_s, u"The job's name."_s, u"NAME"_s});
    parser.addOption({u"source"_s, u"The recording archive folder."_s, u"DIR"_s});
    parser.addOption(
        {u"target"_s, u"The target server URL, e.g. https://archive:8443."_s, u"URL"_s});
    parser.addOption({u"parallel"_s, u"Parallel upload workers (1-32, default 4)."_s, u"N"_s});
    parser.addOption(
        {u"chunk-size"_s, u"Upload chunk size, e.g. 8M (64k-1G, default 8M)."_s, u"SIZE"_s});
    parser.addOption({u"mode"_s, u"full or incremental (default incremental)."_s, u"MODE"_s});
    parser.addOption(
        {u"data"_s, u"What to replicate: audio,metadata,users (default all)."_s, u"LIST"_s});
    parser.addOption(
        {u"tenants"_s, u"Access scope: only these tenants (default all)."_s, u"LIST"_s});
    parser.addOption({u"remove-after"_s, u"Delete the source copy once the target verified it."_s});
    parser.addOption(
        {u"assign-category"_s, u"Assign category C after success (repeatable)."_s, u"C"_s});
    parser.addOption(
        {u"unassign-category"_s, u"Unassign category C after success (repeatable)."_s, u"C"_s});
    parser.addOption({u"no-ssl-verify"_s, u"Do not verify the target's certificate."_s});
    parser.addOption(
        {u"ca-file"_s, u"Trust only this CA certificate (PEM) for the target."_s, u"FILE"_s});
    parser.addOption({u"filter"_s, u"Filtering criteria as JSON, or @FILE."_s, u"JSON"_s});
    parser.addOption({u"schedule"_s,
                      u"manual, continuous, 'every 15m', 'daily 02:00', 'weekly mon,fri 22:30'."_s,
                      u"SPEC"_s});
    parser.addOption({u"window"_s, u"Run window, e.g. 'mon-fri 20:00-06:00'."_s, u"SPEC"_s});
    parser.addOption(
        {u"bandwidth"_s, u"Upload bandwidth cap per second, e.g. 10M or 80Mbit."_s, u"RATE"_s});
    parser.addOption({u"disabled"_s, u"Create the job disabled (its schedule does not run)."_s});
}

bool JobOptions::apply(const QCommandLineParser &parser, Job *job, QString *error) const {
    auto given = [&parser](const char *name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    auto value = [&parser](const char *name) {
        return parser.value(QString::fromLatin1(name));
    };

    if (m_use == ForAdd) {
        for (const char *required : {"name", "source", "target"}) {
            if (!given(required)) {
                *error = u"--%1 is required"_s.arg(QString::fromLatin1(required));
                return false;
            }
        }
    }
    if (given("name"))
        job->name = value("name").trimmed();
    if (given("source"))
        job->sourceDir =
            QFileInfo(value("source")).absoluteFilePath(); // relative to where it was typed
    if (given("target")) {
        job->targetUrl = QUrl(value("target"), QUrl::StrictMode);
        if (!job->targetUrl.isValid()) {
            *error = u"--target: '%1' is not a URL: %2"_s.arg(value("target"),
                                                              job->targetUrl.errorString());
            return false;
        }
    }
    if (given("parallel")) {
        bool ok = false;
        job->parallel = value("parallel").toInt(&ok);
        if (!ok || job->parallel < 1 || job->parallel > Job::MaxParallel) {
            *error = u"--parallel: '%1' is not a whole number from 1 to %2"_s.arg(value("parallel"))
                         .arg(Job::MaxParallel);
            return false;
        }
    }
    if (given("chunk-size") && !parseSize(value("chunk-size"), &job->chunkSize, error)) {
        *error = u"--chunk-size: "_s + *error;
        return false;
    }
    if (given("mode") && !modeFromString(value("mode"), &job->mode, error)) {
        *error = u"--mode: "_s + *error;
        return false;
    }
    if (given("data") && !dataKindsFromString(value("data"), &job->data, error)) {
        *error = u"--data: "_s + *error;
        return false;
    }
    if (given("tenants"))
        job->tenants = splitList(value("tenants"));
    if (given("remove-after"))
        job->removeAfter = true;
    if (given("assign-category"))
        job->assignCategories = parser.values(u"assign-category"_s);
    if (given("unassign-category"))
        job->unassignCategories = parser.values(u"unassign-category"_s);
    if (given("no-ssl-verify"))
        job->sslVerify = false;
    if (given("ca-file"))
        job->caFile = QFileInfo(value("ca-file")).absoluteFilePath();
    if (given("filter") && !readFilter(value("filter"), &job->filter, error))
        return false;
    // Schedules and windows are stored in their canonical form (docs/schedules.md).
    if (given("schedule")) {
        Schedule schedule;
        if (!Schedule::parse(value("schedule"), &schedule, error)) {
            *error = u"--schedule: "_s + *error;
            return false;
        }
        job->schedule = schedule.toString();
    }
    if (given("window")) {
        RunWindow window;
        if (!RunWindow::parse(value("window"), &window, error)) {
            *error = u"--window: "_s + *error;
            return false;
        }
        job->window = window.toString();
    }
    if (given("bandwidth") && !parseBandwidth(value("bandwidth"), &job->bandwidth, error)) {
        *error = u"--bandwidth: "_s + *error;
        return false;
    }
    if (given("disabled"))
        job->enabled = false;
    return true;
}

bool JobOptions::readToken(const QCommandLineParser &parser, QByteArray *token,
                           QString *error) const {
    const bool fromFile = parser.isSet(u"token-file"_s);
    const bool fromStdin = parser.isSet(u"token-stdin"_s);
    if (fromFile && fromStdin) {
        *error = u"give either --token-file or --token-stdin, not both"_s;
        return false;
    }
    if (fromFile) {
        QFile file(parser.value(u"token-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"--token-file: cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
            return false;
        }
        *token = file.readAll().trimmed();
    } else if (fromStdin) {
        QTextStream input(stdin);
        *token = input.readLine().trimmed().toUtf8();
    }
    if ((fromFile || fromStdin) && token->isEmpty()) {
        *error = u"the token given is empty"_s;
        return false;
    }
    if (token->contains(' ') || token->contains('\n')) {
        *error = u"the token given contains white space; give the token alone"_s;
        return false;
    }
    return true;
}

QString JobOptions::describe(const Job &job) {
    auto orNone = [](const QString &text) {
        return text.isEmpty() ? u"(none)"_s : text;
    };
    QStringList lines;
    lines << u"Job %1: %2%3"_s.arg(job.id).arg(job.name, job.enabled ? QString() : u" (disabled)"_s)
          << u"  source archive:    %1"_s.arg(job.sourceDir)
          << u"  access scope:      %1"_s.arg(job.tenants.isEmpty() ? u"all tenants"_s
                                                                    : job.tenants.join(u", "_s))
          << u"  target:            %1"_s.arg(job.targetUrl.toDisplayString())
          << u"  SSL verify:        %1"_s.arg(job.sslVerify ? u"yes"_s : u"no"_s)
          << u"  CA file:           %1"_s.arg(orNone(job.caFile))
          << u"  token:             %1"_s.arg(
                 job.tokenRef.isEmpty() ? u"(not set)"_s
                                        : u"stored (keychain entry %1)"_s.arg(job.tokenRef))
          << u"  parallel uploads:  %1"_s.arg(job.parallel)
          << u"  chunk size:        %1"_s.arg(formatSize(job.chunkSize))
          << u"  mode:              %1"_s.arg(modeToString(job.mode))
          << u"  data:              %1"_s.arg(dataKindsToString(job.data))
          << u"  remove after:      %1"_s.arg(job.removeAfter ? u"yes"_s : u"no"_s)
          << u"  filter:            %1"_s.arg(
                 job.filter.isEmpty()
                     ? u"(none)"_s
                     : QString::fromUtf8(QJsonDocument(job.filter).toJson(QJsonDocument::Compact)))
          << u"  schedule:          %1"_s.arg(job.schedule)
          << u"  run window:        %1"_s.arg(job.window.isEmpty() ? u"always"_s : job.window)
          << u"  bandwidth cap:     %1"_s.arg(
                 job.bandwidth > 0 ? formatBandwidth(job.bandwidth) + u"/s"_s : u"none"_s)
          << u"  assign categories: %1"_s.arg(orNone(job.assignCategories.join(u", "_s)))
          << u"  unassign:          %1"_s.arg(orNone(job.unassignCategories.join(u", "_s)));
    return lines.join(u'\n');
}

} // namespace Replicall
