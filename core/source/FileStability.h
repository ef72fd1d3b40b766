// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Recording.h"

#include <QDateTime>
#include <QString>

namespace Replicall {

// "A file still being written is never uploaded" (DESIGN.md). Checked right
// before a file is hashed and again before the source copy is removed: the
// file must still have the size and mtime the indexer saw, and that mtime
// must be at least SettleMs old, so a writer that pauses is not caught
// mid-file.
class FileStability {
public:
    static constexpr qint64 SettleMs = 2000;

    static bool isSettled(const QString &path, qint64 expectedSize, qint64 expectedMtimeNs,
                          QString *why, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // The recording's audio as the catalog knows it (millisecond mtime). A
    // recording without audio is settled.
    static bool isSettled(const Recording &r, QString *why,
                          const QDateTime &now = QDateTime::currentDateTimeUtc());
    // The same with another settle time. Continuous replication has already
    // seen the audio stop growing after its sidecar appeared, so it need not
    // wait the full SettleMs; it passes that shorter, verified time here.
    static bool isSettled(const Recording &r, qint64 settleMs, QString *why,
                          const QDateTime &now = QDateTime::currentDateTimeUtc());
};

} // namespace Replicall
