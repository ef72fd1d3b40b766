// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QDateTime>
#include <QString>

namespace Replicall::Test {

class TargetProcess;

// Writes one call into a recording archive as a recorder does: the audio
// first, then the sidecar under a '.' name, renamed into place. Returns the
// sidecar's path.
QString writeCall(const QString &archiveDir, const QString &id, qint64 audioBytes,
                  const QDateTime &start = QDateTime::currentDateTimeUtc());
// The sidecar text of a call whose audio is <id>.wav.
QByteArray sidecarJson(const QString &id, const QDateTime &start);
// The folder a call of `start` goes to, created.
QString callFolder(const QString &archiveDir, const QDateTime &start);

// A job on `archiveDir` uploading to `target` with a fresh token, stored in the
// file secret store beside databasePath and added to the JobStore (the
// database must be open). Fails the test (returns id 0) on any error.
Job addJob(TargetProcess &target, const QString &databasePath, const QString &archiveDir,
           const QString &name, const QString &schedule, qint64 bandwidth = 0);

// Size of the audio the target stored for a recording, -1 when it holds none.
qint64 targetAudioSize(const TargetProcess &target, const QString &recordingId);
// How many audio files of this recording the target holds (duplicates show as > 1).
int targetCopies(const TargetProcess &target, const QString &recordingId);

} // namespace Replicall::Test
