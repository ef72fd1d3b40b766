// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Planner.h"
#include "RunLock.h"
#include "RunTypes.h"
#include "WorkItem.h"
#include "model/Job.h"
#include "source/FileStability.h"
#include "store/UploadStateStore.h"
#include "transfer/TargetEndpoint.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Replicall {

class RateLimiter;
class SecretStore;
struct LedgerEntry;
struct SuccessRecord;
class WorkerPool;

// Runs one job once.
//
//   Locking ─▶ Indexing ─▶ CheckingTarget ─▶ SendingDirectory ─▶ Planning
//      │                        │                                  │
//      │ (already running)      │ (fatal)                          ▼
//      ▼                        ▼                    [full] LookingUp
//    Failed ◀──────────────── Failed                               │
//                                                                  ▼
//                               Finished ◀── Draining ◀──────── Uploading
//
// Uploading keeps every worker busy with the next planned recording. The
// results are committed here, in this order: ledger and per-day statistics in
// one transaction (for all recordings that finished within CommitDelayMs, so
// a run does not pay a transaction per recording); the after-success category
// actions; then, if the job says so, removal of the source copy. A fatal error (token or
// certificate refused, target disk full) or a target that stops answering stops the dispatch, lets
// in-flight uploads stop resumably and ends the run as failed.
//
// The runner blocks its thread while it indexes and plans, so the desktop
// application gives it a thread of its own.
class JobRunner : public QObject {
    Q_OBJECT
public:
    JobRunner(const QString &databasePath, SecretStore *secrets, QObject *parent = nullptr);
    ~JobRunner() override;

    // Starts a run; finished() follows exactly once.
    void start(const Job &job, const QString &trigger = QStringLiteral("manual"));
    // Stops dispatching; in-flight uploads stop and stay resumable.
    void stop();
    bool isRunning() const { return m_running; }
    // How long an audio file must be untouched before it is indexed as settled
    // and sent (default FileStability::SettleMs). Continuous replication lowers
    // it to what its watcher already verified; applies from the next start().
    void setSettleTimeMs(qint64 ms) { m_settleMs = ms; }

Q_SIGNALS:
    void progress(const Replicall::RunProgress &progress);
    void recordingFailed(const Replicall::RecordingFailure &failure);
    void finished(const Replicall::RunSummary &summary);

private:
    enum class Phase {
        Idle,
        Preparing,
        CheckingTarget,
        SendingDirectory,
        LookingUp,
        Uploading,
        Draining
    };

    bool prepare(QString *error);
    void finishInterruptedRemovals();
    void checkTarget();
    void sendDirectory();
    void lookUpHeld();
    void startUploading();
    void dispatch();
    bool refillQueue();
    void onResult(const WorkResult &result);
    void stopDispatching(const QString &message);
    SuccessRecord successRecord(const WorkResult &result) const;
    // Full mode: the target holds this recording exactly as the ledger knows it.
    bool isKnownHeld(const WorkItem &item, const LedgerEntry &entry) const;
    void skipHeld(const WorkItem &item);
    void queueCommit(const WorkResult &result);
    void commitQueued();
    void commitFailure(const Recording &recording, const TransferError &error);
    void applyAfterSuccess(const Recording &recording);
    void fail(const QString &message);
    void finish(const QString &status);
    void reportProgress(bool force = false);
    void setPhase(Phase phase, const QString &name);

    QString m_databasePath;
    SecretStore *m_secrets;
    Job m_job;
    QString m_trigger;
    qint64 m_settleMs = FileStability::SettleMs;
    std::shared_ptr<RateLimiter> m_limiter; // the job's bandwidth cap, shared by its workers
    bool m_running = false;
    bool m_stopRequested = false;
    Phase m_phase = Phase::Idle;
    QString m_phaseName;

    std::unique_ptr<RunLock> m_lock;
    std::unique_ptr<Planner> m_planner;
    qint64 m_sourceId = 0;
    std::optional<TargetEndpoint> m_endpoint;
    QNetworkAccessManager *m_network = nullptr; // for the runner's own calls
    WorkerPool *m_pool = nullptr;

    QList<PlanEntry> m_plan;
    int m_planCursor = 0;                                 // next plan entry to load
    std::deque<WorkItem> m_queue;                         // loaded, waiting for a worker
    QHash<QString, QPair<QByteArray, QByteArray>> m_held; // full mode: id -> (audio, metadata) sha
    QHash<QString, qint64> m_inFlightBytes;
    QHash<QString, UploadState> m_resumable; // uploads an earlier run left unfinished
    // Finished recordings whose ledger rows are written together (commitQueued()).
    QList<WorkResult> m_toCommit;
    QTimer m_commitTimer;

    RunSummary m_summary;
    RunProgress m_progress;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceProgress;
};

} // namespace Replicall
