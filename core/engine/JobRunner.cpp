// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRunner.h"

#include "WorkerPool.h"
#include "schedule/Clock.h"
#include "schedule/RateLimiter.h"
#include "secrets/SecretStore.h"
#include "source/ArchiveIndexer.h"
#include "source/CategoryActions.h"
#include "source/SourceRemover.h"
#include "source/UsersConfig.h"
#include "store/FailureStore.h"
#include "store/LedgerStore.h"
#include "store/RunStore.h"
#include "store/UploadStateStore.h"
#include "transfer/DirectoryCall.h"
#include "transfer/InfoCall.h"
#include "transfer/LookupCall.h"

#include <QDir>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcRun, "replicall.run")

namespace {
constexpr int PageSize = 256;           // recordings loaded from the catalog at a time
constexpr int ProgressIntervalMs = 200; // progress signals at most this often
// Finished recordings are written to the ledger together, at the latest this
// long after the first of them, or once this many are waiting. A recording
// counts as replicated (and its source copy may go) only once written.
constexpr int CommitDelayMs = 100;
constexpr int CommitBatchSize = 256;

// Bandwidth caps run on the machine's clock.
const Clock &systemClock() {
    static const SystemClock clock;
    return clock;
}

// A transient failure of the connection itself rather than of one recording:
// the target is down or unreachable (its retries are already spent). A reset
// or closed connection is not counted: the target may close one request's
// connection on purpose (a refused body) while it serves the others.
bool isTargetUnreachable(const TransferError &error) {
    static const QStringList codes{u"connection-refused"_s, u"host-not-found"_s, u"timeout"_s};
    return error.kind == TransferError::Kind::Transient && codes.contains(error.code);
}
} // namespace

JobRunner::JobRunner(const QString &databasePath, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath)
    , m_secrets(secrets) {
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<RecordingFailure>();
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(CommitDelayMs);
    connect(&m_commitTimer, &QTimer::timeout, this, &JobRunner::commitQueued);
}

JobRunner::~JobRunner() {
    delete m_pool;
}

void JobRunner::setPhase(Phase phase, const QString &name) {
    m_phase = phase;
    m_phaseName = name;
    m_progress.phase = name;
    reportProgress(true);
}

void JobRunner::start(const Job &job, const QString &trigger) {
    Q_ASSERT(!m_running);
    m_job = job;
    m_trigger = trigger;
    m_running = true;
    m_stopRequested = false;
    m_summary = RunSummary{};
    m_summary.jobName = job.name;
    m_progress = RunProgress{};
    m_plan.clear();
    m_planCursor = 0;
    m_queue.clear();
    m_held.clear();
    m_inFlightBytes.clear();
    m_resumable.clear();
    m_toCommit.clear();
    m_clock.start();
    m_sinceProgress.start();
    m_limiter.reset();
    if (job.bandwidth > 0)
        m_limiter = std::make_shared<RateLimiter>(&systemClock(), job.bandwidth);

    QString error;
    if (!prepare(&error)) {
        fail(error);
        return;
    }
    checkTarget();
}

bool JobRunner::prepare(QString *error) {
    setPhase(Phase::Preparing, tr("preparing"));
    const QStringList problems = validateJob(m_job);
    if (!problems.isEmpty()) {
        *error = problems.join(u"; "_s);
        return false;
    }
    m_lock = std::make_unique<RunLock>(m_databasePath, m_job.id);
    if (!m_lock->tryLock(m_job.name, error)) {
        m_lock.reset();
        return false;
    }
    m_summary.runId = RunStore::begin(m_job.id, m_trigger, error);
    if (m_summary.runId <= 0)
        return false;

    const std::optional<QByteArray> token = m_secrets->read(m_job.tokenRef, error);
    if (!token) {
        *error = tr("cannot read the replication token: %1").arg(*error);
        return false;
    }
    m_endpoint = TargetEndpoint::fromJob(m_job, QString::fromUtf8(*token), error);
    if (!m_endpoint)
        return false;

    setPhase(Phase::Preparing, tr("indexing"));
    ArchiveIndexer indexer(m_job.sourceDir);
    indexer.setSettleTimeMs(m_settleMs);
    const IndexResult indexed = indexer.index();
    if (!indexed.ok) {
        *error = tr("cannot read the recording archive %1: %2").arg(m_job.sourceDir, indexed.error);
        return false;
    }
    for (const QString &problem : indexed.problems)
        qCWarning(lcRun).noquote() << m_job.name << u": "_s << problem;
    m_sourceId = indexed.sourceId;
    m_planner = std::make_unique<Planner>(m_job, m_sourceId);
    if (m_job.removeAfter)
        finishInterruptedRemovals();
    if (!m_planner->plan(QDateTime::currentDateTimeUtc(), &m_plan, error))
        return false;
    const std::optional<QHash<QString, UploadState>> resumable =
        UploadStateStore::forJob(m_job.id, error);
    if (!resumable)
        return false;
    m_resumable = *resumable;
    m_summary.matched = m_plan.size();
    m_progress.filesTotal = m_plan.size();
    if (m_job.data.testFlag(DataKind::Audio)) {
        for (const PlanEntry &entry : std::as_const(m_plan))
            m_progress.bytesTotal += entry.audioSize;
    }
    m_network = new QNetworkAccessManager(this);
    return true;
}

void JobRunner::finishInterruptedRemovals() {
    // The target verified these and the ledger holds them, so removing them now is what
    // the run that replicated them would have done had it not ended first.
    QList<Recording> pending;
    QString error;
    if (!m_planner->replicatedButPresent(&pending, &error)) {
        qCWarning(lcRun).noquote() << m_job.name << u": "_s << error;
        return;
    }
    for (const Recording &recording : std::as_const(pending)) {
        if (!SourceRemover::remove(recording, &error))
            qCWarning(lcRun).noquote() << m_job.name << u": "_s << recording.id
                                       << u": source copy not removed: "_s << error;
    }
}

void JobRunner::checkTarget() {
    setPhase(Phase::CheckingTarget, tr("checking target"));
    auto *call = new InfoCall(m_network, *m_endpoint, this);
    connect(call, &InfoCall::finished, this, [this, call] {
        call->deleteLater();
        if (call->error().kind != TransferError::Kind::None) {
            fail(tr("target %1: %2").arg(m_job.targetUrl.toDisplayString(), call->error().message));
            return;
        }
        if (m_stopRequested) {
            finish(u"stopped"_s);
            return;
        }
        sendDirectory();
    });
    call->start();
}

void JobRunner::sendDirectory() {
    if (!m_job.data.testFlag(DataKind::Users)) {
        lookUpHeld();
        return;
    }
    setPhase(Phase::SendingDirectory, tr("sending users configuration"));
    QString error;
    const std::optional<UsersConfig> config = UsersConfig::load(m_job.sourceDir, &error);
    if (!config) {
        // A recorder without a users file still has calls worth replicating.
        qCWarning(lcRun).noquote() << m_job.name << u": "_s << error;
        m_summary.message = tr("users configuration not sent: %1").arg(error);
        lookUpHeld();
        return;
    }
    auto *call = new DirectoryCall(m_network, *m_endpoint, config->limitedTo(m_job.tenants), this);
    connect(call, &DirectoryCall::finished, this, [this, call] {
        call->deleteLater();
        const TransferError &error = call->error();
        if (error.kind == TransferError::Kind::Fatal) {
            fail(tr("sending the users configuration: %1").arg(error.message));
            return;
        }
        if (error.kind != TransferError::Kind::None)
            m_summary.message = tr("users configuration not sent: %1").arg(error.message);
        lookUpHeld();
    });
    call->start();
}

void JobRunner::lookUpHeld() {
    if (m_job.mode != ReplicationMode::Full || m_plan.isEmpty() || m_stopRequested) {
        startUploading();
        return;
    }
    setPhase(Phase::LookingUp, tr("asking the target what it holds"));
    QList<LookupEntry> entries;
    entries.reserve(m_plan.size());
    for (const PlanEntry &entry : std::as_const(m_plan))
        entries.append({entry.id, QByteArray()});
    auto *call = new LookupCall(m_network, *m_endpoint, entries, this);
    connect(call, &LookupCall::finished, this, [this, call] {
        call->deleteLater();
        if (call->error().kind != TransferError::Kind::None) {
            fail(tr("asking the target which recordings it holds: %1").arg(call->error().message));
            return;
        }
        const auto held = call->result();
        for (auto it = held.cbegin(); it != held.cend(); ++it) {
            if (it->held)
                m_held.insert(it.key(), {it->sha256, it->metadataSha256});
        }
        startUploading();
    });
    call->start();
}

void JobRunner::startUploading() {
    if (m_stopRequested) {
        finish(u"stopped"_s);
        return;
    }
    setPhase(Phase::Uploading, tr("uploading"));
    const int workers = qBound(1, m_job.parallel, Job::MaxParallel);
    m_pool = new WorkerPool(*m_endpoint, m_job.id, qMin(workers, qMax(1, m_plan.size())));
    connect(m_pool, &WorkerPool::finished, this, &JobRunner::onResult);
    connect(m_pool, &WorkerPool::progress, this, [this](const QString &id, qint64 bytes) {
        if (m_inFlightBytes.contains(id)) {
            m_progress.bytesDone += bytes - m_inFlightBytes.value(id);
            m_inFlightBytes.insert(id, bytes);
            reportProgress();
        }
    });
    dispatch();
}

bool JobRunner::refillQueue() {
    if (m_planCursor >= m_plan.size())
        return false;
    QStringList ids;
    const int end = qMin(m_planCursor + PageSize, m_plan.size());
    for (int i = m_planCursor; i < end; ++i)
        ids.append(m_plan.at(i).id);
    m_planCursor = end;

    QList<Recording> recordings;
    QString error;
    if (!m_planner->load(ids, &recordings, &error)) {
        fail(error);
        return false;
    }
    QHash<QString, LedgerEntry> ledger;
    if (!m_held.isEmpty()) {
        const auto entries = LedgerStore::entries(m_job.id, ids, &error);
        if (!entries) {
            fail(error);
            return false;
        }
        ledger = *entries;
    }
    for (const Recording &recording : std::as_const(recordings)) {
        WorkItem item;
        item.recording = recording;
        item.data = m_job.data;
        item.chunkSize = m_job.chunkSize;
        item.settleMs = m_settleMs;
        item.limiter = m_limiter;
        // Under a cap, chunks of about a second's worth keep the rate even.
        if (m_limiter)
            item.chunkSize = qBound(Job::MinChunkSize, m_job.bandwidth, m_job.chunkSize);
        if (const auto held = m_held.constFind(recording.id); held != m_held.cend()) {
            item.heldSha256 = held->first;
            item.heldMetadataSha256 = held->second;
        }
        if (const auto upload = m_resumable.constFind(recording.id);
            upload != m_resumable.cend() && upload->size == recording.audioSize)
            item.resumeUrl = upload->uploadUrl;
        if (const auto entry = ledger.constFind(recording.id);
            entry != ledger.cend() && isKnownHeld(item, *entry)) {
            skipHeld(item);
            continue;
        }
        m_queue.push_back(item);
    }
    return true;
}

bool JobRunner::isKnownHeld(const WorkItem &item, const LedgerEntry &entry) const {
    // The ledger knows the SHA-256 of this very file (same size and modification
    // time, to the nanosecond) from when it was sent: it need not be read again to
    // see that the target holds the same.
    const Recording &recording = item.recording;
    const bool sendsAudio = item.data.testFlag(DataKind::Audio) && !recording.audioPath.isEmpty();
    const bool audioHeld =
        !sendsAudio ||
        (!item.heldSha256.isEmpty() && entry.audioSize == recording.audioSize &&
         entry.audioMtimeNs == recording.audioMtimeNs && recording.audioMtimeNs != 0 &&
         entry.audioSha256.toLatin1() == item.heldSha256.toLower());
    const bool metadataHeld = !item.data.testFlag(DataKind::Metadata) ||
                              recording.metadataSha256 == item.heldMetadataSha256;
    return audioHeld && metadataHeld && (sendsAudio || !item.heldMetadataSha256.isEmpty());
}

void JobRunner::skipHeld(const WorkItem &item) {
    WorkResult result;
    result.recording = item.recording;
    result.status = WorkResult::Status::AlreadyHeld;
    result.audioSha256 = item.heldSha256.toLower();
    result.metadataSha256 = item.recording.metadataSha256;
    if (m_job.data.testFlag(DataKind::Audio))
        m_progress.bytesDone += item.recording.audioSize;
    ++m_progress.filesDone;
    queueCommit(result);
}

void JobRunner::dispatch() {
    while (!m_stopRequested && m_pool->hasIdleWorker()) {
        if (m_queue.empty() && !refillQueue())
            break;
        if (m_queue.empty())
            continue;
        WorkItem item = std::move(m_queue.front());
        m_queue.pop_front();
        m_inFlightBytes.insert(item.recording.id, 0);
        m_progress.inFlight = m_inFlightBytes.keys();
        m_pool->submit(item);
    }
    if (m_pool->busyCount() == 0 &&
        (m_stopRequested || (m_queue.empty() && m_planCursor >= m_plan.size())))
        finish(m_stopRequested ? u"stopped"_s : QString());
}

void JobRunner::onResult(const WorkResult &result) {
    const QString &id = result.recording.id;
    // Progress counted what was sent; the final figure is the recording's size.
    m_progress.bytesDone -= m_inFlightBytes.take(id);
    m_progress.inFlight = m_inFlightBytes.keys();
    if (m_job.data.testFlag(DataKind::Audio))
        m_progress.bytesDone += result.recording.audioSize;
    ++m_progress.filesDone;

    switch (result.status) {
    case WorkResult::Status::Replicated:
    case WorkResult::Status::AlreadyHeld:
        queueCommit(result);
        break;
    case WorkResult::Status::NotSettled:
        ++m_summary.deferred;
        // One line per run says how many (finish()); each one is for debugging.
        qCDebug(lcRun).noquote() << m_job.name << u": "_s << id << u" deferred: "_s << result.note;
        break;
    case WorkResult::Status::Failed:
        // An upload we stopped ourselves is not a failure: it resumes next run.
        if (result.error.code == u"aborted"_s && (m_stopRequested || m_phase == Phase::Draining))
            break;
        commitFailure(result.recording, result.error);
        if (result.error.kind == TransferError::Kind::Fatal) {
            stopDispatching(tr("recording %1: %2").arg(id, result.error.message));
        } else if (isTargetUnreachable(result.error)) {
            // Every further recording would fail the same way, each after its
            // retries: a run over a million calls would grind on for hours.
            stopDispatching(
                tr("the target stopped answering (%1); the remaining recordings wait for the "
                   "next run")
                    .arg(result.error.message));
        }
        break;
    }
    reportProgress();

    if (m_phase == Phase::Draining) {
        if (m_pool->busyCount() == 0)
            finish(u"failed"_s);
        return;
    }
    dispatch();
}

void JobRunner::stopDispatching(const QString &message) {
    if (m_phase == Phase::Draining)
        return; // the first cause is the one worth reporting
    m_summary.message = message;
    m_phase = Phase::Draining;
    m_pool->abortAll(); // in-flight uploads stop resumably
}

SuccessRecord JobRunner::successRecord(const WorkResult &result) const {
    // A null QString is bound as SQL NULL, which the ledger's NOT NULL text
    // columns refuse: a call sent without audio (metadata only) or skipped
    // (no target path) has empty strings there, never NULL.
    auto text = [](const QString &value) {
        return value.isNull() ? u""_s : value;
    };
    const Recording &recording = result.recording;
    SuccessRecord record;
    record.jobId = m_job.id;
    record.runId = m_summary.runId;
    record.recordingId = recording.id;
    record.tenant = recording.tenant;
    record.day = recording.day();
    record.audioSha256 = text(QString::fromLatin1(result.audioSha256));
    record.audioSize = recording.audioSize;
    record.audioMtimeNs = recording.audioMtimeNs;
    record.metadataSha256 = text(QString::fromLatin1(recording.metadataSha256));
    record.targetPath = text(result.targetPath);
    record.bytesSent = result.bytesSent;
    return record;
}

void JobRunner::queueCommit(const WorkResult &result) {
    m_toCommit.append(result);
    if (m_toCommit.size() >= CommitBatchSize)
        commitQueued();
    else if (!m_commitTimer.isActive())
        m_commitTimer.start();
}

void JobRunner::commitQueued() {
    m_commitTimer.stop();
    if (m_toCommit.isEmpty())
        return;
    const QList<WorkResult> results = std::exchange(m_toCommit, {});
    QList<SuccessRecord> records;
    records.reserve(results.size());
    for (const WorkResult &result : results) {
        records.append(successRecord(result));
        records.last().alreadyHeld = result.status == WorkResult::Status::AlreadyHeld;
    }
    QString error;
    if (!LedgerStore::recordAll(records, &error)) {
        // The target holds them; the next run sees them as held and records them then.
        for (const WorkResult &result : results)
            commitFailure(result.recording,
                          TransferError::recording(
                              u"ledger"_s, tr("cannot record it in the ledger: %1").arg(error)));
        return;
    }
    for (const WorkResult &result : results) {
        if (result.status == WorkResult::Status::AlreadyHeld) {
            ++m_summary.skipped;
        } else {
            ++m_summary.uploaded;
            m_summary.bytes += result.bytesSent;
            if (!result.targetPath.isEmpty())
                m_summary.targetPaths.append(result.targetPath);
        }
        applyAfterSuccess(result.recording);
    }
}

void JobRunner::applyAfterSuccess(const Recording &recording) {
    QString error;
    if (!m_job.assignCategories.isEmpty() || !m_job.unassignCategories.isEmpty()) {
        QString newSha;
        if (CategoryActions::apply(recording.sidecarPath, m_job.assignCategories,
                                   m_job.unassignCategories, &newSha, &error)) {
            LedgerStore::updateMetadataSha256(m_job.id, recording.id, newSha, &error);
        } else {
            qCWarning(lcRun).noquote() << m_job.name << u": "_s << recording.id
                                       << u": categories not updated: "_s << error;
        }
    }
    // Reached only once the target verified the SHA-256 and the ledger holds it.
    if (m_job.removeAfter && !SourceRemover::remove(recording, &error)) {
        qCWarning(lcRun).noquote()
            << m_job.name << u": "_s << recording.id << u": source copy not removed: "_s << error;
    }
}

void JobRunner::commitFailure(const Recording &recording, const TransferError &error) {
    const FailureKind kind = error.kind == TransferError::Kind::Fatal ? FailureKind::Fatal
                             : error.kind == TransferError::Kind::Transient
                                 ? FailureKind::Transient
                                 : FailureKind::Recording;
    // A transient failure is tried again by the next run; the time says when
    // that is worth it, so a scheduler can wait instead of hammering.
    const QDateTime retryAt =
        kind == FailureKind::Transient ? QDateTime::currentDateTimeUtc().addSecs(60) : QDateTime();
    QString storeError;
    if (!LedgerStore::recordFailure(m_job.id, m_summary.runId, recording.id, recording.day(), kind,
                                    error.message, retryAt, &storeError)) {
        qCWarning(lcRun).noquote()
            << u"cannot record the failure of %1: %2"_s.arg(recording.id, storeError);
    }
    ++m_summary.failed;
    const RecordingFailure failure{recording.id, failureKindToString(kind), error.message};
    m_summary.failures.append(failure);
    qCWarning(lcRun).noquote() << u"job '%1', recording %2: %3"_s.arg(m_job.name, recording.id,
                                                                      error.message);
    Q_EMIT recordingFailed(failure);
}

void JobRunner::stop() {
    if (!m_running || m_stopRequested)
        return;
    m_stopRequested = true;
    if (m_pool)
        m_pool->abortAll();
}

void JobRunner::fail(const QString &message) {
    m_summary.message = message;
    qCWarning(lcRun).noquote() << u"job '%1': %2"_s.arg(m_job.name, message);
    finish(u"failed"_s);
}

void JobRunner::finish(const QString &status) {
    if (!m_running)
        return;
    commitQueued();
    QString finalStatus = status;
    if (finalStatus.isEmpty())
        finalStatus = m_summary.failed > 0 ? u"partial"_s : u"succeeded"_s;
    m_summary.status = finalStatus;
    if (m_summary.deferred > 0) {
        qCInfo(lcRun).noquote() << u"job '%1': %2 recordings are still being written and wait "
                                   u"for a later run"_s.arg(m_job.name)
                                       .arg(m_summary.deferred);
    }
    m_summary.seconds = m_clock.elapsed() / 1000.0;
    if (m_summary.runId > 0) {
        QString error;
        RunStatus runStatus = RunStatus::Failed;
        runStatusFromString(finalStatus, &runStatus);
        if (!RunStore::finish(m_summary.runId, runStatus, m_summary.message, m_summary.matched,
                              &error))
            qCWarning(lcRun).noquote()
                << u"cannot record the end of run %1: %2"_s.arg(m_summary.runId).arg(error);
    }
    if (m_pool) {
        m_pool->deleteLater(); // we may be inside one of its signals
        m_pool = nullptr;
    }
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
    m_running = false;
    m_phase = Phase::Idle;
    reportProgress(true);
    Q_EMIT finished(m_summary);
}

void JobRunner::reportProgress(bool force) {
    if (!force && m_sinceProgress.elapsed() < ProgressIntervalMs)
        return;
    const double seconds = m_clock.elapsed() / 1000.0;
    m_progress.bytesPerSecond = seconds > 0 ? m_progress.bytesDone / seconds : 0;
    m_sinceProgress.restart();
    Q_EMIT progress(m_progress);
}

} // namespace Replicall
