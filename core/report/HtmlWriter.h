// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"

class QIODevice;

namespace Replicall {

// A report as one self-contained HTML file: inline CSS, the per-day chart as
// inline SVG, and per job its settings, summary, days, runs and failures.
// Needs no GUI application (the chart is SVG text, not pixels).
class HtmlWriter {
public:
    static QString toHtml(const ReportData &data);
    static bool write(const ReportData &data, QIODevice *device, QString *error);
};

} // namespace Replicall
