// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "engine/RunLock.h"
#include "model/Job.h"
#include "store/FailureStore.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"
#include "store/StatsStore.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

struct Status {
    Job job;
    QString runningIn;
    qint64 ledgerCount = 0;
    QList<RunRecord> runs;
    QList<DayStats> days;
    DayStats totals;
    QList<FailureRecord> failures;
};

QJsonObject toJson(const Status &status) {
    QJsonArray runs;
    for (const RunRecord &run : status.runs) {
        runs.append(
            QJsonObject{{u"id"_s, run.id},
                        {u"started"_s, run.startedAt.toString(Qt::ISODate)},
                        {u"finished"_s, run.finishedAt.isValid()
                                            ? QJsonValue(run.finishedAt.toString(Qt::ISODate))
                                            : QJsonValue()},
                        {u"status"_s, runStatusToString(run.status)},
                        {u"trigger"_s, run.trigger},
                        {u"matched"_s, run.matched},
                        {u"uploaded"_s, run.uploaded},
                        {u"skipped"_s, run.skipped},
                        {u"failed"_s, run.failed},
                        {u"bytes"_s, run.bytes},
                        {u"message"_s, run.message}});
    }
    auto dayJson = [](const DayStats &day) {
        return QJsonObject{{u"day"_s, day.day},
                           {u"replicated"_s, day.replicated},
                           {u"skipped"_s, day.skipped},
                           {u"failed"_s, day.failed},
                           {u"bytes"_s, day.bytes}};
    };
    QJsonArray days;
    for (const DayStats &day : status.days)
        days.append(dayJson(day));
    QJsonArray failures;
    for (const FailureRecord &failure : status.failures) {
        failures.append(QJsonObject{{u"recording"_s, failure.recordingId},
                                    {u"kind"_s, failureKindToString(failure.kind)},
                                    {u"cause"_s, failure.cause},
                                    {u"attempts"_s, failure.attempts},
                                    {u"last"_s, failure.lastAt.toString(Qt::ISODate)}});
    }
    QJsonObject totals = dayJson(status.totals);
    totals.remove(u"day"_s);
    return QJsonObject{{u"job"_s, status.job.name},
                       {u"id"_s, status.job.id},
                       {u"enabled"_s, status.job.enabled},
                       {u"running"_s, !status.runningIn.isEmpty()},
                       {u"runningIn"_s, status.runningIn},
                       {u"replicatedRecordings"_s, status.ledgerCount},
                       {u"runs"_s, runs},
                       {u"days"_s, days},
                       {u"totals"_s, totals},
                       {u"failures"_s, failures}};
}

void printText(const Status &status) {
    Console::out(u"Job '%1' (%2)%3"_s.arg(status.job.name)
                     .arg(status.job.id)
                     .arg(status.runningIn.isEmpty() ? QString()
                                                     : u", running now in "_s + status.runningIn));
    Console::out(u"Recordings at the target: %1"_s.arg(status.ledgerCount));
    Console::out(QString());
    Console::out(u"Last runs:"_s);
    if (status.runs.isEmpty())
        Console::out(u"  (none yet)"_s);
    for (const RunRecord &run : status.runs) {
        Console::out(u"  #%1 %2  %3  %4 uploaded, %5 skipped, %6 failed, %7%8"_s.arg(run.id)
                         .arg(run.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                         .arg(runStatusToString(run.status), -11)
                         .arg(run.uploaded)
                         .arg(run.skipped)
                         .arg(run.failed)
                         .arg(formatSize(run.bytes))
                         .arg(run.message.isEmpty() ? QString() : u"  ("_s + run.message + u")"_s));
    }
    Console::out(QString());
    Console::out(u"Per day (by call date):"_s);
    Console::out(u"  %1  %2  %3  %4  %5"_s.arg(u"DAY"_s, -10)
                     .arg(u"REPLICATED"_s, 10)
                     .arg(u"SKIPPED"_s, 8)
                     .arg(u"FAILED"_s, 7)
                     .arg(u"BYTES"_s, 10));
    auto dayLine = [](const DayStats &day, const QString &label) {
        return u"  %1  %2  %3  %4  %5"_s.arg(label, -10)
            .arg(day.replicated, 10)
            .arg(day.skipped, 8)
            .arg(day.failed, 7)
            .arg(formatSize(day.bytes), 10);
    };
    for (const DayStats &day : status.days)
        Console::out(dayLine(day, day.day));
    Console::out(dayLine(status.totals, u"total"_s));
    if (!status.failures.isEmpty()) {
        Console::out(QString());
        Console::out(u"Failed recordings:"_s);
        for (const FailureRecord &failure : status.failures)
            Console::out(u"  %1 (%2, %3 attempts): %4"_s
                             .arg(failure.recordingId, failureKindToString(failure.kind))
                             .arg(failure.attempts)
                             .arg(failure.cause));
    }
}

} // namespace

int StatusCommand::run(CliContext &context) {
    QCommandLineParser parser;
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    parser.addOption({u"json"_s, u"Print JSON."_s});
    parser.addOption({u"days"_s, u"Per-day statistics of the last N call days (default 14)."_s,
                      u"N"_s, u"14"_s});
    parser.addOption({u"runs"_s, u"How many recent runs to show (default 10)."_s, u"N"_s, u"10"_s});
    if (const auto exit =
            context.parse(parser, u"status"_s, u"Show a job's last runs and per-day statistics."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli status: name one job (its name or id)"_s);
        return 2;
    }
    bool daysOk = false, runsOk = false;
    const int days = parser.value(u"days"_s).toInt(&daysOk);
    const int runs = parser.value(u"runs"_s).toInt(&runsOk);
    if (!daysOk || days < 1 || !runsOk || runs < 1) {
        Console::err(
            u"replicall-cli status: --days and --runs take a whole number of at least 1"_s);
        return 2;
    }
    Status status;
    if (!context.openDatabase() ||
        !context.resolveJob(parser.positionalArguments().first(), &status.job))
        return 1;

    QString error;
    status.runningIn = RunLock::holder(context.databasePath(), status.job.id);
    status.ledgerCount = LedgerStore::count(status.job.id, &error);
    const auto recentRuns = RunStore::recent(status.job.id, runs, &error);
    const auto dayStats = StatsStore::days(status.job.id, QDate(), QDate(), &error);
    const auto totals = StatsStore::totals(status.job.id, QDate(), QDate(), &error);
    const auto failures = FailureStore::list(status.job.id, &error);
    if (status.ledgerCount < 0 || !recentRuns || !dayStats || !totals || !failures) {
        Console::err(u"replicall-cli status: "_s + error);
        return 1;
    }
    status.runs = *recentRuns;
    status.totals = *totals;
    status.failures = *failures;
    // The most recent call days that saw activity, oldest first.
    const QList<DayStats> &all = *dayStats;
    status.days = all.mid(qMax<qsizetype>(0, all.size() - days));

    if (parser.isSet(u"json"_s))
        Console::json(QJsonDocument(toJson(status)));
    else
        printText(status);
    return 0;
}

} // namespace Replicall
