// SPDX-License-Identifier: GPL-3.0-or-later
#include "NotificationGroup.h"

#include "models/Format.h"

using namespace Qt::StringLiterals;

namespace Replicall {

void NotificationGroup::addFinished(const RunSummary &summary) {
    m_finished.append(summary);
}

void NotificationGroup::addFailure(const QString &jobName, const RecordingFailure &failure) {
    for (FailureCount &count : m_failures) {
        if (count.jobName == jobName) {
            ++count.count;
            return;
        }
    }
    m_failures.append({jobName, 1, failure.recordingId + u": "_s + failure.cause});
}

Notification NotificationGroup::take() {
    Notification note;
    QStringList lines;
    int failedRuns = 0;
    for (const RunSummary &summary : std::as_const(m_finished)) {
        QString line = tr("%1 %2: %3 uploaded, %4 skipped, %5 failed")
                           .arg(summary.jobName, Format::runStatus(summary.status))
                           .arg(summary.uploaded)
                           .arg(summary.skipped)
                           .arg(summary.failed);
        if (summary.status == u"failed"_s) {
            ++failedRuns;
            if (!summary.message.isEmpty())
                line += u" — "_s + summary.message;
        }
        lines.append(line);
    }
    int failedRecordings = 0;
    for (const FailureCount &count : std::as_const(m_failures)) {
        failedRecordings += count.count;
        // A job whose run ended is already described with its failed count.
        bool described = false;
        for (const RunSummary &summary : std::as_const(m_finished))
            described = described || summary.jobName == count.jobName;
        if (!described)
            lines.append(tr("%1: %2 failed, e.g. %3")
                             .arg(count.jobName)
                             .arg(count.count)
                             .arg(count.firstCause));
    }

    note.error = failedRuns > 0 || failedRecordings > 0;
    if (!m_finished.isEmpty() && failedRuns > 0)
        note.title = tr("Replication runs failed: %1").arg(failedRuns);
    else if (!m_finished.isEmpty())
        note.title = tr("Replication runs finished: %1").arg(m_finished.size());
    else
        note.title = tr("Recordings failed: %1").arg(failedRecordings);

    if (lines.size() > MaxLines) {
        const int more = int(lines.size()) - (MaxLines - 1);
        lines = lines.mid(0, MaxLines - 1);
        lines.append(tr("… and %1 more").arg(more));
    }
    note.body = lines.join(u'\n');
    m_finished.clear();
    m_failures.clear();
    return note;
}

} // namespace Replicall
