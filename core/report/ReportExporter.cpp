// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportExporter.h"

#include "report/CsvWriter.h"
#include "report/HtmlWriter.h"
#include "report/PdfWriter.h"
#include "report/ReportBuilder.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Replicall {

bool ReportExporter::writeData(const ReportData &data, ReportFormat format, QIODevice *device,
                               QString *error) {
    switch (format) {
    case ReportFormat::Csv:
        return CsvWriter::write(data, device, error);
    case ReportFormat::Html:
        return HtmlWriter::write(data, device, error);
    case ReportFormat::Pdf:
        return PdfWriter::write(data, device, error);
    }
    return false;
}

bool ReportExporter::write(const ReportRequest &request, QString *error) {
    QString why;
    const std::optional<ReportData> data = ReportBuilder::build(request, &why);
    if (!data) {
        if (error)
            *error = why;
        return false;
    }
    const QString path = QDir::cleanPath(QFileInfo(request.outputPath).absoluteFilePath());
    auto fail = [&](const QString &reason) {
        if (error)
            *error = u"cannot write the report to %1: %2"_s.arg(path, reason);
        return false;
    };
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return fail(u"the folder %1 does not exist"_s.arg(QFileInfo(path).absolutePath()));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (!writeData(*data, request.format, &file, &why)) {
        file.cancelWriting();
        return fail(why);
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace Replicall
