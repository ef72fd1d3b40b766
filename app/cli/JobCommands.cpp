// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobCommands.h"

#include "CliContext.h"
#include "Console.h"
#include "JobOptions.h"
#include "PreviewCommand.h"
#include "filter/Filter.h"
#include "model/Job.h"
#include "schedule/Clock.h"
#include "schedule/NextRun.h"
#include "secrets/SecretStore.h"
#include "store/JobStore.h"
#include "store/RunStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

// Stores the token under a fresh reference and points the job at it.
bool storeToken(CliContext &context, Job *job, const QByteArray &token) {
    if (job->tokenRef.isEmpty())
        job->tokenRef = u"token-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    if (!context.secrets().write(job->tokenRef, token, &error)) {
        Console::err(
            u"replicall-cli: cannot store the token of job '%1': %2"_s.arg(job->name, error));
        return false;
    }
    if (!context.secrets().warning().isEmpty())
        Console::err(u"warning: "_s + context.secrets().warning());
    return true;
}

int add(CliContext &context) {
    QCommandLineParser parser;
    JobOptions options;
    options.addTo(parser, JobOptions::ForAdd);
    if (const auto exit = context.parse(parser, u"job add"_s, u"Create a replication job."_s))
        return *exit;
    if (!context.openDatabase())
        return 1;

    Job job;
    QString error;
    QByteArray token;
    if (!options.apply(parser, &job, &error) || !options.readToken(parser, &token, &error)) {
        Console::err(u"replicall-cli job add: "_s + error);
        return 2;
    }
    if (token.isEmpty()) {
        Console::err(
            u"replicall-cli job add: a replication token is needed: give --token-file FILE "
            u"or --token-stdin"_s);
        return 2;
    }
    const QStringList problems = validateJob(job);
    if (!problems.isEmpty()) {
        for (const QString &problem : problems)
            Console::err(u"replicall-cli job add: "_s + problem);
        return 2;
    }
    if (JobStore::byName(job.name, &error)) {
        Console::err(u"replicall-cli job add: a job named '%1' already exists"_s.arg(job.name));
        return 1;
    }
    if (!storeToken(context, &job, token))
        return 1;
    if (!JobStore::add(job, &error)) {
        context.secrets().remove(job.tokenRef, &error);
        Console::err(u"replicall-cli job add: "_s + error);
        return 1;
    }
    Console::out(u"Created job %1 '%2'."_s.arg(job.id).arg(job.name));
    return 0;
}

int list(CliContext &context) {
    QCommandLineParser parser;
    parser.addOption({u"json"_s, u"Print JSON."_s});
    if (const auto exit = context.parse(parser, u"job list"_s, u"List the replication jobs."_s))
        return *exit;
    if (!context.openDatabase())
        return 1;
    QString error;
    const std::optional<QList<Job>> found = JobStore::all(&error);
    if (!found) {
        Console::err(u"replicall-cli job list: "_s + error);
        return 1;
    }
    const QList<Job> &jobs = *found;
    if (parser.isSet(u"json"_s)) {
        QJsonArray array;
        for (const Job &job : jobs) {
            QJsonObject object = jobToJson(job);
            object.insert(u"id"_s, job.id);
            array.append(object);
        }
        Console::json(QJsonDocument(array));
        return 0;
    }
    if (jobs.isEmpty()) {
        Console::out(u"No jobs. Create one with 'replicall-cli job add'."_s);
        return 0;
    }
    Console::out(u"%1  %2  %3  %4  %5"_s.arg(u"ID"_s, 4)
                     .arg(u"NAME"_s, -24)
                     .arg(u"MODE"_s, -11)
                     .arg(u"SCHEDULE"_s, -20)
                     .arg(u"TARGET"_s));
    for (const Job &job : jobs) {
        Console::out(u"%1  %2  %3  %4  %5"_s.arg(job.id, 4)
                         .arg(job.name, -24)
                         .arg(modeToString(job.mode), -11)
                         .arg(job.enabled ? job.schedule : job.schedule + u" (disabled)"_s, -20)
                         .arg(job.targetUrl.toDisplayString()));
    }
    return 0;
}

// "Next runs" of 'job show', counted from the job's last run as the scheduler does.
void printNextRuns(const Job &job) {
    constexpr int Count = 5;
    Schedule schedule;
    RunWindow window;
    QString error;
    if (!Schedule::parse(job.schedule, &schedule, &error) ||
        !RunWindow::parse(job.window, &window, &error)) {
        Console::out(u"  next runs:         none (%1)"_s.arg(error));
        return;
    }
    QDateTime lastStart;
    if (const auto runs = RunStore::recent(job.id, 1, &error); runs && !runs->isEmpty())
        lastStart = runs->first().startedAt;
    const SystemClock clock;
    const QList<QDateTime> runs =
        upcoming(schedule, window, lastStart, clock.nowUtc(), clock.zone(), Count);
    if (!job.enabled || runs.isEmpty()) {
        Console::out(u"  next runs:         none (%1)"_s.arg(
            !job.enabled ? u"disabled"_s : u"runs only when started by hand"_s));
        return;
    }
    QStringList times;
    for (const QDateTime &run : runs)
        times << run.toTimeZone(clock.zone()).toString(u"yyyy-MM-dd HH:mm t"_s);
    Console::out(u"  next runs:         %1"_s.arg(times.join(u"\n                     "_s)));
}

int show(CliContext &context) {
    QCommandLineParser parser;
    parser.addOption({u"json"_s, u"Print JSON."_s});
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    if (const auto exit = context.parse(parser, u"job show"_s, u"Show a job's settings."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli job show: name one job (its name or id)"_s);
        return 2;
    }
    Job job;
    if (!context.openDatabase() || !context.resolveJob(parser.positionalArguments().first(), &job))
        return 1;
    if (parser.isSet(u"json"_s)) {
        QJsonObject object = jobToJson(job);
        object.insert(u"id"_s, job.id);
        Console::json(QJsonDocument(object));
        return 0;
    }
    Console::out(JobOptions::describe(job));
    printNextRuns(job);
    return 0;
}

int remove(CliContext &context) {
    QCommandLineParser parser;
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    if (const auto exit = context.parse(parser, u"job remove"_s,
                                        u"Delete a job with its ledger, statistics and token."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli job remove: name one job (its name or id)"_s);
        return 2;
    }
    Job job;
    if (!context.openDatabase() || !context.resolveJob(parser.positionalArguments().first(), &job))
        return 1;
    QString error;
    if (!JobStore::remove(job.id, &error)) {
        Console::err(u"replicall-cli job remove: "_s + error);
        return 1;
    }
    if (!job.tokenRef.isEmpty() && !context.secrets().remove(job.tokenRef, &error))
        Console::err(
            u"warning: the token of job '%1' could not be removed: %2"_s.arg(job.name, error));
    Console::out(u"Removed job '%1'."_s.arg(job.name));
    return 0;
}

int exportJob(CliContext &context) {
    QCommandLineParser parser;
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    parser.addOption({u"output"_s, u"Write to FILE instead of standard output."_s, u"FILE"_s});
    if (const auto exit = context.parse(parser, u"job export"_s,
                                        u"Write a job's settings as JSON (never its token)."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli job export: name one job (its name or id)"_s);
        return 2;
    }
    Job job;
    if (!context.openDatabase() || !context.resolveJob(parser.positionalArguments().first(), &job))
        return 1;
    QJsonObject object = jobToJson(job);
    object.remove(
        u"tokenRef"_s); // a reference into this machine's keychain means nothing elsewhere
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    if (!parser.isSet(u"output"_s)) {
        fputs(json.constData(), stdout);
        return 0;
    }
    QSaveFile file(parser.value(u"output"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        Console::err(u"replicall-cli job export: cannot write %1: %2"_s.arg(file.fileName(),
                                                                            file.errorString()));
        return 1;
    }
    Console::out(u"Exported job '%1' to %2."_s.arg(job.name, file.fileName()));
    return 0;
}

int importJob(CliContext &context) {
    QCommandLineParser parser;
    JobOptions options;
    options.addTo(parser, JobOptions::ForImport);
    parser.addPositionalArgument(u"FILE"_s,
                                 u"A job exported with 'job export' (- for standard input)."_s);
    if (const auto exit =
            context.parse(parser, u"job import"_s, u"Create a job from exported JSON."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli job import: name one file"_s);
        return 2;
    }
    if (!context.openDatabase())
        return 1;
    const QString path = parser.positionalArguments().first();
    QFile file;
    const bool opened = path == u"-"_s ? file.open(stdin, QIODevice::ReadOnly)
                                       : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        Console::err(
            u"replicall-cli job import: cannot read %1: %2"_s.arg(path, file.errorString()));
        return 1;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        Console::err(u"replicall-cli job import: %1 is not a JSON object: %2 at offset %3"_s
                         .arg(path, parseError.errorString())
                         .arg(parseError.offset));
        return 2;
    }
    Job job;
    QString error;
    QByteArray token;
    if (!jobFromJson(document.object(), &job, &error)) {
        Console::err(u"replicall-cli job import: %1: %2"_s.arg(path, error));
        return 2;
    }
    if (!Filter::fromJson(job.filter, &error)) {
        Console::err(u"replicall-cli job import: %1: filter: %2"_s.arg(path, error));
        return 2;
    }
    job.id = 0;
    job.tokenRef.clear();
    if (!options.apply(parser, &job, &error) || !options.readToken(parser, &token, &error)) {
        Console::err(u"replicall-cli job import: "_s + error);
        return 2;
    }
    const QStringList problems = validateJob(job);
    if (!problems.isEmpty()) {
        for (const QString &problem : problems)
            Console::err(u"replicall-cli job import: "_s + problem);
        return 2;
    }
    if (JobStore::byName(job.name, &error)) {
        Console::err(
            u"replicall-cli job import: a job named '%1' already exists; give --name"_s.arg(
                job.name));
        return 1;
    }
    if (!token.isEmpty() && !storeToken(context, &job, token))
        return 1;
    if (!JobStore::add(job, &error)) {
        Console::err(u"replicall-cli job import: "_s + error);
        return 1;
    }
    Console::out(u"Imported job %1 '%2'."_s.arg(job.id).arg(job.name));
    if (token.isEmpty())
        Console::err(
            u"note: the job has no token yet; set one with 'replicall-cli job set-token %1 --token-stdin'"_s
                .arg(job.name));
    return 0;
}

int setToken(CliContext &context) {
    QCommandLineParser parser;
    JobOptions options;
    options.addTo(parser, JobOptions::TokenOnly);
    parser.addPositionalArgument(u"JOB"_s, u"The job's name or id."_s);
    if (const auto exit =
            context.parse(parser, u"job set-token"_s, u"Replace a job's replication token."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        Console::err(u"replicall-cli job set-token: name one job (its name or id)"_s);
        return 2;
    }
    Job job;
    if (!context.openDatabase() || !context.resolveJob(parser.positionalArguments().first(), &job))
        return 1;
    QString error;
    QByteArray token;
    if (!options.readToken(parser, &token, &error) || token.isEmpty()) {
        Console::err(u"replicall-cli job set-token: "_s +
                     (error.isEmpty() ? u"give --token-file FILE or --token-stdin"_s : error));
        return 2;
    }
    const bool hadRef = !job.tokenRef.isEmpty();
    if (!storeToken(context, &job, token))
        return 1;
    if (!hadRef && !JobStore::update(job, &error)) {
        Console::err(u"replicall-cli job set-token: "_s + error);
        return 1;
    }
    Console::out(u"Stored the token of job '%1'."_s.arg(job.name));
    return 0;
}

} // namespace

int JobCommands::run(CliContext &context) {
    QStringList arguments = context.arguments();
    const QString sub = arguments.isEmpty() ? QString() : arguments.takeFirst();
    CliContext subContext(context.databasePath(), arguments);
    if (sub == u"add"_s)
        return add(subContext);
    if (sub == u"list"_s)
        return list(subContext);
    if (sub == u"show"_s)
        return show(subContext);
    if (sub == u"preview"_s)
        return PreviewCommand::run(subContext);
    if (sub == u"remove"_s)
        return remove(subContext);
    if (sub == u"export"_s)
        return exportJob(subContext);
    if (sub == u"import"_s)
        return importJob(subContext);
    if (sub == u"set-token"_s)
        return setToken(subContext);
    Console::err(
        u"replicall-cli job: say add, list, show, preview, remove, export, import or set-token"_s);
    return 2;
}

} // namespace Replicall
