// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "model/Recording.h"
#include "transfer/CommitCall.h"
#include "transfer/NetworkCall.h"
#include "transfer/TusUpload.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace Replicall {

struct TransferOptions {
    DataKinds data = DataKind::Audio | DataKind::Metadata;
    qint64 chunkSize = 8 * 1024 * 1024;
    QUrl resumeUrl;               // upload URL stored from an earlier uploadCreated()
    QByteArray targetAudioSha256; // hex the target already holds for this id (from a lookup)
    RetryPolicy retry;
    UploadPacer pace; // optional bandwidth cap, consulted before each chunk
};

// The result of sending one recording.
struct TransferOutcome {
    bool ok = false;
    TransferError error;
    QByteArray audioSha256; // hex of the local audio; empty when audio was not sent
    qint64 bytesSent =
        0;              // audio bytes sent by this transfer (0 when skipped or resumed at the end)
    QString targetPath; // where the target stored the audio
    QByteArray metadataSha256;  // as the target stored it
    bool created = false;       // the target did not hold the recording before
    bool uploadSkipped = false; // the target already held this audio
};

// Sends one recording: its audio (when the job replicates audio and the call
// has any) and its metadata, then commits it.
//
//   Idle ─start()─ larger than a chunk, not held: hashed while sent ─▶ Uploading
//   Idle ─start()─▶ Hashing ─┬─ target lacks this sha256 ─▶ Uploading ─▶ Committing ─▶ Done
//                            │                                 └─ one-request file, committed ─▶
//                            Done └─ target holds this sha256 ──────────────▶ Committing
//   Idle ─start()─ no audio to send (metadata only) ───────────────────▶ Committing
//   any state ── error, changed file, abort() ──▶ Failed
//
// Hashing a large file runs on the global thread pool so the worker's event
// loop keeps serving its other network operations.
class RecordingTransfer : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Hashing, Uploading, Committing, Done, Failed };
    Q_ENUM(State)

    RecordingTransfer(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                      const Recording &recording, const TransferOptions &options,
                      QObject *parent = nullptr);
    ~RecordingTransfer() override;

    void start();
    // Stops at once; a started upload stays resumable. finished() follows.
    void abort();

    State state() const { return m_state; }
    const Recording &recording() const { return m_recording; }
    const TransferOutcome &outcome() const { return m_outcome; }

Q_SIGNALS:
    void uploadCreated(const QUrl &uploadUrl);
    void progress(qint64 bytesSentTotal);
    void finished();

private:
    struct Hashed {
        std::optional<QByteArray> sha256;
        qint64 size = 0;
        QString error;
    };

    void hashed(const Hashed &result);
    void upload();
    CommitRequest commitRequest(const QString &uploadId) const;
    void commit(const QString &uploadId);
    void committed(const CommitResult &result);
    void fail(const TransferError &error);
    void end(State state);
    bool sendsAudio() const;
    TransferError audioChanged(const QString &problem) const;
    template <typename Call> Call *adopt(Call *call);

    QNetworkAccessManager *m_network;
    TargetEndpoint m_endpoint;
    Recording m_recording;
    TransferOptions m_options;
    State m_state = State::Idle;
    TransferOutcome m_outcome;
    qint64 m_mtimeMs = 0;
    qint64 m_size = 0;
    QFutureWatcher<Hashed> m_hashing;
    QPointer<NetworkCall> m_call;
    bool m_checksumChunks = false; // set after an upload arrived damaged
};

} // namespace Replicall
