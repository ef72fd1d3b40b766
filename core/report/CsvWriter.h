// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"

#include <QStringList>

class QIODevice;

namespace Replicall {

// A report as CSV (RFC 4180: comma separated, CRLF line ends, fields with a
// comma, quote or line break in double quotes). One file whatever the
// report's scope: a header row, then one row per job and day, with the job's
// name in the first column:
//
//   job,day,matched,replicated,skipped,failed,bytes
//
// Numbers are plain integers (bytes in bytes) so spreadsheets can sum them.
class CsvWriter {
public:
    static bool write(const ReportData &data, QIODevice *device, QString *error);

    static QString field(const QString &value);
    static QString row(const QStringList &fields);
};

} // namespace Replicall
