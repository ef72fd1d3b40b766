// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RowTableModel.h"
#include "store/FailureStore.h"

namespace Replicall {

// The recordings of a job that failed and are not replicated yet, most recent first.
class FailureModel : public RowTableModel<FailureRecord> {
    Q_OBJECT
public:
    enum Column {
        RecordingColumn,
        DayColumn,
        KindColumn,
        CauseColumn,
        AttemptsColumn,
        LastAttemptColumn,
        ColumnCount
    };

    using RowTableModel<FailureRecord>::RowTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const FailureRecord &failure, int column, int role) const override;
};

} // namespace Replicall
