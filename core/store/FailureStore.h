// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace Replicall {

// How a failed recording is treated (STYLE.md item 4): the whole job stops
// (fatal), this recording is given up until something changes (recording), or
// it is tried again after a growing pause (transient).
enum class FailureKind { Recording, Transient, Fatal };

QString failureKindToString(FailureKind kind); // "recording", "transient", "fatal"
bool failureKindFromString(const QString &text, FailureKind *out, QString *error = nullptr);

// The latest failure of one recording in one job (table `failures`).
struct FailureRecord {
    qint64 jobId = 0;
    QString recordingId;
    qint64 runId = 0; // 0 when the failure happened outside a run
    QString day;      // the recording's day, YYYY-MM-DD (UTC)
    FailureKind kind = FailureKind::Recording;
    QString cause;
    int attempts = 0;
    QDateTime lastAt;
    QDateTime nextRetryAt; // invalid: no retry planned
};

// Reads and clears failures. They are written by LedgerStore::recordFailure()
// and cleared automatically when the recording succeeds later.
class FailureStore {
public:
    // Every failure of the job, the most recent first.
    static std::optional<QList<FailureRecord>> list(qint64 jobId, QString *error = nullptr);
    // Transient failures whose retry time has come, the oldest first: they
    // survive a restart so the next run retries them in time.
    static std::optional<QList<FailureRecord>> due(qint64 jobId, const QDateTime &now,
                                                   QString *error = nullptr);
    // Forgets one failure ("retry now" / "ignore"); no error when there is none.
    static bool clear(qint64 jobId, const QString &recordingId, QString *error = nullptr);
    static bool clearAll(qint64 jobId, QString *error = nullptr);
};

} // namespace Replicall
