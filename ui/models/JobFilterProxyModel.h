// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace Replicall {

// Sorts the job list by the raw values (times, states) and keeps the rows
// whose name or target contains the text typed in the filter box.
class JobFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit JobFilterProxyModel(QObject *parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

} // namespace Replicall
