// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/CsvWriter.h"

#include <QIODevice>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Replicall {

QString CsvWriter::field(const QString &value) {
    static const QString special = u",\"\r\n"_s;
    const bool needsQuotes =
        std::any_of(value.cbegin(), value.cend(), [](QChar c) { return special.contains(c); });
    if (!needsQuotes)
        return value;
    return u'"' + QString(value).replace(u'"', u"\"\""_s) + u'"';
}

QString CsvWriter::row(const QStringList &fields) {
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &value : fields)
        quoted.append(field(value));
    return quoted.join(u',') + u"\r\n"_s;
}

bool CsvWriter::write(const ReportData &data, QIODevice *device, QString *error) {
    QString text = row(
        {u"job"_s, u"day"_s, u"matched"_s, u"replicated"_s, u"skipped"_s, u"failed"_s, u"bytes"_s});
    for (const JobReport &job : data.jobs) {
        for (const ReportDay &day : job.days) {
            text += row({job.job.name, day.day.toString(Qt::ISODate), QString::number(day.matched),
                         QString::number(day.replicated), QString::number(day.skipped),
                         QString::number(day.failed), QString::number(day.bytes)});
        }
    }
    const QByteArray bytes = text.toUtf8();
    if (device->write(bytes) != bytes.size()) {
        if (error)
            *error = u"cannot write the CSV report: %1"_s.arg(device->errorString());
        return false;
    }
    return true;
}

} // namespace Replicall
