// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"
#include "report/ReportRequest.h"

class QIODevice;

namespace Replicall {

// Builds a report and writes it to the request's file in one call, for the
// command line and for the desktop app's "Export report..." (call it from a
// worker thread: it reads the database through that thread's own
// connection and blocks until the file is written).
//
// The file is replaced atomically (QSaveFile): a failed export leaves an
// existing file untouched. PDF needs a QGuiApplication in the process.
class ReportExporter {
public:
    static bool write(const ReportRequest &request, QString *error);
    // Writes already built data in the given format.
    static bool writeData(const ReportData &data, ReportFormat format, QIODevice *device,
                          QString *error);
};

} // namespace Replicall
