// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Replicall {

// Wording shared by the HTML and PDF writers, so both say the same thing.
namespace ReportText {

// The job's settings as (label, value) rows. Never the token nor its
// keychain reference; user info in the target URL is left out as well.
QList<QPair<QString, QString>> jobSettings(const JobReport &report);

// "Replicall report: 2026-11-01 to 2026-11-30"
QString title(const ReportData &data);
// "Generated 2026-11-30 08:15 UTC"
QString generated(const ReportData &data);
// "12,345 of 12,400 matching recordings verified at the target (99.6 %)"
QString coverage(const Coverage &coverage);
// "2026-11-20 08:15 UTC"; "-" when invalid
QString time(const QDateTime &time);
// 1234567 -> "1,234,567"
QString number(qint64 value);

// Column headings of the day, run and failure tables.
QStringList dayColumns();
QStringList dayRow(const ReportDay &day);
QStringList totalsRow(const ReportDay &totals);
QStringList runColumns();
QStringList runRow(const RunRecord &run);
QStringList failureColumns();
QStringList failureRow(const FailureRecord &failure);
// "Showing the latest 500 of 731 runs in the range." or empty.
QString runsNote(const JobReport &report);

} // namespace ReportText
} // namespace Replicall
