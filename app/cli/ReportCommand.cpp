// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "model/Job.h"
#include "report/ReportExporter.h"

#include <QFileInfo>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

int usageError(const QString &message) {
    Console::err(u"replicall-cli report: "_s + message);
    Console::err(u"Try 'replicall-cli report --help'."_s);
    return 2;
}

bool parseDate(const QString &text, const QString &option, QDate *out, QString *error) {
    *out = QDate::fromString(text, Qt::ISODate);
    if (text.size() != 10 || !out->isValid()) {
        *error = u"--%1 '%2' is not a date; write it as YYYY-MM-DD"_s.arg(option, text);
        return false;
    }
    return true;
}

} // namespace

bool ReportCommand::isReportCommand(int argc, char **argv) {
    // The first word that is neither an option nor the value of --db.
    for (int i = 1; i < argc; ++i) {
        const QByteArray word(argv[i]);
        if (word == "--db") {
            ++i;
            continue;
        }
        if (!word.startsWith('-'))
            return word == "report";
    }
    return false;
}

std::unique_ptr<QCoreApplication> ReportCommand::makeApplication(int &argc, char **argv) {
    if (!isReportCommand(argc, argv))
        return std::make_unique<QCoreApplication>(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return std::make_unique<QGuiApplication>(argc, argv);
}

int ReportCommand::run(CliContext &context) {
    QCommandLineParser parser;
    parser.addOption(
        {u"job"_s, u"Report on this job only (its name or id); default: every job."_s, u"JOB"_s});
    parser.addOption({u"from"_s, u"First call day of the report (YYYY-MM-DD, UTC)."_s, u"DATE"_s});
    parser.addOption({u"to"_s, u"Last call day of the report (YYYY-MM-DD, UTC)."_s, u"DATE"_s});
    parser.addOption(
        {u"format"_s, u"csv, html or pdf; default: from the output file's suffix."_s, u"FORMAT"_s});
    parser.addOption({u"output"_s, u"The file to write (replaced if it exists)."_s, u"FILE"_s});
    if (const auto exit = context.parse(
            parser, u"report"_s,
            u"Export per-day statistics, runs, failed recordings and coverage of one job or "
            u"all jobs as CSV, HTML or PDF."_s))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().first()));

    for (const QString &required : {u"from"_s, u"to"_s, u"output"_s}) {
        if (!parser.isSet(required))
            return usageError(u"--%1 is required"_s.arg(required));
    }
    ReportRequest request;
    QString error;
    if (!parseDate(parser.value(u"from"_s), u"from"_s, &request.from, &error) ||
        !parseDate(parser.value(u"to"_s), u"to"_s, &request.to, &error))
        return usageError(error);
    request.outputPath = parser.value(u"output"_s);
    if (parser.isSet(u"format"_s)) {
        if (!reportFormatFromString(parser.value(u"format"_s), &request.format, &error))
            return usageError(error);
    } else if (!reportFormatFromFileName(request.outputPath, &request.format)) {
        return usageError(u"--format is required when the output file does not end in .csv, "
                          u".html or .pdf"_s);
    }
    if (const QString problem = request.validate(); !problem.isEmpty())
        return usageError(problem);

    if (!context.openDatabase())
        return 1;
    if (parser.isSet(u"job"_s)) {
        Job job;
        if (!context.resolveJob(parser.value(u"job"_s), &job))
            return 1;
        request.jobId = job.id;
    }
    if (!ReportExporter::write(request, &error)) {
        Console::err(u"replicall-cli report: "_s + error);
        return 1;
    }
    Console::out(
        u"Wrote the %1 report to %2"_s.arg(reportFormatToString(request.format).toUpper(),
                                           QFileInfo(request.outputPath).absoluteFilePath()));
    return 0;
}

} // namespace Replicall
