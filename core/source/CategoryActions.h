// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Replicall {

// The after-success actions of a job: assign and unassign categories in the
// call's sidecar. The sidecar is rewritten through a temporary file and a
// rename, so a reader sees the old or the new file, never half of one.
// The catalog row is updated with the new content, mtime and size, so the
// next scan does not take the job's own change for a change of the call.
class CategoryActions {
public:
    // Unassigns first, then assigns (a category in both lists ends up
    // assigned); keeps the existing order and every other field. A sidecar
    // that already has the wanted categories is left untouched.
    // Uses this thread's Database::connection().
    static bool apply(const QString &sidecarPath, const QStringList &assign,
                      const QStringList &unassign, QString *newMetadataSha256, QString *error);

    // The categories after the action, as apply() computes them.
    static QStringList changed(QStringList categories, const QStringList &assign,
                               const QStringList &unassign);
};

} // namespace Replicall
