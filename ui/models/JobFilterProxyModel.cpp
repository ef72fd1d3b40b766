// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFilterProxyModel.h"

#include "JobListModel.h"

namespace Replicall {

JobFilterProxyModel::JobFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // A running job's state text changes every few hundred milliseconds.
    setDynamicSortFilter(true);
}

bool JobFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    const QRegularExpression pattern = filterRegularExpression();
    if (pattern.pattern().isEmpty())
        return true;
    for (const int column : {JobListModel::NameColumn, JobListModel::TargetColumn}) {
        const QString text =
            sourceModel()->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString();
        if (text.contains(pattern))
            return true;
    }
    return false;
}

} // namespace Replicall
