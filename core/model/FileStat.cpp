// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/FileStat.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace Replicall {

FileStat FileStat::of(const QString &path) {
    FileStat result;
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return result;
    result.exists = true;
    result.isDir = S_ISDIR(st.st_mode);
    result.size = st.st_size;
    result.mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
#else
    const QFileInfo info(path);
    if (!info.exists())
        return result;
    result.exists = true;
    result.isDir = info.isDir();
    result.size = info.size();
    result.mtimeNs = info.lastModified().toMSecsSinceEpoch() * 1'000'000;
#endif
    return result;
}

} // namespace Replicall
