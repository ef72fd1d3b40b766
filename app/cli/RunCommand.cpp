// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "StopSignals.h"
#include "engine/JobRunner.h"
#include "model/Job.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr int PlainProgressIntervalMs = 5000;

QJsonObject summaryToJson(const RunSummary &summary) {
    QJsonArray failures;
    for (const RecordingFailure &failure : summary.failures) {
        failures.append(QJsonObject{{u"recording"_s, failure.recordingId},
                                    {u"kind"_s, failure.kind},
                                    {u"cause"_s, failure.cause}});
    }
    return QJsonObject{{u"job"_s, summary.jobName},
                       {u"run"_s, summary.runId},
                       {u"status"_s, summary.status},
                       {u"matched"_s, summary.matched},
                       {u"uploaded"_s, summary.uploaded},
                       {u"skipped"_s, summary.skipped},
                       {u"failed"_s, summary.failed},
                       {u"deferred"_s, summary.deferred},
                       {u"bytes"_s, summary.bytes},
                       {u"seconds"_s, summary.seconds},
                       {u"message"_s, summary.message},
                       {u"failures"_s, failures},
                       {u"targetPaths"_s, QJsonArray::fromStringList(summary.targetPaths)}};
}

void printSummary(const RunSummary &summary) {
    Console::out(u"Job '%1' %2: %3 uploaded, %4 skipped, %5 failed, %6 deferred; %7 in %8 s."_s
                     .arg(summary.jobName, summary.status)
                     .arg(summary.uploaded)
                     .arg(summary.skipped)
                     .arg(summary.failed)
                     .arg(summary.deferred)
                     .arg(formatSize(summary.bytes))
                     .arg(summary.seconds, 0, 'f', 1));
}

// On stderr also with --json, so that a script sees why a run failed.
void printProblems(const RunSummary &summary) {
    if (!summary.message.isEmpty())
        Console::err(summary.message);
    for (const RecordingFailure &failure : summary.failures)
        Console::err(u"failed: recording %1: %2"_s.arg(failure.recordingId, failure.cause));
}

} // namespace

int RunCommand::run(CliContext &context) {
    QCommandLineParser parser;
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    parser.addOption({u"json"_s, u"Print a JSON summary at the end instead of text."_s});
    if (const auto exit = context.parse(parser, u"run"_s, u"Run a replication job now."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli run: name one job (its name or id)"_s);
        return 2;
    }
    Job job;
    if (!context.openDatabase() || !context.resolveJob(parser.positionalArguments().first(), &job))
        return 1;

    const bool asJson = parser.isSet(u"json"_s);
    const bool terminal = !asJson && Console::stdoutIsTerminal();
    JobRunner runner(context.databasePath(), &context.secrets());
    RunSummary summary;
    QString lastPhase;
    QElapsedTimer sincePlain;
    sincePlain.start();

    QObject::connect(&runner, &JobRunner::progress, &runner, [&](const RunProgress &progress) {
        if (asJson)
            return;
        if (terminal) {
            fprintf(stdout, "\r\033[K%s", qPrintable(Console::progressLine(progress, 30)));
            fflush(stdout);
        } else if (progress.phase != lastPhase || sincePlain.elapsed() >= PlainProgressIntervalMs) {
            Console::out(progress.phase + u": "_s + Console::progressLine(progress, 20));
            sincePlain.restart();
        }
        lastPhase = progress.phase;
    });
    QObject::connect(&runner, &JobRunner::finished, &runner, [&](const RunSummary &result) {
        summary = result;
        QCoreApplication::quit();
    });

    // SIGINT/SIGTERM stop the run cleanly: in-flight uploads stay resumable.
    StopSignals stopSignals;
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &runner, [&runner] {
        Console::err(u"\nStopping: unfinished uploads resume on the next run."_s);
        runner.stop();
    });

    QMetaObject::invokeMethod(
        &runner, [&] { runner.start(job, u"manual"_s); }, Qt::QueuedConnection);
    QCoreApplication::exec();
    if (terminal)
        fputs("\n", stdout);

    if (asJson)
        Console::json(QJsonDocument(summaryToJson(summary)));
    else
        printSummary(summary);
    printProblems(summary);
    return summary.ok() ? 0 : 1;
}

} // namespace Replicall
