// SPDX-License-Identifier: GPL-3.0-or-later
#include "service/SchedulingOwnership.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcOwnership, "replicall.service")

SchedulingOwnership::SchedulingOwnership(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(lockPath(databasePath))
    , m_lock(std::make_unique<QLockFile>(m_path)) {
    // Never stale by age: a daemon runs for months. A dead owner is found by
    // QLockFile through its pid and host name.
    m_lock->setStaleLockTime(0);
    m_retry.setInterval(DefaultRetryInterval);
    connect(&m_retry, &QTimer::timeout, this, &SchedulingOwnership::tryTake);
}

SchedulingOwnership::~SchedulingOwnership() {
    release();
}

QString SchedulingOwnership::lockPath(const QString &databasePath) {
    const QFileInfo db(databasePath);
    const QString dir = db.absolutePath() + u'/' + db.fileName() + u".locks"_s;
    QDir().mkpath(dir);
    return dir + u"/scheduler.lock"_s;
}

void SchedulingOwnership::setRetryInterval(std::chrono::milliseconds interval) {
    m_retry.setInterval(std::max(interval, std::chrono::milliseconds(1)));
}

void SchedulingOwnership::start() {
    tryTake();
    if (!isOwner())
        m_retry.start();
}

void SchedulingOwnership::release() {
    m_retry.stop();
    if (!isOwner())
        return;
    m_lock->unlock();
    Q_EMIT ownershipChanged(false);
}

void SchedulingOwnership::tryTake() {
    if (isOwner())
        return;
    if (m_lock->tryLock(0)) {
        m_retry.stop();
        qCInfo(lcOwnership).noquote() << u"this process now schedules the jobs (%1)"_s.arg(m_path);
        Q_EMIT ownershipChanged(true);
        return;
    }
    if (m_lock->error() != QLockFile::LockFailedError)
        qCWarning(lcOwnership).noquote()
            << u"cannot create the scheduling lock %1; jobs are not scheduled"_s.arg(m_path);
}

QString SchedulingOwnership::ownerDescription() const {
    if (isOwner())
        return u"this process"_s;
    qint64 pid = 0;
    QString host, app;
    // getLockInfo() only reads the file; a lock left by a dead process is not
    // an owner, and tryLock() would take it over on the next attempt.
    QLockFile probe(m_path);
    probe.setStaleLockTime(0);
    if (probe.tryLock(0)) {
        probe.unlock();
        return {};
    }
    if (!probe.getLockInfo(&pid, &host, &app))
        return {};
    return u"%1 (pid %2 on %3)"_s.arg(app.isEmpty() ? u"another process"_s : app,
                                      QString::number(pid), host);
}

} // namespace Replicall
