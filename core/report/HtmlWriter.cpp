// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/HtmlWriter.h"

#include "report/DayChart.h"
#include "report/ReportText.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

const char Style[] = R"(
body { font-family: sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
th { background: #f0f0f0; }
td.text, th.text { text-align: left; }
tr.total td { font-weight: bold; background: #fafafa; }
table.settings th { text-align: left; width: 14em; }
table.settings td { text-align: left; }
.chart { width: 100%; max-width: 60em; height: auto; }
.note { color: #666; }
)";

QString escaped(const QString &text) {
    return text.toHtmlEscaped();
}

// Columns listed in textColumns are left-aligned; the rest are numbers.
QString table(const QStringList &columns, const QList<QStringList> &rows,
              const QList<int> &textColumns, int totalRow = -1) {
    auto cell = [&](const QString &tag, int column, const QString &value) {
        const QString cls = textColumns.contains(column) ? u" class=\"text\""_s : QString();
        return u"<%1%2>%3</%1>"_s.arg(tag, cls, escaped(value));
    };
    QString html = u"<table><thead><tr>"_s;
    for (int c = 0; c < columns.size(); ++c)
        html += cell(u"th"_s, c, columns.at(c));
    html += u"</tr></thead><tbody>\n"_s;
    for (int r = 0; r < rows.size(); ++r) {
        html += r == totalRow ? u"<tr class=\"total\">"_s : u"<tr>"_s;
        for (int c = 0; c < rows.at(r).size(); ++c)
            html += cell(u"td"_s, c, rows.at(r).at(c));
        html += u"</tr>\n"_s;
    }
    return html + u"</tbody></table>\n"_s;
}

QString settingsTable(const JobReport &report) {
    QString html = u"<table class=\"settings\">"_s;
    for (const auto &[label, value] : ReportText::jobSettings(report))
        html += u"<tr><th>%1</th><td>%2</td></tr>\n"_s.arg(escaped(label), escaped(value));
    return html + u"</table>\n"_s;
}

QString jobSection(const ReportData &data, const JobReport &report) {
    QString html = u"<section class=\"job\">\n<h2>Job: %1</h2>\n"_s.arg(escaped(report.job.name));
    html += u"<h3>Settings</h3>\n"_s + settingsTable(report);

    html += u"<h3>Summary</h3>\n<p>Coverage: %1.</p>\n"_s.arg(
        escaped(ReportText::coverage(report.coverage)));
    html += DayChart::toSvg(report.days, u"Recordings per call day of job %1, %2 to %3"_s.arg(
                                             report.job.name, data.from.toString(Qt::ISODate),
                                             data.to.toString(Qt::ISODate))) +
            u"\n"_s;

    html += u"<h3>Per call day</h3>\n"_s;
    QList<QStringList> days;
    for (const ReportDay &day : report.days)
        days.append(ReportText::dayRow(day));
    days.append(ReportText::totalsRow(report.totals));
    html += table(ReportText::dayColumns(), days, {0}, int(days.size() - 1));

    html += u"<h3>Runs</h3>\n"_s;
    if (report.runs.isEmpty()) {
        html += u"<p class=\"note\">No run started in this range.</p>\n"_s;
    } else {
        if (const QString note = ReportText::runsNote(report); !note.isEmpty())
            html += u"<p class=\"note\">%1</p>\n"_s.arg(escaped(note));
        QList<QStringList> runs;
        for (const RunRecord &run : report.runs)
            runs.append(ReportText::runRow(run));
        html += table(ReportText::runColumns(), runs, {1, 2, 3, 4, 10});
    }

    html += u"<h3>Failed recordings</h3>\n"_s;
    if (report.failures.isEmpty()) {
        html += u"<p class=\"note\">No recording of this range is failing.</p>\n"_s;
    } else {
        QList<QStringList> failures;
        for (const FailureRecord &failure : report.failures)
            failures.append(ReportText::failureRow(failure));
        html += table(ReportText::failureColumns(), failures, {0, 1, 2, 4, 5});
    }
    return html + u"</section>\n"_s;
}

} // namespace

QString HtmlWriter::toHtml(const ReportData &data) {
    const QString title = ReportText::title(data);
    QString html =
        u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        u"<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n<h1>%1</h1>\n"
        u"<p class=\"note\">%3. Days are call days (UTC).</p>\n"_s.arg(
            escaped(title), QString::fromUtf8(Style), escaped(ReportText::generated(data)));
    if (data.jobs.isEmpty())
        html += u"<p>There are no jobs to report on.</p>\n"_s;
    for (const JobReport &report : data.jobs)
        html += jobSection(data, report);
    return html + u"</body>\n</html>\n"_s;
}

bool HtmlWriter::write(const ReportData &data, QIODevice *device, QString *error) {
    const QByteArray bytes = toHtml(data).toUtf8();
    if (device->write(bytes) != bytes.size()) {
        if (error)
            *error = u"cannot write the HTML report: %1"_s.arg(device->errorString());
        return false;
    }
    return true;
}

} // namespace Replicall
