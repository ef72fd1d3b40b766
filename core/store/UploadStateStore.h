// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QUrl>
#include <optional>

namespace Replicall {

// A tus upload that was created at the target and may be resumed.
struct UploadState {
    qint64 jobId = 0;
    QString recordingId;
    QUrl uploadUrl;
    QString audioSha256; // of the file being uploaded: resume only the same content
    qint64 size = 0;
    QDateTime createdAt;
};

// Resumable uploads in progress (table `uploads`). The engine saves the
// upload URL before the first byte is sent, so a run killed mid-upload
// resumes from the target's offset instead of starting over. The row is
// dropped by LedgerStore when the recording is settled.
class UploadStateStore {
public:
    static bool save(qint64 jobId, const QString &recordingId, const QUrl &uploadUrl,
                     const QString &audioSha256, qint64 size, QString *error = nullptr);
    // std::nullopt and an empty *error when no upload is saved.
    static std::optional<UploadState> find(qint64 jobId, const QString &recordingId,
                                           QString *error = nullptr);
    // Every upload in progress of the job, by recording id: read once when a run starts.
    static std::optional<QHash<QString, UploadState>> forJob(qint64 jobId,
                                                             QString *error = nullptr);
    // No error when there is nothing to clear.
    static bool clear(qint64 jobId, const QString &recordingId, QString *error = nullptr);
};

} // namespace Replicall
