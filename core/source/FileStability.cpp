// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/FileStability.h"

#include "model/FileStat.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr qint64 NsPerMs = 1'000'000;

// mtimes are compared at the precision the caller knows them in.
bool check(const QString &path, qint64 expectedSize, qint64 expectedMtime, qint64 unitNs,
           qint64 settleMs, QString *why, const QDateTime &now) {
    auto fail = [why, &path](const QString &reason) {
        if (why)
            *why = QFileInfo(path).fileName() + u": "_s + reason;
        return false;
    };
    const FileStat file = FileStat::of(path);
    if (!file.exists)
        return fail(u"the file does not exist"_s);
    if (file.isDir)
        return fail(u"is a folder, not a file"_s);
    if (file.size != expectedSize)
        return fail(u"the size changed from %1 to %2 bytes since it was indexed; it is still "
                    "being written or was replaced"_s.arg(expectedSize)
                        .arg(file.size));
    if (file.mtimeNs / unitNs != expectedMtime)
        return fail(u"the file was modified since it was indexed"_s);
    const qint64 ageMs = now.toMSecsSinceEpoch() - file.mtimeNs / NsPerMs;
    if (ageMs < settleMs)
        return fail(
            u"the file was modified %1 ms ago; waiting until it is %2 ms old"_s.arg(ageMs).arg(
                settleMs));
    if (why)
        why->clear();
    return true;
}

} // namespace

bool FileStability::isSettled(const QString &path, qint64 expectedSize, qint64 expectedMtimeNs,
                              QString *why, const QDateTime &now) {
    return check(path, expectedSize, expectedMtimeNs, 1, SettleMs, why, now);
}

bool FileStability::isSettled(const Recording &r, QString *why, const QDateTime &now) {
    return isSettled(r, SettleMs, why, now);
}

bool FileStability::isSettled(const Recording &r, qint64 settleMs, QString *why,
                              const QDateTime &now) {
    if (r.audioPath.isEmpty()) {
        if (why)
            why->clear();
        return true;
    }
    return check(r.audioPath, r.audioSize, r.audioMtimeMs, NsPerMs, settleMs, why, now);
}

} // namespace Replicall
