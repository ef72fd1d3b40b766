// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/PdfWriter.h"

#include "report/DayChart.h"
#include "report/PdfPageFlow.h"
#include "report/ReportText.h"

#include <QGuiApplication>
#include <QIODevice>
#include <QPainter>
#include <QPdfWriter>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr int Resolution = 300;
constexpr qreal MarginMm = 15;

const QList<qreal> DayWidths{0.2, 0.15, 0.15, 0.15, 0.15, 0.2};
const QList<qreal> RunWidths{0.04, 0.1, 0.1, 0.09, 0.07, 0.08, 0.085, 0.075, 0.06, 0.08, 0.22};
const QList<qreal> FailureWidths{0.16, 0.11, 0.09, 0.08, 0.14, 0.42};

void layoutJob(PdfPageFlow &flow, const ReportData &data, const JobReport &report) {
    const QString range =
        data.from.toString(Qt::ISODate) + u" to "_s + data.to.toString(Qt::ISODate);
    flow.setHeader(u"Replicall report \u2014 job "_s + report.job.name, range);
    flow.breakPage();
    flow.heading(ReportText::title(data), 16);
    flow.paragraph(ReportText::generated(data) + u". Days are call days (UTC)."_s);
    flow.heading(u"Job: "_s + report.job.name, 13);
    flow.heading(u"Settings"_s, 11);
    flow.keyValues(ReportText::jobSettings(report));

    flow.heading(u"Summary"_s, 11);
    flow.paragraph(u"Coverage: "_s + ReportText::coverage(report.coverage) + u'.');
    flow.paragraph(u"In the range: %1 matched, %2 replicated, %3 skipped, %4 failed attempts, "
                   u"%5 sent."_s.arg(ReportText::number(report.totals.matched),
                                     ReportText::number(report.totals.replicated),
                                     ReportText::number(report.totals.skipped),
                                     ReportText::number(report.totals.failed),
                                     formatSize(report.totals.bytes)));
    flow.picture(DayChart::Height / DayChart::Width, [&](QPainter *painter, const QRectF &box) {
        DayChart::paint(painter, box, report.days);
    });

    flow.heading(u"Per call day"_s, 11);
    QList<QStringList> days;
    for (const ReportDay &day : report.days)
        days.append(ReportText::dayRow(day));
    days.append(ReportText::totalsRow(report.totals));
    flow.table(ReportText::dayColumns(), days, DayWidths, {0}, int(days.size() - 1));

    flow.heading(u"Runs"_s, 11);
    if (report.runs.isEmpty())
        flow.paragraph(u"No run started in this range."_s);
    if (const QString note = ReportText::runsNote(report); !note.isEmpty())
        flow.paragraph(note);
    if (!report.runs.isEmpty()) {
        QList<QStringList> runs;
        for (const RunRecord &run : report.runs)
            runs.append(ReportText::runRow(run));
        flow.table(ReportText::runColumns(), runs, RunWidths, {1, 2, 3, 4, 10}, -1, true);
    }

    flow.heading(u"Failed recordings"_s, 11);
    if (report.failures.isEmpty()) {
        flow.paragraph(u"No recording of this range is failing."_s);
    } else {
        QList<QStringList> failures;
        for (const FailureRecord &failure : report.failures)
            failures.append(ReportText::failureRow(failure));
        flow.table(ReportText::failureColumns(), failures, FailureWidths, {0, 1, 2, 4, 5});
    }
}

void layout(PdfPageFlow &flow, const ReportData &data) {
    flow.setFooter(ReportText::generated(data));
    if (data.jobs.isEmpty()) {
        flow.setHeader(u"Replicall report"_s, {});
        flow.breakPage();
        flow.heading(ReportText::title(data), 16);
        flow.paragraph(u"There are no jobs to report on."_s);
    }
    for (const JobReport &report : data.jobs)
        layoutJob(flow, data, report);
}

} // namespace

bool PdfWriter::write(const ReportData &data, QIODevice *device, QString *error) {
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (error)
            *error = u"a PDF report needs fonts, which need a QGuiApplication; this program "
                     u"runs without one"_s;
        return false;
    }
    QPdfWriter writer(device);
    writer.setResolution(Resolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(MarginMm, MarginMm, MarginMm, MarginMm),
                                     QPageLayout::Millimeter));
    writer.setTitle(ReportText::title(data));
    writer.setCreator(u"Replicall "_s + QStringLiteral(REPLICALL_VERSION));

    // First pass: count the pages for "Page N of M".
    PdfPageFlow counting(&writer, nullptr, 0);
    layout(counting, data);

    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = u"cannot start the PDF report: %1"_s.arg(device->errorString());
        return false;
    }
    PdfPageFlow flow(&writer, &painter, counting.pages());
    layout(flow, data);
    if (!painter.end()) {
        if (error)
            *error = u"cannot finish the PDF report: %1"_s.arg(device->errorString());
        return false;
    }
    return true;
}

} // namespace Replicall
