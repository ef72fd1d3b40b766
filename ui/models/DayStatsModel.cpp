// SPDX-License-Identifier: GPL-3.0-or-later
#include "DayStatsModel.h"

#include "model/Job.h"

namespace Replicall {

QString DayStatsModel::header(int column) const {
    switch (Column(column)) {
    case DayColumn:
        return tr("Day");
    case ReplicatedColumn:
        return tr("Replicated");
    case SkippedColumn:
        return tr("Skipped");
    case FailedColumn:
        return tr("Failed");
    case BytesColumn:
        return tr("Sent");
    case ColumnCount:
        break;
    }
    return QString();
}

QVariant DayStatsModel::cell(const DayStats &day, int column, int role) const {
    if (role == Qt::TextAlignmentRole && column != DayColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    switch (Column(column)) {
    case DayColumn:
        return day.day;
    case ReplicatedColumn:
        return day.replicated;
    case SkippedColumn:
        return day.skipped;
    case FailedColumn:
        return day.failed;
    case BytesColumn:
        return role == SortRole ? QVariant(day.bytes) : QVariant(formatSize(day.bytes));
    case ColumnCount:
        break;
    }
    return QVariant();
}

} // namespace Replicall
