// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

namespace Replicall::Test {

// Finds a widget by objectName and fails the test loudly when it is missing,
// so a renamed widget is a clear failure and not a crash.
template <typename T> T *child(QObject *parent, const QString &name) {
    T *widget = parent->findChild<T *>(name);
    if (!widget)
        qFatal("no child widget named %s", qPrintable(name));
    return widget;
}

inline void typeInto(QLineEdit *edit, const QString &text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// A demo recording archive indexed into a fresh state database.
struct DemoCatalog {
    QString archiveDir;
    qint64 sourceId = 0;
    QString error;
};
// Writes `calls` demo calls (tenants acme and globex) under dir and opens
// dir/state.sqlite as the Database.
DemoCatalog makeDemoCatalog(const QTemporaryDir &dir, int calls);

} // namespace Replicall::Test
