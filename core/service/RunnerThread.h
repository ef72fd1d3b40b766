// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/RunTypes.h"
#include "model/Job.h"

#include <QObject>
#include <QString>

class QThread;

namespace Replicall {

class JobRunner;
class SecretStore;

// A JobRunner in a thread of its own: the runner blocks its thread while it
// indexes and plans, and the service's (or the window's) thread must keep
// going meanwhile. Signals arrive in the thread that made this object. Used
// by JobService for scheduled runs and by the desktop's RunController for
// runs started by hand.
class RunnerThread : public QObject {
    Q_OBJECT
public:
    // secretsDir: where the file backend of the runner's own SecretStore lives.
    RunnerThread(const QString &databasePath, const QString &secretsDir, QObject *parent = nullptr);
    // Stops a run still going and waits for it to end (it checkpoints first).
    ~RunnerThread() override;

    // settleMs: see JobRunner::setSettleTimeMs. Precondition: !isRunning().
    void start(const Job &job, const QString &trigger, qint64 settleMs);
    // Asks the run to stop; in-flight uploads stay resumable. finished() follows.
    void stop();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(const Replicall::RunProgress &progress);
    void recordingFailed(const Replicall::RecordingFailure &failure);
    void finished(const Replicall::RunSummary &summary);

private:
    QThread *m_thread;
    JobRunner *m_runner;    // lives in m_thread
    SecretStore *m_secrets; // used only in m_thread
    bool m_running = false;
};

} // namespace Replicall
