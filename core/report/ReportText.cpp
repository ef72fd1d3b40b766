// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Replicall::ReportText {
namespace {

QString yesNo(bool value) {
    return value ? u"yes"_s : u"no"_s;
}

QString listOr(const QStringList &values, const QString &none) {
    return values.isEmpty() ? none : values.join(u", "_s);
}

} // namespace

QList<QPair<QString, QString>> jobSettings(const JobReport &report) {
    const Job &job = report.job;
    return {
        {u"Name"_s, job.name},
        {u"Enabled"_s, yesNo(job.enabled)},
        {u"Source folder"_s, job.sourceDir},
        {u"Access scope (tenants)"_s, listOr(job.tenants, u"every tenant of the source"_s)},
        {u"Target server"_s, job.targetUrl.toString(QUrl::RemoveUserInfo)},
        {u"Verify SSL certificate"_s, yesNo(job.sslVerify)},
        {u"CA file"_s, job.caFile.isEmpty() ? u"system CAs"_s : job.caFile},
        {u"Parallel uploads"_s, QString::number(job.parallel)},
        {u"Upload chunk size"_s, formatSize(job.chunkSize)},
        {u"Replication mode"_s, modeToString(job.mode)},
        {u"Replicate data"_s, dataKindsToString(job.data)},
        {u"Remove after replication"_s, yesNo(job.removeAfter)},
        {u"Filter"_s, report.filterText},
        {u"Schedule"_s, job.schedule},
        {u"Run window"_s, job.window.isEmpty() ? u"always"_s : job.window},
        {u"Bandwidth limit"_s, job.bandwidth > 0 ? formatSize(job.bandwidth) + u"/s"_s : u"none"_s},
        {u"Assign categories"_s, listOr(job.assignCategories, u"none"_s)},
        {u"Unassign categories"_s, listOr(job.unassignCategories, u"none"_s)},
    };
}

QString title(const ReportData &data) {
    return u"Replicall report: %1 to %2"_s.arg(data.from.toString(Qt::ISODate),
                                               data.to.toString(Qt::ISODate));
}

QString generated(const ReportData &data) {
    return u"Generated "_s + time(data.generatedAt);
}

QString coverage(const Coverage &coverage) {
    if (!coverage.sourceIndexed)
        return u"unknown: the job's source folder has not been indexed yet"_s;
    QString text = u"%1 of %2 matching recordings verified at the target (%3 %)"_s
                       .arg(number(coverage.verified), number(coverage.matching))
                       .arg(coverage.share() * 100.0, 0, 'f', 1);
    if (coverage.removedAtSource > 0)
        text +=
            u"; %1 of them since removed from the source"_s.arg(number(coverage.removedAtSource));
    return text;
}

QString time(const QDateTime &time) {
    if (!time.isValid())
        return u"-"_s;
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) + u" UTC"_s;
}

QString number(qint64 value) {
    QLocale locale(QLocale::English);
    return locale.toString(value);
}

QStringList dayColumns() {
    return {u"Day"_s, u"Matched"_s, u"Replicated"_s, u"Skipped"_s, u"Failed"_s, u"Bytes sent"_s};
}

QStringList dayRow(const ReportDay &day) {
    return {day.day.toString(Qt::ISODate), number(day.matched), number(day.replicated),
            number(day.skipped),           number(day.failed),  formatSize(day.bytes)};
}

QStringList totalsRow(const ReportDay &totals) {
    QStringList row = dayRow(totals);
    row.first() = u"Total"_s;
    return row;
}

QStringList runColumns() {
    return {u"Run"_s,      u"Started"_s, u"Finished"_s, u"Status"_s, u"Trigger"_s, u"Matched"_s,
            u"Uploaded"_s, u"Skipped"_s, u"Failed"_s,   u"Bytes"_s,  u"Message"_s};
}

QStringList runRow(const RunRecord &run) {
    return {QString::number(run.id),       time(run.startedAt), time(run.finishedAt),
            runStatusToString(run.status), run.trigger,         number(run.matched),
            number(run.uploaded),          number(run.skipped), number(run.failed),
            formatSize(run.bytes),         run.message};
}

QStringList failureColumns() {
    return {u"Recording"_s, u"Call day"_s, u"Kind"_s, u"Attempts"_s, u"Last attempt"_s, u"Cause"_s};
}

QStringList failureRow(const FailureRecord &failure) {
    return {failure.recordingId,      failure.day,          failureKindToString(failure.kind),
            number(failure.attempts), time(failure.lastAt), failure.cause};
}

QString runsNote(const JobReport &report) {
    if (report.runsInRange <= report.runs.size())
        return {};
    return u"Showing the latest %1 of %2 runs in the range."_s.arg(number(report.runs.size()),
                                                                   number(report.runsInRange));
}

} // namespace Replicall::ReportText
