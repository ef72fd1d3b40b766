// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/DayChart.h"

#include "report/ReportText.h"

#include <QPainter>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr qreal Left = 60; // room for the value axis labels
constexpr qreal Right = 10;
constexpr qreal Top = 30;    // room for the legend
constexpr qreal Bottom = 30; // room for the day labels
constexpr int ValueTicks = 4;
constexpr int MaxDayLabels = 10;

const QColor Replicated(0x3a, 0x9d, 0x5d);
const QColor Skipped(0x7a, 0xa6, 0xd8);
const QColor Failed(0xd9, 0x53, 0x4f);
const QColor Matched(0x22, 0x22, 0x22);
const QColor Axis(0x88, 0x88, 0x88);
const QColor Grid(0xe4, 0xe4, 0xe4);

// 1, 2, 5 times a power of ten, at least value: an axis a person reads easily.
qint64 niceCeiling(qint64 value) {
    if (value <= ValueTicks)
        return ValueTicks;
    const qint64 step = (value + ValueTicks - 1) / ValueTicks;
    qint64 power = 1;
    while (power * 10 <= step)
        power *= 10;
    for (qint64 factor : {1, 2, 5, 10}) {
        if (factor * power >= step)
            return factor * power * ValueTicks;
    }
    return step * ValueTicks;
}

ChartShape box(const QRectF &rect, const QColor &color) {
    return {ChartShape::Kind::Box, rect, {}, color, {}, Qt::AlignLeft};
}

ChartShape line(const QLineF &segment, const QColor &color) {
    return {ChartShape::Kind::Line, {}, segment, color, {}, Qt::AlignLeft};
}

ChartShape label(const QRectF &rect, const QString &text, Qt::Alignment align,
                 const QColor &color = Qt::black) {
    return {ChartShape::Kind::Label, rect, {}, color, text, align};
}

void addLegend(QList<ChartShape> *shapes) {
    const QList<QPair<QString, QColor>> entries = {{u"replicated"_s, Replicated},
                                                   {u"skipped"_s, Skipped},
                                                   {u"failed"_s, Failed},
                                                   {u"matched"_s, Matched}};
    qreal x = Left;
    for (const auto &[name, color] : entries) {
        shapes->append(box({x, 8, 12, 12}, color));
        shapes->append(label({x + 16, 6, 80, 16}, name, Qt::AlignLeft));
        x += 100;
    }
}

void addValueAxis(qint64 top, const QRectF &plot, QList<ChartShape> *shapes) {
    for (int tick = 0; tick <= ValueTicks; ++tick) {
        const qreal y = plot.bottom() - plot.height() * tick / ValueTicks;
        shapes->append(line({plot.left(), y, plot.right(), y}, tick == 0 ? Axis : Grid));
        shapes->append(label({0, y - 8, Left - 6, 16}, ReportText::number(top * tick / ValueTicks),
                             Qt::AlignRight));
    }
}

void addDay(const ReportDay &day, qreal x, qreal width, qreal unit, const QRectF &plot,
            QList<ChartShape> *shapes) {
    qreal base = plot.bottom();
    for (const auto &[count, color] :
         {QPair<qint64, QColor>{day.replicated, Replicated},
          QPair<qint64, QColor>{day.skipped, Skipped}, QPair<qint64, QColor>{day.failed, Failed}}) {
        if (count <= 0)
            continue;
        const qreal height = count * unit;
        shapes->append(box({x, base - height, width, height}, color));
        base -= height;
    }
    if (day.matched > 0) {
        const qreal y = plot.bottom() - day.matched * unit;
        shapes->append(box({x - 1, y - 1, width + 2, 2}, Matched));
    }
}

} // namespace

QList<ChartShape> DayChart::layout(const QList<ReportDay> &days) {
    QList<ChartShape> shapes;
    const QRectF plot(Left, Top, Width - Left - Right, Height - Top - Bottom);
    qint64 highest = 0;
    for (const ReportDay &day : days)
        highest = qMax(highest, qMax(day.matched, day.replicated + day.skipped + day.failed));
    const qint64 top = niceCeiling(highest);

    addLegend(&shapes);
    addValueAxis(top, plot, &shapes);
    if (days.isEmpty())
        return shapes;

    const qreal slot = plot.width() / days.size();
    const qreal barWidth = qMax<qreal>(slot * 0.7, 0.5);
    const qreal unit = plot.height() / top;
    const int labelEvery = int(std::ceil(days.size() / double(MaxDayLabels)));
    for (int i = 0; i < days.size(); ++i) {
        const qreal x = plot.left() + i * slot + (slot - barWidth) / 2;
        addDay(days.at(i), x, barWidth, unit, plot, &shapes);
        if (i % labelEvery == 0) {
            const qreal centre = x + barWidth / 2;
            shapes.append(label({centre - 40, plot.bottom() + 6, 80, 16},
                                days.at(i).day.toString(u"MM-dd"_s), Qt::AlignHCenter));
        }
    }
    return shapes;
}

QString DayChart::toSvg(const QList<ReportDay> &days, const QString &title) {
    auto n = [](qreal value) {
        return QString::number(value, 'f', 2);
    };
    QString svg =
        u"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %2\" "
        u"role=\"img\" class=\"chart\" font-family=\"sans-serif\" font-size=\"%3\">"
        u"<title>%4</title>"_s.arg(n(Width), n(Height), n(FontSize), title.toHtmlEscaped());
    for (const ChartShape &shape : layout(days)) {
        const QString color = shape.color.name();
        switch (shape.kind) {
        case ChartShape::Kind::Box:
            svg += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>"_s.arg(
                n(shape.rect.x()), n(shape.rect.y()), n(shape.rect.width()), n(shape.rect.height()),
                color);
            break;
        case ChartShape::Kind::Line:
            svg += u"<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"%5\"/>"_s.arg(
                n(shape.line.x1()), n(shape.line.y1()), n(shape.line.x2()), n(shape.line.y2()),
                color);
            break;
        case ChartShape::Kind::Label: {
            qreal x = shape.rect.left();
            QString anchor = u"start"_s;
            if (shape.align & Qt::AlignHCenter) {
                x = shape.rect.center().x();
                anchor = u"middle"_s;
            } else if (shape.align & Qt::AlignRight) {
                x = shape.rect.right();
                anchor = u"end"_s;
            }
            svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"%3\" dominant-baseline=\"middle\" "
                   u"fill=\"%4\">%5</text>"_s.arg(n(x), n(shape.rect.center().y()), anchor, color,
                                                  shape.text.toHtmlEscaped());
            break;
        }
        }
    }
    return svg + u"</svg>"_s;
}

void DayChart::paint(QPainter *painter, const QRectF &box, const QList<ReportDay> &days) {
    painter->save();
    painter->translate(box.topLeft());
    painter->scale(box.width() / Width, box.height() / Height);
    QFont font = painter->font();
    font.setPixelSize(int(FontSize));
    painter->setFont(font);
    for (const ChartShape &shape : layout(days)) {
        switch (shape.kind) {
        case ChartShape::Kind::Box:
            painter->fillRect(shape.rect, shape.color);
            break;
        case ChartShape::Kind::Line:
            painter->setPen(QPen(shape.color, 0));
            painter->drawLine(shape.line);
            break;
        case ChartShape::Kind::Label:
            painter->setPen(shape.color);
            painter->drawText(shape.rect, int(shape.align | Qt::AlignVCenter), shape.text);
            break;
        }
    }
    painter->restore();
}

} // namespace Replicall
