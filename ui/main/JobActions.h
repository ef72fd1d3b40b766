// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QCoreApplication>
#include <QString>

namespace Replicall {

// Changes to jobs that the job list offers. Each touches the database and the
// secret store (the keychain may take a while to answer), so the main window
// calls them in a pool thread. Each returns "" or a message naming the job
// and what failed.
class JobActions {
    Q_DECLARE_TR_FUNCTIONS(JobActions)
public:
    // Deletes the job with its ledger, history and statistics, then its token.
    static QString remove(const Job &job, const QString &databasePath);
    // Adds a copy named "<name> (copy)", "<name> (copy 2)"... with a copy of
    // the token under a reference of its own, so deleting one keeps the other's.
    static QString duplicate(const Job &job, const QString &databasePath);
    static QString setEnabled(const Job &job, bool enabled);

    // The first "<name> (copy N)" not in takenNames.
    static QString copyName(const QString &name, const QStringList &takenNames);
};

} // namespace Replicall
