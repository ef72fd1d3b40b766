// SPDX-License-Identifier: GPL-3.0-or-later
#include "FailureModel.h"

#include "Format.h"

namespace Replicall {

QString FailureModel::header(int column) const {
    switch (Column(column)) {
    case RecordingColumn:
        return tr("Recording");
    case DayColumn:
        return tr("Day");
    case KindColumn:
        return tr("Kind");
    case CauseColumn:
        return tr("Cause");
    case AttemptsColumn:
        return tr("Attempts");
    case LastAttemptColumn:
        return tr("Last attempt");
    case ColumnCount:
        break;
    }
    return QString();
}

QVariant FailureModel::cell(const FailureRecord &failure, int column, int role) const {
    if (role == Qt::ToolTipRole && column == CauseColumn)
        return failure.cause; // causes are long; the column is cut
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    switch (Column(column)) {
    case RecordingColumn:
        return failure.recordingId;
    case DayColumn:
        return failure.day;
    case KindColumn:
        return Format::failureKind(failure.kind);
    case CauseColumn:
        return failure.cause;
    case AttemptsColumn:
        return failure.attempts;
    case LastAttemptColumn:
        return role == SortRole ? QVariant(failure.lastAt) : QVariant(Format::time(failure.lastAt));
    case ColumnCount:
        break;
    }
    return QVariant();
}

} // namespace Replicall
