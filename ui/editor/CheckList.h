// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QListWidget;

namespace Replicall::CheckList {

// A QListWidget of checkable names: what the catalog knows plus what the job
// already names (a tenant or category the archive no longer holds stays
// visible and ticked rather than silently dropped). Sorted, no duplicates.
void fill(QListWidget *list, const QStringList &known, const QStringList &checked);
QStringList checked(const QListWidget *list);
// Adds one name ticked (or ticks it when present); false for an empty name.
bool addChecked(QListWidget *list, const QString &name);

} // namespace Replicall::CheckList
