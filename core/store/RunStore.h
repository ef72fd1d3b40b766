// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace Replicall {

enum class RunStatus { Running, Succeeded, Partial, Failed, Stopped, Interrupted };

// "running", "succeeded", "partial", "failed", "stopped", "interrupted"
QString runStatusToString(RunStatus status);
bool runStatusFromString(const QString &text, RunStatus *out, QString *error = nullptr);

// One run of a job (table `runs`). The counters are written by LedgerStore.
struct RunRecord {
    qint64 id = 0;
    qint64 jobId = 0;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while running
    RunStatus status = RunStatus::Running;
    QString trigger; // manual, schedule, continuous, ...
    qint64 matched = 0;
    qint64 uploaded = 0;
    qint64 skipped = 0;
    qint64 failed = 0;
    qint64 bytes = 0;
    QString message;
    qint64 pid = 0; // the process that ran it, to detect one that died
    QString host;
};

class RunStore {
public:
    // Starts a run of the job for this process. Because the check and the
    // insert are one write transaction, the same job never runs twice at
    // once, also across processes on one database: fails with a message when
    // a run of the job is still running in a live process. A 'running' run
    // left by a process of this host that no longer exists is marked
    // interrupted first. Returns the new run's id, or 0 with *error set.
    static qint64 begin(qint64 jobId, const QString &trigger, QString *error = nullptr);
    // Any status but Running; sets finished_at.
    static bool finish(qint64 runId, RunStatus status, const QString &message, qint64 matched,
                       QString *error = nullptr);
    // How many recordings the run's plan selected, as soon as it is known.
    static bool setMatched(qint64 runId, qint64 matched, QString *error = nullptr);

    static std::optional<RunRecord> byId(qint64 runId, QString *error = nullptr);
    // The job's latest runs, newest first; jobId 0 lists the runs of every job.
    static std::optional<QList<RunRecord>> recent(qint64 jobId, int limit,
                                                  QString *error = nullptr);

    // Marks runs left 'running' by a process of this host that no longer
    // exists as interrupted. Returns how many, or -1 with *error set.
    static int markInterrupted(QString *error = nullptr);
};

} // namespace Replicall
