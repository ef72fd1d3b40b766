// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

namespace Replicall {

// One step of the schema: the statements that take the file from
// version - 1 to version. Steps are never edited once released; a change
// is a new step appended to the list.
struct Migration {
    int version;
    QStringList statements;
};

class Schema {
public:
    static const QList<Migration> &migrations();
    static int latestVersion();

    // Both work on this thread's Database::connection().
    // Applies the missing steps, each in its own write transaction that
    // re-reads the version first, so two processes opening the same file at
    // once apply every step exactly once.
    static bool migrate(QString *error);

    // The version recorded in the file (0 for a fresh file), or -1 on error.
    static int currentVersion(QString *error);
};

} // namespace Replicall
