// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLockFile>
#include <QString>
#include <memory>

namespace Replicall {

// Guarantees that one job never runs twice at once, also across processes
// (the desktop application and the background service on one database).
// A lock file per job beside the database: the operating system tells us
// when its owner died, so a crashed run never blocks the job for good.
class RunLock {
public:
    RunLock(const QString &databasePath, qint64 jobId);

    // False with a message naming who holds the lock.
    bool tryLock(const QString &jobName, QString *error);
    void unlock();
    bool isLocked() const { return m_file->isLocked(); }

    // Who runs the job now, "" when nobody does.
    static QString holder(const QString &databasePath, qint64 jobId);

private:
    static QString lockPath(const QString &databasePath, qint64 jobId);
    std::unique_ptr<QLockFile> m_file;
};

} // namespace Replicall
