// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "model/Recording.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Replicall {

// What a run will consider sending: light entries, so that a plan of a
// million recordings stays small; the full recordings are loaded page by page.
struct PlanEntry {
    QString id;
    qint64 audioSize = 0;
};

// Selects the recordings of a run from the catalog.
//
// Both modes select what matches the job's access scope and filter. Incremental
// mode leaves out what the job's ledger already holds unchanged (same audio size
// and time, same metadata); full mode keeps them all and lets the target say
// which it already holds.
class Planner {
public:
    Planner(const Job &job, qint64 sourceId);

    bool plan(const QDateTime &nowUtc, QList<PlanEntry> *entries, QString *error) const;
    // Loads full recordings for a page of plan entries, in the order given.
    bool load(const QStringList &ids, QList<Recording> *out, QString *error) const;
    // Recordings the job's ledger holds unchanged that are still in the catalog. With
    // remove-after these are removals a run never got to: it ended (killed, crashed)
    // between writing the ledger and removing the source copy.
    bool replicatedButPresent(QList<Recording> *out, QString *error) const;

private:
    Job m_job;
    qint64 m_sourceId;
};

} // namespace Replicall
