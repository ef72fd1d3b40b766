// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QString>
#include <optional>

namespace Replicall::Target {

// The data directory's disk: free space checks and durable writes.
class Storage {
public:
    Storage(const QString &dataDir, qint64 reserveBytes);

    qint64 freeBytes() const;
    qint64 totalBytes() const;
    // insufficient-storage when `needed` bytes plus the reserve do not fit.
    std::optional<Problem> checkFree(qint64 needed, const QString &what) const;
    static Problem writeFailed(int error, const QString &what);

    // fsync of a file or a directory (a rename is durable only once its folder is synced).
    static bool sync(const QString &path, QString *error);

private:
    QString m_dataDir;
    qint64 m_reserve;
};

} // namespace Replicall::Target
