// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/RecordingTransfer.h"

#include "model/FileStat.h"
#include "model/Sha256.h"
#include "transfer/CommitCall.h"
#include "transfer/TusUpload.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {
// The commit rides in Upload-Metadata (base64, so 4/3 of this) and the target
// takes at most 16 KiB of headers: a larger one goes in its own request.
constexpr qsizetype MaxInlineCommitBytes = 8 * 1024;
constexpr qint64 InlineHashBytes = 1024 * 1024;
} // namespace

RecordingTransfer::RecordingTransfer(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                                     const Recording &recording, const TransferOptions &options,
                                     QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint)
    , m_recording(recording)
    , m_options(options) {
    connect(&m_hashing, &QFutureWatcher<Hashed>::finished, this,
            [this] { hashed(m_hashing.result()); });
}

RecordingTransfer::~RecordingTransfer() {
    // The hash keeps running on the pool if it must; nobody waits for its result.
    m_hashing.disconnect(this);
}

bool RecordingTransfer::sendsAudio() const {
    return (m_options.data & DataKind::Audio) && !m_recording.audioPath.isEmpty();
}

void RecordingTransfer::start() {
    if (m_state != State::Idle)
        return;
    if (!sendsAudio()) {
        if (!(m_options.data & DataKind::Metadata)) {
            fail(TransferError::recording(
                u"nothing-to-send"_s,
                u"recording %1 has no audio and the job does not replicate call metadata"_s.arg(
                    m_recording.id)));
            return;
        }
        commit({});
        return;
    }

    const FileStat info = FileStat::of(m_recording.audioPath);
    if (!info.isFile()) {
        fail(audioChanged(u"it does not exist"_s));
        return;
    }
    m_size = info.size;
    m_mtimeMs = info.mtimeMs();
    // A file still being written must never be uploaded: it has to be as the
    // catalog saw it when the call was completed.
    if (m_recording.audioMtimeMs != 0 &&
        (m_size != m_recording.audioSize || m_mtimeMs != m_recording.audioMtimeMs)) {
        fail(audioChanged(
            u"it changed since it was indexed (%1 bytes, indexed with %2)"_s.arg(m_size).arg(
                m_recording.audioSize)));
        return;
    }

    // A file sent in chunks is hashed on the way (TusUpload), so it is read once; only
    // to compare with what the target holds must it be hashed before.
    if (m_size > m_options.chunkSize && m_options.targetAudioSha256.isEmpty()) {
        upload();
        return;
    }
    m_state = State::Hashing;
    const QString path = m_recording.audioPath;
    const auto hash = [path] {
        Hashed result;
        result.sha256 = Sha256::ofFile(path, &result.error, &result.size);
        return result;
    };
    // A small file is hashed faster than a hop to the pool and back; a large one
    // must not hold up this thread's other network operations.
    if (m_size <= InlineHashBytes)
        hashed(hash());
    else
        m_hashing.setFuture(QtConcurrent::run(hash));
}

void RecordingTransfer::hashed(const Hashed &result) {
    if (m_state != State::Hashing)
        return;
    if (!result.sha256) {
        fail(TransferError::recording(u"file-unreadable"_s, result.error));
        return;
    }
    const FileStat info = FileStat::of(m_recording.audioPath);
    if (result.size != m_size || info.size != m_size || info.mtimeMs() != m_mtimeMs) {
        fail(audioChanged(u"it changed while it was hashed"_s));
        return;
    }
    m_outcome.audioSha256 = *result.sha256;

    if (!m_options.targetAudioSha256.isEmpty() &&
        m_options.targetAudioSha256.toLower() == m_outcome.audioSha256) {
        m_outcome.uploadSkipped = true;
        commit({});
        return;
    }
    upload();
}

void RecordingTransfer::upload() {
    m_state = State::Uploading;
    UploadSource source;
    source.path = m_recording.audioPath;
    source.size = m_size;
    source.mtimeMs = m_mtimeMs;
    source.sha256 = m_outcome.audioSha256;
    source.recordingId = m_recording.id;
    source.tenant = m_recording.tenant;
    source.fileName = QFileInfo(m_recording.audioPath).fileName();
    source.chunkSize = m_options.chunkSize;
    source.resumeUrl = m_checksumChunks ? QUrl() : m_options.resumeUrl;
    source.pace = m_options.pace;
    source.checksumChunks = m_checksumChunks;
    // A file that goes in one request takes its commit along: one round trip, not two.
    const CommitRequest inlineCommit = commitRequest({});
    if (m_size <= source.chunkSize && CommitCall::problemWith(inlineCommit).isEmpty()) {
        const QByteArray payload = CommitCall::payload(inlineCommit);
        if (payload.size() <= MaxInlineCommitBytes)
            source.commit = payload;
    }

    auto *upload = adopt(new TusUpload(m_network, m_endpoint, source, this));
    connect(upload, &TusUpload::created, this, &RecordingTransfer::uploadCreated);
    connect(upload, &TusUpload::progress, this, &RecordingTransfer::progress);
    connect(upload, &TusUpload::finished, this, [this, upload, inlineCommit] {
        m_outcome.bytesSent = upload->bytesSent();
        if (upload->ok())
            m_outcome.audioSha256 = upload->sha256();
        if (!upload->ok()) {
            fail(upload->error());
        } else if (upload->commitAnswer().isEmpty()) {
            commit(upload->uploadId());
        } else {
            CommitResult result;
            const TransferError error =
                CommitCall::readAnswer(inlineCommit, m_endpoint.settings().url.host(),
                                       upload->commitAnswer(), 201, &result);
            if (error.isError())
                fail(error);
            else
                committed(result);
        }
    });
    upload->start();
}

CommitRequest RecordingTransfer::commitRequest(const QString &uploadId) const {
    CommitRequest request;
    request.recordingId = m_recording.id;
    request.tenant = m_recording.tenant;
    request.start = m_recording.start;
    if (m_options.data & DataKind::Metadata)
        request.metadata = m_recording.metadata;
    if (sendsAudio()) {
        request.audio = CommitRequest::Audio{uploadId, m_size, m_outcome.audioSha256,
                                             QFileInfo(m_recording.audioPath).fileName()};
    }
    return request;
}

void RecordingTransfer::committed(const CommitResult &result) {
    m_outcome.ok = true;
    m_outcome.created = result.created;
    m_outcome.targetPath = result.targetPath;
    m_outcome.metadataSha256 = result.metadataSha256;
    end(State::Done);
}

void RecordingTransfer::commit(const QString &uploadId) {
    m_state = State::Committing;
    auto *commit = adopt(new CommitCall(m_network, m_endpoint, commitRequest(uploadId), this));
    connect(commit, &CommitCall::finished, this, [this, commit, uploadId] {
        if (!commit->ok()) {
            // The bytes were damaged on their way (the target discarded the upload): once
            // more, with every chunk checked on arrival.
            if (commit->error().code == u"sha256-mismatch"_s && !uploadId.isEmpty() &&
                !m_checksumChunks) {
                m_checksumChunks = true;
                upload();
                return;
            }
            fail(commit->error());
            return;
        }
        committed(commit->result());
    });
    commit->start();
}

void RecordingTransfer::abort() {
    if (m_state == State::Done || m_state == State::Failed)
        return;
    if (m_call) {
        m_call->disconnect(this);
        m_call->abort();
    }
    fail(TransferError::transient(u"aborted"_s,
                                  u"transfer of recording %1 was stopped"_s.arg(m_recording.id)));
}

void RecordingTransfer::fail(const TransferError &error) {
    m_outcome.ok = false;
    m_outcome.error = error;
    end(State::Failed);
}

void RecordingTransfer::end(State state) {
    m_state = state;
    // Queued so that finished() never comes from inside start() or abort().
    QMetaObject::invokeMethod(this, &RecordingTransfer::finished, Qt::QueuedConnection);
}

TransferError RecordingTransfer::audioChanged(const QString &problem) const {
    return TransferError::recording(
        u"file-changed"_s,
        u"audio file %1 of recording %2: %3"_s.arg(m_recording.audioPath, m_recording.id, problem));
}

template <typename Call> Call *RecordingTransfer::adopt(Call *call) {
    call->setRetryPolicy(m_options.retry);
    // Deleted once it reported, after the slots above ran.
    connect(call, &NetworkCall::finished, call, &QObject::deleteLater);
    m_call = call;
    return call;
}

} // namespace Replicall
