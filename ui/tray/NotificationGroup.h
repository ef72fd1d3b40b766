// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/RunTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Replicall {

// One balloon message.
struct Notification {
    QString title;
    QString body;
    bool error = false;
};

// Collects what happened over a few seconds — runs that ended, recordings
// that failed — and sums it up in one message, so that ten jobs finishing
// together do not stack ten balloons.
class NotificationGroup {
    Q_DECLARE_TR_FUNCTIONS(NotificationGroup)
public:
    static constexpr int MaxLines = 5; // lines before "and N more"

    void addFinished(const RunSummary &summary);
    void addFailure(const QString &jobName, const RecordingFailure &failure);
    bool isEmpty() const { return m_finished.isEmpty() && m_failures.isEmpty(); }
    // The summary of everything added since the last take(); clears the group.
    Notification take();

private:
    struct FailureCount {
        QString jobName;
        int count = 0;
        QString firstCause;
    };

    QList<RunSummary> m_finished;
    QList<FailureCount> m_failures; // per job, in the order they first failed
};

} // namespace Replicall
