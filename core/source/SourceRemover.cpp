// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/SourceRemover.h"

#include "model/FileStat.h"
#include "store/Database.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

bool removeFile(const QString &path, QString *reason) {
    QFile file(path);
    if (file.remove() || !file.exists())
        return true;
    *reason = u"cannot delete %1: %2"_s.arg(path, file.errorString());
    return false;
}

} // namespace

bool SourceRemover::remove(const Recording &r, QString *error) {
    auto fail = [error, &r](const QString &reason) {
        if (error)
            *error = u"recording %1: not removed from the source: %2"_s.arg(r.id, reason);
        return false;
    };
    if (r.sidecarPath.isEmpty())
        return fail(u"it has no sidecar path"_s);

    QString reason;
    if (!r.audioPath.isEmpty()) {
        const FileStat audio = FileStat::of(r.audioPath);
        if (audio.exists &&
            (audio.size != r.audioSize || audio.mtimeNs / 1'000'000 != r.audioMtimeMs))
            return fail(u"the audio file %1 changed since it was indexed"_s.arg(r.audioPath));
        if (!removeFile(r.audioPath, &reason))
            return fail(reason);
    }
    if (!removeFile(r.sidecarPath, &reason))
        return fail(reason);

    QSqlQuery query(Database::connection());
    query.prepare(u"DELETE FROM recordings WHERE source_id IN (SELECT id FROM sources) AND "
                  "sidecar_path = ? AND id = ?"_s);
    query.addBindValue(r.sidecarPath);
    query.addBindValue(r.id);
    if (!query.exec())
        return fail(u"the files are deleted but the catalog row is not: "_s +
                    query.lastError().text());
    return true;
}

} // namespace Replicall
