// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportRequest.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Replicall {

QString reportFormatToString(ReportFormat format) {
    switch (format) {
    case ReportFormat::Csv:
        return u"csv"_s;
    case ReportFormat::Html:
        return u"html"_s;
    case ReportFormat::Pdf:
        return u"pdf"_s;
    }
    return {};
}

bool reportFormatFromString(const QString &text, ReportFormat *out, QString *error) {
    for (ReportFormat format : {ReportFormat::Csv, ReportFormat::Html, ReportFormat::Pdf}) {
        if (text.compare(reportFormatToString(format), Qt::CaseInsensitive) == 0) {
            *out = format;
            return true;
        }
    }
    if (error)
        *error = u"unknown report format '%1' (expected csv, html or pdf)"_s.arg(text);
    return false;
}

bool reportFormatFromFileName(const QString &fileName, ReportFormat *out) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"htm"_s)
        return reportFormatFromString(u"html"_s, out);
    return reportFormatFromString(suffix, out);
}

QString ReportRequest::validate() const {
    if (!from.isValid())
        return u"the report needs a valid start date (YYYY-MM-DD)"_s;
    if (!to.isValid())
        return u"the report needs a valid end date (YYYY-MM-DD)"_s;
    if (from > to)
        return u"the report's start date %1 is after its end date %2"_s.arg(
            from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    if (from.daysTo(to) + 1 > MaxDays)
        return u"the report's range %1 to %2 spans %3 days; at most %4 are allowed"_s
            .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate))
            .arg(from.daysTo(to) + 1)
            .arg(MaxDays);
    if (jobId < 0)
        return u"the report's job id %1 is not valid"_s.arg(jobId);
    if (outputPath.isEmpty())
        return u"the report needs an output file"_s;
    if (QFileInfo(outputPath).isDir())
        return u"the report's output %1 is a folder, not a file"_s.arg(outputPath);
    return {};
}

} // namespace Replicall
