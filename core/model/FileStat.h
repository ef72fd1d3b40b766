// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Replicall {

// One stat() of a path with nanosecond modification time. QFileInfo only
// gives milliseconds, which is too coarse to notice a sidecar or a folder
// rewritten within the same millisecond.
struct FileStat {
    bool exists = false;
    bool isDir = false;
    qint64 size = 0;
    qint64 mtimeNs = 0;

    // The modification time in milliseconds, as QFileInfo::lastModified() gives it.
    qint64 mtimeMs() const { return mtimeNs / 1'000'000; }
    bool isFile() const { return exists && !isDir; }

    static FileStat of(const QString &path);
};

} // namespace Replicall
