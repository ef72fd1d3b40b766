// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/NetworkCall.h"
#include "transfer/SendingHash.h"

#include <QUrl>
#include <chrono>
#include <functional>
#include <memory>

namespace Replicall {

class FileWindow;

// Asked before a request body of `bytes` goes out how long to wait first;
// a job's bandwidth cap plugs its token bucket in here.
using UploadPacer = std::function<std::chrono::milliseconds(qint64 bytes)>;

// One audio file to upload.
struct UploadSource {
    QString path;
    qint64 size = 0;
    qint64 mtimeMs = 0; // as hashed; 0 = take it when the upload starts
    QByteArray sha256;  // hex of the whole file; empty: computed while it is sent
    QString recordingId;
    QString tenant;
    QString fileName; // display only at the target
    qint64 chunkSize = 8 * 1024 * 1024;
    QUrl resumeUrl;   // an upload this file was already sent to in part
    UploadPacer pace; // optional: consulted before each chunk is sent
    // Each PATCH carries Upload-Checksum (SHA-256 of the chunk), so a chunk damaged on
    // the way is refused and sent again instead of spoiling the whole upload. Costs one
    // more read and hash of the file, so it is used once an upload arrived damaged.
    bool checksumChunks = false;
    // The commit (CommitCall::payload without the upload id) to send along with a file
    // that goes in one request: the target then stores the recording in that same
    // request and answers with the commit's JSON (see commitAnswer()).
    QByteArray commit;
};

// Uploads one file with tus 1.0.0 (wire-protocol.md, "Uploads").
//
//   size <= chunk:  POST /uploads with the whole body (creation-with-upload)
//                   [and the commit in Upload-Metadata] ──▶ done [committed]
//   size >  chunk:  POST /uploads (no body) ─▶ created(url) ─▶ PATCH chunk ─▶ … ─▶ done
//   resumeUrl set:  HEAD url ─▶ PATCH from Upload-Offset …   (404/410 ─▶ new POST)
//   PATCH failed:   transient ─▶ backoff ─▶ HEAD ─▶ PATCH from the offset the target has
//
// The file is never read into memory whole: each PATCH streams a FileWindow.
// Without a SHA-256 given, it is computed from the bytes as they are sent.
// If the file changes (size or mtime) the recording fails; abort() leaves
// the upload at the target resumable.
class TusUpload : public NetworkCall {
    Q_OBJECT
public:
    TusUpload(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
              const UploadSource &source, QObject *parent = nullptr);

    void start();

    // Once ok(): where the upload lives and its id for the commit.
    QUrl uploadUrl() const { return m_uploadUrl; }
    QString uploadId() const;
    // Bytes this object sent that the target acknowledged (less than the
    // file size when it resumed an upload).
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 resumedFrom() const { return m_resumedFrom; }
    // How many POST /uploads this object made (1 for a fresh upload, 0 for a resumed one).
    int creations() const { return m_creations; }
    // Once ok(): the target's commit answer when it committed the recording along with
    // the upload; empty when the commit is still to be made.
    QByteArray commitAnswer() const { return m_commitAnswer; }
    // Once ok(): the hex SHA-256 of the file, as given or as computed from what was sent.
    QByteArray sha256() const { return m_source.sha256; }

Q_SIGNALS:
    // The upload exists at the target; emitted before any byte of it is sent
    // (chunked uploads only), so the URL can be stored for a later resume.
    void created(const QUrl &uploadUrl);
    // Bytes of the file that are at the target or on their way.
    void progress(qint64 bytesSentTotal);

private:
    void create();
    void createWithBody();
    void probe(const QUrl &url, bool resuming);
    void patchNext();
    void sendWholeFile();
    void sendChunk(qint64 offset, qint64 length);
    // A window on the file to send; nullptr after finishing with the reason.
    std::unique_ptr<FileWindow> openWindow(qint64 offset, qint64 length);
    // Every byte is at the target: the SHA-256 is complete too.
    void finishSending();
    // Runs send now, or after the wait the pacer asks for (a timer, never a sleep).
    void afterPacing(qint64 bytes, const std::function<void()> &send);
    bool acceptLocation(QNetworkReply *reply);
    bool fileUnchanged();
    QNetworkRequest tusRequest(const QUrl &url) const;
    QByteArray uploadMetadata() const;
    TransferError fileError(const QString &problem,
                            const QString &code = QStringLiteral("file-changed")) const;

    UploadSource m_source;
    QUrl m_uploadUrl;
    qint64 m_offset = 0;
    qint64 m_bytesSent = 0;
    qint64 m_resumedFrom = 0;
    int m_creations = 0;
    QByteArray m_commitAnswer;
    std::unique_ptr<SendingHash> m_sendingHash; // when no SHA-256 was given
};

} // namespace Replicall
