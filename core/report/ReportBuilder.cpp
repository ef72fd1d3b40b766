// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportBuilder.h"

#include "filter/Filter.h"
#include "report/CatalogCounts.h"
#include "store/Database.h"
#include "store/JobStore.h"
#include "store/Sql.h"
#include "store/StatsStore.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

void addTo(ReportDay *sum, const ReportDay &day) {
    sum->matched += day.matched;
    sum->replicated += day.replicated;
    sum->skipped += day.skipped;
    sum->failed += day.failed;
    sum->bytes += day.bytes;
}

// Every day of the range, also those without any activity: a gap is news.
std::optional<QList<ReportDay>> readDays(const Job &job, const QDate &from, const QDate &to,
                                         const QHash<QDate, qint64> &matched, QString *error) {
    const std::optional<QList<DayStats>> stats = StatsStore::days(job.id, from, to, error);
    if (!stats)
        return std::nullopt;
    QHash<QDate, DayStats> byDay;
    for (const DayStats &day : *stats)
        byDay.insert(QDate::fromString(day.day, Qt::ISODate), day);

    QList<ReportDay> days;
    days.reserve(from.daysTo(to) + 1);
    for (QDate date = from; date <= to; date = date.addDays(1)) {
        const DayStats counted = byDay.value(date);
        days.append({date, matched.value(date), counted.replicated, counted.skipped, counted.failed,
                     counted.bytes});
    }
    return days;
}

// Runs started within the range, newest first; RunStore reads each row so
// that the report shows runs exactly as the status page does.
bool readRuns(const Job &job, const QDate &from, const QDate &to, JobReport *report,
              QString *error) {
    const QString context = u"job '%1': cannot list its runs"_s.arg(job.name);
    const QVariantList range{job.id, Database::timeText(from.startOfDay(Qt::UTC)),
                             Database::timeText(to.addDays(1).startOfDay(Qt::UTC))};
    const QString where = u" FROM runs WHERE job_id = ? AND started_at >= ? AND started_at < ?"_s;
    std::optional<QSqlQuery> count = Sql::run(u"SELECT COUNT(*)"_s + where, range, context, error);
    if (!count || !count->next())
        return count ? Sql::fail(error, context) : false;
    report->runsInRange = count->value(0).toLongLong();

    std::optional<QSqlQuery> ids =
        Sql::run(u"SELECT id"_s + where + u" ORDER BY id DESC LIMIT ?"_s,
                 QVariantList(range) << ReportData::MaxRuns, context, error);
    if (!ids)
        return false;
    QList<qint64> runIds;
    while (ids->next())
        runIds.append(ids->value(0).toLongLong());
    for (qint64 runId : std::as_const(runIds)) {
        const std::optional<RunRecord> run = RunStore::byId(runId, error);
        if (!run)
            return false;
        report->runs.append(*run);
    }
    return true;
}

bool readFailures(const Job &job, const QDate &from, const QDate &to, JobReport *report,
                  QString *error) {
    const std::optional<QList<FailureRecord>> failures = FailureStore::list(job.id, error);
    if (!failures)
        return false;
    for (const FailureRecord &failure : *failures) {
        const QDate day = QDate::fromString(failure.day, Qt::ISODate);
        if (day >= from && day <= to)
            report->failures.append(failure);
    }
    return true;
}

QString describeFilter(const Job &job) {
    QString why;
    const std::optional<Filter> filter = Filter::fromJson(job.filter, &why);
    if (!filter)
        return u"(not valid: %1)"_s.arg(why);
    return filter->isEmpty() ? u"everything in scope"_s : filter->describe();
}

} // namespace

std::optional<JobReport> ReportBuilder::buildJob(const Job &job, const QDate &from, const QDate &to,
                                                 const QDateTime &nowUtc, QString *error) {
    CatalogCounts catalog(job, from, to, nowUtc);
    if (!catalog.read(error))
        return std::nullopt;

    JobReport report;
    report.job = job;
    report.coverage = catalog.coverage();
    report.filterText = describeFilter(job);
    const std::optional<QList<ReportDay>> days =
        readDays(job, from, to, catalog.matchedPerDay(), error);
    if (!days || !readRuns(job, from, to, &report, error) ||
        !readFailures(job, from, to, &report, error))
        return std::nullopt;
    report.days = *days;
    for (const ReportDay &day : std::as_const(report.days))
        addTo(&report.totals, day);
    return report;
}

std::optional<ReportData> ReportBuilder::build(const ReportRequest &request, QString *error) {
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        Sql::fail(error, problem);
        return std::nullopt;
    }
    QList<Job> jobs;
    if (request.jobId > 0) {
        std::optional<Job> job = JobStore::byId(request.jobId, error);
        if (!job)
            return std::nullopt;
        jobs.append(*job);
    } else {
        std::optional<QList<Job>> all = JobStore::all(error);
        if (!all)
            return std::nullopt;
        jobs = *all;
    }

    ReportData data;
    data.from = request.from;
    data.to = request.to;
    data.generatedAt =
        request.nowUtc.isValid() ? request.nowUtc.toUTC() : QDateTime::currentDateTimeUtc();
    data.allJobs = request.jobId == 0;
    for (const Job &job : std::as_const(jobs)) {
        std::optional<JobReport> report =
            buildJob(job, request.from, request.to, data.generatedAt, error);
        if (!report)
            return std::nullopt;
        data.jobs.append(*report);
    }
    return data;
}

} // namespace Replicall
