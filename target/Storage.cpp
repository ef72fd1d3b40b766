// SPDX-License-Identifier: GPL-3.0-or-later
#include "Storage.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace Replicall::Target {

Storage::Storage(const QString &dataDir, qint64 reserveBytes)
    : m_dataDir(dataDir)
    , m_reserve(reserveBytes) {}

// statvfs() itself: QStorageInfo reads the whole mount table first, and the free
// space is checked on every upload request.
qint64 Storage::freeBytes() const {
    struct statvfs info {};
    if (::statvfs(QFile::encodeName(m_dataDir).constData(), &info) != 0)
        return -1;
    return qint64(info.f_bavail) * qint64(info.f_frsize);
}

qint64 Storage::totalBytes() const {
    struct statvfs info {};
    if (::statvfs(QFile::encodeName(m_dataDir).constData(), &info) != 0)
        return -1;
    return qint64(info.f_blocks) * qint64(info.f_frsize);
}

std::optional<Problem> Storage::checkFree(qint64 needed, const QString &what) const {
    const qint64 available = freeBytes();
    if (available >= 0 && available - m_reserve >= needed)
        return std::nullopt;
    return Problem{QStringLiteral("insufficient-storage"),
                   QStringLiteral("The target's disk has %1 bytes free; %2 needs %3 bytes plus a "
                                  "reserve of %4 bytes.")
                       .arg(available)
                       .arg(what)
                       .arg(needed)
                       .arg(m_reserve)};
}

Problem Storage::writeFailed(int error, const QString &what) {
    if (error == ENOSPC || error == EDQUOT) {
        return {QStringLiteral("insufficient-storage"),
                QStringLiteral("The target's disk is full while writing %1.").arg(what)};
    }
    return {QStringLiteral("internal"),
            QStringLiteral("The target could not write %1: %2")
                .arg(what, QString::fromLocal8Bit(std::strerror(error)))};
}

bool Storage::sync(const QString &path, QString *error) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        *error = QStringLiteral("cannot flush %1 to disk: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    ::close(fd);
    return true;
}

} // namespace Replicall::Target
