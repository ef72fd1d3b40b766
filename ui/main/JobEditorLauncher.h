// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QByteArray>
#include <QCoreApplication>
#include <optional>

class QWidget;

namespace Replicall {

// A job as the editor returned it, with the token typed in (empty: keep the stored one).
struct EditedJob {
    Job job;
    QByteArray token;
};

// Opens the job editor (ui/editor/JobEditorDialog) and saves what it returns:
// the one place the main window depends on the editor's API.
class JobEditorLauncher {
    Q_DECLARE_TR_FUNCTIONS(JobEditorLauncher)
public:
    // Shows the editor for a new job (nullopt) or an existing one; the stored
    // token is read in a pool thread meanwhile, for "Test connection".
    // nullopt when the user cancelled.
    static std::optional<EditedJob> edit(QWidget *parent, const std::optional<Job> &job,
                                         const QString &databasePath);
    // Stores the token, then adds or updates the job. Call in a pool thread.
    // Returns "" or a message naming the job and what failed.
    static QString save(const EditedJob &edited, const QString &databasePath);
};

} // namespace Replicall
