// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/FailureStore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace Replicall {

// What the target acknowledged for one recording of one job.
struct SuccessRecord {
    qint64 jobId = 0;
    qint64 runId = 0; // 0: outside a run, no run counters are touched
    QString recordingId;
    QString tenant;
    QString day; // the call's day, YYYY-MM-DD (UTC): statistics are counted there
    QString audioSha256;
    qint64 audioSize = 0;
    qint64 audioMtimeNs = 0;
    QString metadataSha256;
    QString targetPath;       // where the target stored the audio, as it answered
    qint64 bytesSent = 0;     // bytes uploaded for it in this run (0 when skipped)
    bool alreadyHeld = false; // the target held it already: counted as skipped
};

// One row of the ledger: a recording the job has at the target.
struct LedgerEntry {
    qint64 jobId = 0;
    QString recordingId;
    QString tenant;
    QString day;
    QString audioSha256;
    qint64 audioSize = 0;
    qint64 audioMtimeNs = 0;
    QString metadataSha256;
    QString targetPath;
    QDateTime replicatedAt;
};

// The ledger of replicated recordings together with the counters it feeds.
// Each record*() call is ONE transaction that writes the ledger or failure
// row, the day's statistics and the run's counters, so they always agree
// (STYLE.md item 7), even when the process is killed in between.
class LedgerStore {
public:
    // Upserts the ledger row; day_stats.replicated +1 and bytes += bytesSent;
    // runs.uploaded +1 and bytes += bytesSent; drops the recording's saved
    // upload state and failure.
    static bool recordSuccess(const SuccessRecord &record, QString *error = nullptr);

    // The target already held the recording: upserts the ledger row (so the
    // next incremental run leaves it out); day_stats.skipped +1,
    // runs.skipped +1; drops upload state and failure. bytesSent is ignored.
    static bool recordSkipped(const SuccessRecord &record, QString *error = nullptr);

    // recordSuccess() or recordSkipped() (by alreadyHeld) of many recordings in ONE
    // transaction, with the counters summed per day and run: a run commits what its
    // workers finished together instead of paying a transaction per recording.
    static bool recordAll(const QList<SuccessRecord> &records, QString *error = nullptr);

    // Upserts the failure (attempts +1); day_stats.failed +1, runs.failed +1.
    // nextRetryAt invalid: no retry planned.
    static bool recordFailure(qint64 jobId, qint64 runId, const QString &recordingId,
                              const QString &day, FailureKind kind, const QString &cause,
                              const QDateTime &nextRetryAt, QString *error = nullptr);

    // After-success category actions rewrote the sidecar: keep the ledger's
    // metadata hash in step so the next incremental run sees no change.
    static bool updateMetadataSha256(qint64 jobId, const QString &recordingId,
                                     const QString &metadataSha256, QString *error = nullptr);

    // false with *error set when the lookup itself failed.
    static bool contains(qint64 jobId, const QString &recordingId, QString *error = nullptr);
    // std::nullopt and an empty *error when the recording is not in the ledger.
    static std::optional<LedgerEntry> entry(qint64 jobId, const QString &recordingId,
                                            QString *error = nullptr);
    // The ledger rows of these recordings (those it has), by recording id.
    static std::optional<QHash<QString, LedgerEntry>> entries(qint64 jobId, const QStringList &ids,
                                                              QString *error = nullptr);
    // -1 on error.
    static qint64 count(qint64 jobId, QString *error = nullptr);
    // Every recording id in the job's ledger, for planning an incremental run.
    static std::optional<QSet<QString>> recordingIds(qint64 jobId, QString *error = nullptr);
};

} // namespace Replicall
