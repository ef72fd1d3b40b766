// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>
#include <chrono>
#include <memory>

namespace Replicall {

// Only one process schedules the jobs of a database at a time: the desktop
// application or `replicall-cli daemon`, whichever came first. The other one
// shows who owns scheduling and tries again now and then, so when the daemon
// stops the desktop application takes over (and the other way round).
//
// A QLockFile "scheduler.lock" beside the database, in the folder RunLock
// uses: the operating system tells us when its owner died, so a crash never
// leaves scheduling orphaned.
class SchedulingOwnership : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultRetryInterval{10'000};

    explicit SchedulingOwnership(const QString &databasePath, QObject *parent = nullptr);
    ~SchedulingOwnership() override;

    void setRetryInterval(std::chrono::milliseconds interval);

    // Tries to take ownership now and, while another process has it, again
    // every retry interval. ownershipChanged(true) follows once it is ours.
    void start();
    // Gives ownership up (and stops trying).
    void release();

    bool isOwner() const { return m_lock->isLocked(); }
    // Who owns scheduling now, e.g. "replicall-cli (pid 4711 on archive-1)";
    // "this process" when we do, "" when nobody does.
    QString ownerDescription() const;

    static QString lockPath(const QString &databasePath);

Q_SIGNALS:
    void ownershipChanged(bool owner);

private:
    void tryTake();

    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_retry;
};

} // namespace Replicall
