// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StatsStore.h"

#include <QChartView>
#include <QList>

class QBarSeries;

namespace Replicall {

// Replicated, skipped and failed recordings per day as grouped bars: one
// bar set per counter, one category per day.
class DayStatsChart : public QChartView {
    Q_OBJECT
public:
    explicit DayStatsChart(QWidget *parent = nullptr);

    void setDays(const QList<DayStats> &days);
    // The chart's one series; for tests and the report exporter.
    QBarSeries *series() const { return m_series; }

private:
    QBarSeries *m_series = nullptr;
};

} // namespace Replicall
