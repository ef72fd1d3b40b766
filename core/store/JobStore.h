// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QList>
#include <QString>
#include <optional>

namespace Replicall {

// The jobs table. Name and enabled are columns of their own; every other
// setting is kept as jobToJson() in `settings`. Jobs are validated with
// validateJob() before they are written. Every call uses this thread's
// Database::connection(); failures come back as a message in *error.
class JobStore {
public:
    // Assigns job.id. Fails with "a job named 'X' already exists" on a taken name.
    static bool add(Job &job, QString *error = nullptr);
    static bool update(const Job &job, QString *error = nullptr);
    // Also deletes the job's ledger, runs, statistics, failures and upload states.
    static bool remove(qint64 id, QString *error = nullptr);
    static bool setEnabled(qint64 id, bool enabled, QString *error = nullptr);

    // std::nullopt with a message when there is no such job or the read failed.
    static std::optional<Job> byId(qint64 id, QString *error = nullptr);
    static std::optional<Job> byName(const QString &name, QString *error = nullptr);
    // A job by its exact name, else by its number ("3"), as typed on a command line.
    static std::optional<Job> resolve(const QString &nameOrId, QString *error = nullptr);
    // Every job, ordered by name; std::nullopt on a read failure.
    static std::optional<QList<Job>> all(QString *error = nullptr);
};

} // namespace Replicall
