// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace Replicall {

enum class ReportFormat { Csv, Html, Pdf };

QString reportFormatToString(ReportFormat format); // "csv", "html", "pdf"
bool reportFormatFromString(const QString &text, ReportFormat *out, QString *error = nullptr);
// The format a file name suggests by its suffix (.csv, .html/.htm, .pdf).
bool reportFormatFromFileName(const QString &fileName, ReportFormat *out);

// What to export: one job or all, a range of call days (UTC, both ends
// included), a format and a file.
struct ReportRequest {
    qint64 jobId = 0; // 0: every job
    QDate from;
    QDate to;
    ReportFormat format = ReportFormat::Html;
    QString outputPath;
    // Relative filter times ("last 7 days") and the report's "generated at"
    // are taken at this instant; invalid means now.
    QDateTime nowUtc;

    // A report lists every day of its range: a longer range is refused.
    static constexpr qint64 MaxDays = 3660;

    // Empty when the request is usable, else what is wrong with it
    // (dates, range, output path). Whether the job exists is checked later.
    QString validate() const;
};

} // namespace Replicall
