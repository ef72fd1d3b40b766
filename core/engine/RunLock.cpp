// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunLock.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Replicall {

RunLock::RunLock(const QString &databasePath, qint64 jobId)
    : m_file(std::make_unique<QLockFile>(lockPath(databasePath, jobId))) {
    // Never stale by age: a long run keeps its lock. A dead owner is detected
    // by QLockFile through its pid and host name.
    m_file->setStaleLockTime(0);
}

QString RunLock::lockPath(const QString &databasePath, qint64 jobId) {
    const QFileInfo db(databasePath);
    const QString dir = db.absolutePath() + u'/' + db.fileName() + u".locks"_s;
    QDir().mkpath(dir);
    return dir + u"/job-%1.lock"_s.arg(jobId);
}

bool RunLock::tryLock(const QString &jobName, QString *error) {
    if (m_file->tryLock(0))
        return true;
    if (m_file->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, app;
        m_file->getLockInfo(&pid, &host, &app);
        *error = u"job '%1' is already running in %2 (pid %3 on %4)"_s.arg(
            jobName, app.isEmpty() ? u"another process"_s : app, QString::number(pid), host);
    } else {
        *error = u"cannot create the run lock of job '%1' beside the database"_s.arg(jobName);
    }
    return false;
}

void RunLock::unlock() {
    m_file->unlock();
}

QString RunLock::holder(const QString &databasePath, qint64 jobId) {
    QLockFile probe(lockPath(databasePath, jobId));
    probe.setStaleLockTime(0);
    if (probe.tryLock(0)) {
        probe.unlock();
        return {};
    }
    qint64 pid = 0;
    QString host, app;
    if (!probe.getLockInfo(&pid, &host, &app))
        return {};
    return u"%1 (pid %2 on %3)"_s.arg(app, QString::number(pid), host);
}

} // namespace Replicall
