// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Replicall {

// A running job's progress, as the CLI progress bar and the status page show it.
struct RunProgress {
    QString phase;     // "indexing", "checking target", "uploading", ...
    int filesDone = 0; // replicated, skipped or failed so far
    int filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    double bytesPerSecond = 0;
    QStringList inFlight; // recording ids being uploaded now
};

struct RecordingFailure {
    QString recordingId;
    QString kind; // "recording", "transient" or "fatal"
    QString cause;
};

// The end of one run.
struct RunSummary {
    qint64 runId = 0;
    QString jobName;
    QString status; // succeeded, partial, failed, stopped
    int matched = 0;
    int uploaded = 0;
    int skipped = 0;
    int failed = 0;
    int deferred = 0; // still being written; picked up by a later run
    qint64 bytes = 0;
    double seconds = 0;
    QString message; // the fatal cause, or notes
    QList<RecordingFailure> failures;
    QStringList targetPaths; // where the replicated audio landed, relative to the target's data dir

    bool ok() const { return status == QLatin1String("succeeded"); }
};

} // namespace Replicall

Q_DECLARE_METATYPE(Replicall::RunProgress)
Q_DECLARE_METATYPE(Replicall::RunSummary)
