// SPDX-License-Identifier: GPL-3.0-or-later
#include "Format.h"

#include "model/Job.h"

using namespace Qt::StringLiterals;

namespace Replicall {

QString Format::time(const QDateTime &utc) {
    if (!utc.isValid())
        return tr("—");
    return utc.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

QString Format::duration(qint64 seconds) {
    if (seconds < 0)
        return tr("—");
    if (seconds >= 3600)
        return tr("%1 h %2 min")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(seconds);
}

QString Format::rate(double bytesPerSecond) {
    return tr("%1/s").arg(formatSize(qint64(bytesPerSecond)));
}

QString Format::runStatus(RunStatus status) {
    switch (status) {
    case RunStatus::Running:
        return tr("running");
    case RunStatus::Succeeded:
        return tr("succeeded");
    case RunStatus::Partial:
        return tr("partial");
    case RunStatus::Failed:
        return tr("failed");
    case RunStatus::Stopped:
        return tr("stopped");
    case RunStatus::Interrupted:
        return tr("interrupted");
    }
    return QString();
}

QString Format::runStatus(const QString &status) {
    RunStatus known;
    return runStatusFromString(status, &known) ? runStatus(known) : status;
}

QString Format::failureKind(FailureKind kind) {
    switch (kind) {
    case FailureKind::Recording:
        return tr("recording");
    case FailureKind::Transient:
        return tr("transient");
    case FailureKind::Fatal:
        return tr("fatal");
    }
    return QString();
}

} // namespace Replicall
