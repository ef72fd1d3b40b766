// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RowTableModel.h"
#include "store/StatsStore.h"

namespace Replicall {

// A job's per-day statistics over a date range, oldest day first.
class DayStatsModel : public RowTableModel<DayStats> {
    Q_OBJECT
public:
    enum Column {
        DayColumn,
        ReplicatedColumn,
        SkippedColumn,
        FailedColumn,
        BytesColumn,
        ColumnCount
    };

    using RowTableModel<DayStats>::RowTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const DayStats &day, int column, int role) const override;
};

} // namespace Replicall
