// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunHistoryModel.h"

#include "Format.h"
#include "model/Job.h"

namespace Replicall {

QString RunHistoryModel::header(int column) const {
    switch (Column(column)) {
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case TriggerColumn:
        return tr("Trigger");
    case StatusColumn:
        return tr("Result");
    case MatchedColumn:
        return tr("Matched");
    case UploadedColumn:
        return tr("Uploaded");
    case SkippedColumn:
        return tr("Skipped");
    case FailedColumn:
        return tr("Failed");
    case BytesColumn:
        return tr("Sent");
    case MessageColumn:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return QString();
}

QVariant RunHistoryModel::cell(const RunRecord &run, int column, int role) const {
    if (role == Qt::TextAlignmentRole && column >= MatchedColumn && column <= BytesColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    const bool sorting = role == SortRole;
    const qint64 seconds =
        run.finishedAt.isValid() ? run.startedAt.secsTo(run.finishedAt) : qint64(-1);
    switch (Column(column)) {
    case StartedColumn:
        return sorting ? QVariant(run.startedAt) : QVariant(Format::time(run.startedAt));
    case DurationColumn:
        return sorting ? QVariant(seconds) : QVariant(Format::duration(seconds));
    case TriggerColumn:
        return Format::trigger(run.trigger);
    case StatusColumn:
        return Format::runStatus(run.status);
    case MatchedColumn:
        return run.matched;
    case UploadedColumn:
        return run.uploaded;
    case SkippedColumn:
        return run.skipped;
    case FailedColumn:
        return run.failed;
    case BytesColumn:
        return sorting ? QVariant(run.bytes) : QVariant(formatSize(run.bytes));
    case MessageColumn:
        return run.message;
    case ColumnCount:
        break;
    }
    return QVariant();
}

} // namespace Replicall
