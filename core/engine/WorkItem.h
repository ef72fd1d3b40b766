// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "model/Recording.h"
#include "source/FileStability.h"
#include "transfer/TransferError.h"

#include <QMetaType>
#include <QUrl>
#include <memory>

namespace Replicall {

class RateLimiter;

// One recording handed to an upload worker.
struct WorkItem {
    Recording recording;
    DataKinds data;
    qint64 chunkSize = 0;
    QUrl resumeUrl;        // an unfinished tus upload of an earlier run
    QByteArray heldSha256; // full mode: what the target already holds (hex), else empty
    QByteArray heldMetadataSha256;
    // How long the audio must be untouched before it is sent (see FileStability).
    qint64 settleMs = FileStability::SettleMs;
    // The job's bandwidth cap, shared by all its workers; null = no cap.
    std::shared_ptr<RateLimiter> limiter;
};

// What became of it.
struct WorkResult {
    enum class Status { Replicated, AlreadyHeld, NotSettled, Failed };
    Recording recording;
    Status status = Status::Failed;
    TransferError error;
    QString note; // why it was deferred
    QByteArray audioSha256;
    QByteArray metadataSha256;
    QString targetPath;
    qint64 bytesSent = 0;
};

} // namespace Replicall

Q_DECLARE_METATYPE(Replicall::WorkItem)
Q_DECLARE_METATYPE(Replicall::WorkResult)
