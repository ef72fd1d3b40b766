// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QDateTime>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace Replicall::Test {

class TargetProcess;

// What each service test starts from: a fresh temporary folder with an empty
// recording archive and a job database opened in its state/ folder.
class ServiceWorkspace {
public:
    bool setUp(QString *error);
    // Closes this thread's database connection and removes the folder.
    void tearDown();

    QString filePath(const QString &name) const { return m_dir->filePath(name); }
    QString databasePath() const { return filePath(QStringLiteral("state/replicall.sqlite")); }
    QString archiveDir() const { return filePath(QStringLiteral("archive")); }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

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
