// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/FailureStore.h"
#include "store/RunStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Replicall {

// How the desktop application writes times, rates and states, so every view
// reads the same.
class Format {
    Q_DECLARE_TR_FUNCTIONS(Format)
public:
    // Local time "2026-11-20 09:15"; "—" when invalid.
    static QString time(const QDateTime &utc);
    // "1 h 05 min", "3 min 20 s", "12 s"; "—" when unknown (negative).
    static QString duration(qint64 seconds);
    // "2.5 MiB/s"
    static QString rate(double bytesPerSecond);
    static QString runStatus(RunStatus status);
    // A run summary's status word ("succeeded", ...), translated; unknown words as they are.
    static QString runStatus(const QString &status);
    static QString failureKind(FailureKind kind);
    // A job's schedule in words: "every 15 minutes", "weekly on Mon, Fri at 22:30";
    // a spec that does not parse as it is.
    static QString schedule(const QString &spec);
    // What started a run ("schedule", "catch-up", ...), translated; unknown words as they are.
    static QString trigger(const QString &trigger);
};

} // namespace Replicall
