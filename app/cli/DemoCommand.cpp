// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "model/Job.h"
#include "source/DemoArchiveWriter.h"

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

bool readNumber(const QCommandLineParser &parser, const QString &option, int min, int max,
                int *out) {
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < min || value > max) {
        Console::err(
            u"replicall-cli demo-archive: --%1 takes a whole number from %2 to %3, not '%4'"_s
                .arg(option)
                .arg(min)
                .arg(max)
                .arg(parser.value(option)));
        return false;
    }
    *out = value;
    return true;
}

} // namespace

int DemoCommand::run(CliContext &context) {
    QCommandLineParser parser;
    parser.addOption({u"out"_s, u"The folder to write the archive to."_s, u"DIR"_s});
    parser.addOption({u"calls"_s, u"How many calls (1-10000000)."_s, u"N"_s});
    parser.addOption({u"days"_s, u"Spread the calls over the last D days (default 7)."_s, u"D"_s});
    parser.addOption({u"tenants"_s, u"Tenant ids (default acme,globex)."_s, u"LIST"_s});
    parser.addOption(
        {u"seed"_s, u"Seed: the same seed writes the same calls (default 1)."_s, u"S"_s});
    parser.addOption(
        {u"max-duration"_s, u"Longest call in seconds (default 120)."_s, u"SECONDS"_s});
    if (const auto exit = context.parse(parser, u"demo-archive"_s,
                                        u"Write a demo recording archive: playable WAV audio, JSON "
                                        u"sidecars and a users configuration."_s))
        return *exit;
    if (!parser.isSet(u"out"_s) || !parser.isSet(u"calls"_s)) {
        Console::err(u"replicall-cli demo-archive: --out DIR and --calls N are required"_s);
        return 2;
    }
    DemoOptions options;
    options.outDir = parser.value(u"out"_s);
    options.maxDurationSeconds = 120; // keeps a demo of a few hundred calls at a few hundred MiB
    int seed = 1;
    if (!readNumber(parser, u"calls"_s, 1, 10'000'000, &options.calls) ||
        !readNumber(parser, u"days"_s, 1, 3650, &options.days) ||
        !readNumber(parser, u"seed"_s, 0, std::numeric_limits<int>::max(), &seed) ||
        !readNumber(parser, u"max-duration"_s, 1, 36000, &options.maxDurationSeconds))
        return 2;
    options.seed = quint32(seed);
    options.minDurationSeconds = qMin(options.minDurationSeconds, options.maxDurationSeconds);
    if (parser.isSet(u"tenants"_s))
        options.tenants = parser.value(u"tenants"_s).split(u',', Qt::SkipEmptyParts);

    const QString problem = DemoArchiveWriter::validate(options);
    if (!problem.isEmpty()) {
        Console::err(u"replicall-cli demo-archive: "_s + problem);
        return 2;
    }
    DemoResult result;
    QString error;
    if (!DemoArchiveWriter::write(options, &result, &error)) {
        Console::err(u"replicall-cli demo-archive: "_s + error);
        return 1;
    }
    Console::out(
        u"Wrote %1 calls (%2 of audio) for tenants %3 to %4."_s.arg(result.calls)
            .arg(formatSize(result.audioBytes), options.tenants.join(u", "_s), options.outDir));
    return 0;
}

} // namespace Replicall
