// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreviewCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "model/Job.h"
#include "service/JobPreview.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr int DefaultSample = 10;
constexpr int MaxSample = 1000;

QJsonObject toJson(const Job &job, const JobPreviewResult &preview) {
    QJsonArray sample;
    for (const Recording &r : preview.sample) {
        sample.append(QJsonObject{{u"id"_s, r.id},
                                  {u"tenant"_s, r.tenant},
                                  {u"start"_s, r.start.toString(Qt::ISODate)},
                                  {u"durationMs"_s, r.durationMs},
                                  {u"direction"_s, r.direction},
                                  {u"audioBytes"_s, r.audioSize}});
    }
    return QJsonObject{{u"job"_s, job.name},
                       {u"mode"_s, modeToString(job.mode)},
                       {u"matching"_s, preview.matching},
                       {u"matchingBytes"_s, preview.matchingBytes},
                       {u"toSend"_s, preview.toSend},
                       {u"toSendBytes"_s, preview.toSendBytes},
                       {u"sample"_s, sample},
                       {u"problems"_s, QJsonArray::fromStringList(preview.problems)}};
}

void printText(const Job &job, const JobPreviewResult &preview) {
    Console::out(u"Job '%1' (%2 mode)"_s.arg(job.name, modeToString(job.mode)));
    Console::out(u"  matching scope and filter: %1 recordings, %2"_s.arg(preview.matching)
                     .arg(formatSize(preview.matchingBytes)));
    const QString note = job.mode == ReplicationMode::Full
                             ? u" (at most: the target is asked which it already holds)"_s
                             : u" (not yet in the job's ledger)"_s;
    Console::out(u"  would send now:            %1 recordings, %2%3"_s.arg(preview.toSend)
                     .arg(formatSize(preview.toSendBytes), note));
    if (!preview.sample.isEmpty()) {
        Console::out(u"  first %1:"_s.arg(preview.sample.size()));
        for (const Recording &r : preview.sample) {
            Console::out(u"    %1  %2  %3  %4"_s.arg(r.start.toString(Qt::ISODate), r.tenant)
                             .arg(r.id, -24)
                             .arg(formatSize(r.audioSize)));
        }
    }
    for (const QString &problem : preview.problems)
        Console::err(u"problem: "_s + problem);
}

} // namespace

int PreviewCommand::run(CliContext &context) {
    QCommandLineParser parser;
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    parser.addOption({u"json"_s, u"Print JSON."_s});
    parser.addOption(
        {u"sample"_s,
         u"List the first N recordings a run would send (default %1)."_s.arg(DefaultSample),
         u"N"_s});
    if (const auto exit = context.parse(
            parser, u"job preview"_s,
            u"Index the job's archive and show what a run would send now, without sending."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli job preview: name one job (its name or id)"_s);
        return 2;
    }
    int sample = DefaultSample;
    if (parser.isSet(u"sample"_s)) {
        bool ok = false;
        sample = parser.value(u"sample"_s).toInt(&ok);
        if (!ok || sample < 0 || sample > MaxSample) {
            Console::err(u"replicall-cli job preview: --sample: '%1' is not a number from 0 to %2"_s
                             .arg(parser.value(u"sample"_s))
                             .arg(MaxSample));
            return 2;
        }
    }
    Job job;
    if (!context.openDatabase() || !context.resolveJob(parser.positionalArguments().first(), &job))
        return 1;
    const JobPreviewResult preview = JobPreview::compute(job, sample);
    if (!preview.ok()) {
        Console::err(u"replicall-cli job preview: "_s + preview.error);
        return 1;
    }
    if (parser.isSet(u"json"_s))
        Console::json(QJsonDocument(toJson(job, preview)));
    else
        printText(job, preview);
    return 0;
}

} // namespace Replicall
