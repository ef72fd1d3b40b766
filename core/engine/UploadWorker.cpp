// SPDX-License-Identifier: GPL-3.0-or-later
#include "UploadWorker.h"

#include "model/Sha256.h"
#include "schedule/RateLimiter.h"
#include "source/FileStability.h"
#include "store/UploadStateStore.h"
#include "transfer/RecordingTransfer.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcWorker, "replicall.worker")

UploadWorker::UploadWorker(const TargetEndpoint &endpoint, qint64 jobId, int index,
                           QNetworkAccessManager *network)
    : m_endpoint(endpoint)
    , m_jobId(jobId)
    , m_index(index)
    , m_network(network) {}

UploadWorker::~UploadWorker() = default;

void UploadWorker::process(const WorkItem &item) {

    const Recording &recording = item.recording;
    const bool sendsAudio = item.data.testFlag(DataKind::Audio) && !recording.audioPath.isEmpty();
    QString why;
    if (sendsAudio && !FileStability::isSettled(recording, item.settleMs, &why)) {
        WorkResult result;
        result.recording = recording;
        result.status = WorkResult::Status::NotSettled;
        result.note = why;
        finish(result);
        return;
    }

    // Full mode: the target holds this id. When it holds this very audio and
    // metadata there is nothing to send at all.
    if (!item.heldSha256.isEmpty() || (!sendsAudio && !item.heldMetadataSha256.isEmpty())) {
        QByteArray localSha;
        if (sendsAudio) {
            QString error;
            const std::optional<QByteArray> sha = Sha256::ofFile(recording.audioPath, &error);
            if (!sha) {
                WorkResult result;
                result.recording = recording;
                result.error = TransferError::recording(u"unreadable"_s, error);
                finish(result);
                return;
            }
            localSha = *sha;
        }
        const bool audioHeld = !sendsAudio || localSha == item.heldSha256;
        const bool metadataHeld = !item.data.testFlag(DataKind::Metadata) ||
                                  recording.metadataSha256 == item.heldMetadataSha256;
        if (audioHeld && metadataHeld) {
            WorkResult result;
            result.recording = recording;
            result.status = WorkResult::Status::AlreadyHeld;
            result.audioSha256 = localSha;
            result.metadataSha256 = recording.metadataSha256;
            finish(result);
            return;
        }
    }
    startTransfer(item);
}

void UploadWorker::startTransfer(const WorkItem &item) {
    TransferOptions options;
    options.data = item.data;
    options.chunkSize = item.chunkSize;
    options.resumeUrl = item.resumeUrl;
    options.targetAudioSha256 = item.heldSha256;
    if (item.limiter)
        options.pace = [limiter = item.limiter](qint64 bytes) {
            return limiter->reserve(bytes);
        };
    auto *transfer = new RecordingTransfer(m_network, m_endpoint, item.recording, options, this);
    m_transfer = transfer;
    const Recording recording = item.recording;

    // Stored before the first byte is sent, in this thread: a run killed
    // mid-file resumes from the target's offset instead of starting over.
    connect(transfer, &RecordingTransfer::uploadCreated, this, [this, transfer](const QUrl &url) {
        const Recording &r = transfer->recording();
        QString error;
        if (!UploadStateStore::save(m_jobId, r.id, url,
                                    QString::fromLatin1(transfer->outcome().audioSha256),
                                    r.audioSize, &error)) {
            qCWarning(lcWorker).noquote()
                << u"cannot store the upload URL of %1: %2"_s.arg(r.id, error);
        }
    });
    connect(transfer, &RecordingTransfer::progress, this,
            [this, recording](qint64 bytes) { Q_EMIT progress(m_index, recording.id, bytes); });
    connect(transfer, &RecordingTransfer::finished, this, [this, transfer] {
        const TransferOutcome &outcome = transfer->outcome();
        WorkResult result;
        result.recording = transfer->recording();
        result.status = outcome.ok ? WorkResult::Status::Replicated : WorkResult::Status::Failed;
        result.error = outcome.error;
        result.audioSha256 = outcome.audioSha256;
        result.metadataSha256 = outcome.metadataSha256;
        result.targetPath = outcome.targetPath;
        result.bytesSent = outcome.bytesSent;
        transfer->deleteLater();
        if (outcome.error.code == u"sha256-mismatch"_s) {
            // The partial upload held other bytes; the next attempt starts afresh.
            QString error;
            UploadStateStore::clear(m_jobId, result.recording.id, &error);
        }
        finish(result);
    });
    transfer->start();
}

void UploadWorker::abort() {
    if (m_transfer)
        m_transfer->abort();
}

void UploadWorker::finish(WorkResult result) {
    Q_EMIT finished(m_index, result);
}

} // namespace Replicall
