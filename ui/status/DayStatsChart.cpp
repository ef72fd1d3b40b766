// SPDX-License-Identifier: GPL-3.0-or-later
#include "DayStatsChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>
#include <functional>

namespace Replicall {

DayStatsChart::DayStatsChart(QWidget *parent)
    // Constructed with our chart: QChartView(parent) makes a default chart that
    // setChart() would let go of without deleting it.
    : QChartView(new QChart, parent) {
    QChart *chart = this->chart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_series = new QBarSeries(chart);
    chart->addSeries(m_series);
    chart->addAxis(new QBarCategoryAxis(chart), Qt::AlignBottom);
    chart->addAxis(new QValueAxis(chart), Qt::AlignLeft);
    m_series->attachAxis(chart->axes(Qt::Horizontal).first());
    m_series->attachAxis(chart->axes(Qt::Vertical).first());
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    setDays({});
}

void DayStatsChart::setDays(const QList<DayStats> &days) {
    struct Counter {
        QString label;
        QColor color;
        std::function<qint64(const DayStats &)> value;
    };
    const QList<Counter> counters = {
        {tr("Replicated"), QColor(0x2e, 0x7d, 0x32),
         [](const DayStats &d) {
             return d.replicated;
         }},
        {tr("Skipped"), QColor(0x90, 0xa4, 0xae),
         [](const DayStats &d) {
             return d.skipped;
         }},
        {tr("Failed"), QColor(0xc6, 0x28, 0x28),
         [](const DayStats &d) {
             return d.failed;
         }},
    };

    m_series->clear();
    QStringList categories;
    qint64 highest = 0;
    for (const DayStats &day : days)
        categories.append(day.day.mid(5)); // "11-20": the year is in the date range
    for (const Counter &counter : counters) {
        auto *set = new QBarSet(counter.label);
        set->setColor(counter.color);
        for (const DayStats &day : days) {
            const qint64 value = counter.value(day);
            highest = qMax(highest, value);
            set->append(double(value));
        }
        m_series->append(set);
    }

    auto *daysAxis = qobject_cast<QBarCategoryAxis *>(chart()->axes(Qt::Horizontal).first());
    daysAxis->clear();
    daysAxis->append(categories);
    auto *countAxis = qobject_cast<QValueAxis *>(chart()->axes(Qt::Vertical).first());
    countAxis->setRange(0, qMax<qint64>(highest, 1));
    countAxis->setLabelFormat(QStringLiteral("%d"));
    countAxis->applyNiceNumbers();
}

} // namespace Replicall
