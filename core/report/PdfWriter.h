// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"

class QIODevice;

namespace Replicall {

// A report as a PDF (QPdfWriter, A4 portrait). Each job starts on a new page
// with the report's title and the job's settings, then its summary and
// coverage, the per-day chart and the tables of days, runs and failed
// recordings, which flow over as many pages as they need. Every page has a
// header (job, range) and a footer (generated at, "Page N of M").
//
// Text needs fonts, and fonts need a QGuiApplication (the offscreen platform
// is enough); without one write() fails with a message instead of crashing.
class PdfWriter {
public:
    static bool write(const ReportData &data, QIODevice *device, QString *error);
};

} // namespace Replicall
