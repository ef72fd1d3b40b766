// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportData.h"

#include <QColor>
#include <QLineF>
#include <QList>
#include <QRectF>
#include <QString>

class QPainter;

namespace Replicall {

// One element of the chart in its own coordinates (DayChart::Size).
struct ChartShape {
    enum class Kind { Box, Line, Label };
    Kind kind = Kind::Box;
    QRectF rect; // Box: the box; Label: the box the text is aligned in
    QLineF line;
    QColor color;
    QString text;
    Qt::Alignment align = Qt::AlignLeft; // Label: left, centre or right
};

// The per-day chart of a report: a stacked bar per day (replicated, skipped,
// failed) and a dark mark at the number of matching recordings.
//
// The chart is laid out once as plain shapes, then either written as SVG
// text (HTML, needs no fonts nor a GUI application) or painted with QPainter
// (PDF), so both show the same picture.
class DayChart {
public:
    static constexpr qreal Width = 800;
    static constexpr qreal Height = 280;
    static constexpr qreal FontSize = 11;

    static QList<ChartShape> layout(const QList<ReportDay> &days);
    static QString toSvg(const QList<ReportDay> &days, const QString &title);
    // Paints the chart scaled into box.
    static void paint(QPainter *painter, const QRectF &box, const QList<ReportDay> &days);
};

} // namespace Replicall
