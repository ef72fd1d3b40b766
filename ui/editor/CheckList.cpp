// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/CheckList.h"

#include <QListWidget>
#include <QSignalBlocker>

namespace Replicall::CheckList {

void fill(QListWidget *list, const QStringList &known, const QStringList &checkedNames) {
    QStringList names = known + checkedNames;
    names.removeDuplicates();
    names.sort(Qt::CaseInsensitive);
    const QSignalBlocker blocker(list);
    list->clear();
    for (const QString &name : std::as_const(names)) {
        auto *item = new QListWidgetItem(name, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(checkedNames.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList checked(const QListWidget *list) {
    QStringList names;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            names << list->item(i)->text();
    }
    return names;
}

bool addChecked(QListWidget *list, const QString &name) {
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return false;
    QStringList names = checked(list);
    if (!names.contains(trimmed))
        names << trimmed;
    QStringList all;
    for (int i = 0; i < list->count(); ++i)
        all << list->item(i)->text();
    fill(list, all, names);
    return true;
}

} // namespace Replicall::CheckList
