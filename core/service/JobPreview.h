// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "model/Recording.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Replicall {

// What a job would send if it ran now, without sending anything.
struct JobPreviewResult {
    QString error;            // empty on success
    qint64 matching = 0;      // recordings in the job's scope that pass its filter
    qint64 matchingBytes = 0; // their audio
    qint64 toSend = 0;        // of those, what a run would send now
    qint64 toSendBytes = 0;   // (incremental: minus what the ledger already holds)
    QList<Recording> sample;  // the first recordings a run would send, in run order
    QStringList problems;     // sidecars the indexer could not take, as it reported them
    bool ok() const { return error.isEmpty(); }
};

// Indexes the job's archive (as a run does), then plans like a run: the job's
// access scope and filter, and in incremental mode without what the ledger
// holds unchanged. In full mode the target would still be asked which
// recordings it holds, so toSend is an upper bound. Blocks while it indexes;
// uses this thread's Database::connection().
namespace JobPreview {
JobPreviewResult compute(const Job &job, int sampleSize,
                         const QDateTime &nowUtc = QDateTime::currentDateTimeUtc());
} // namespace JobPreview

} // namespace Replicall
