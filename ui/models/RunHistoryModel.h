// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RowTableModel.h"
#include "store/RunStore.h"

namespace Replicall {

// A job's latest runs, newest first.
class RunHistoryModel : public RowTableModel<RunRecord> {
    Q_OBJECT
public:
    enum Column {
        StartedColumn,
        DurationColumn,
        TriggerColumn,
        StatusColumn,
        MatchedColumn,
        UploadedColumn,
        SkippedColumn,
        FailedColumn,
        BytesColumn,
        MessageColumn,
        ColumnCount
    };

    using RowTableModel<RunRecord>::RowTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const RunRecord &run, int column, int role) const override;
};

} // namespace Replicall
