// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/ArchiveIndexer.h"

#include "model/FileStat.h"
#include "source/CatalogWriter.h"
#include "source/Sidecar.h"
#include "store/Database.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <optional>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

// The catalog's view of one sidecar, enough to tell whether it changed.
struct KnownSidecar {
    QString id;
    qint64 mtimeNs = 0;
    qint64 size = 0;
    QString audioPath;
    qint64 audioSize = 0;
    qint64 audioMtimeNs = 0;
};

constexpr qint64 NotIndexed = -1;

QString childPath(const QString &parent, const QString &name) {
    return parent.isEmpty() ? name : parent + u'/' + name;
}

QString parentOf(const QString &relPath) {
    const qsizetype slash = relPath.lastIndexOf(u'/');
    return slash < 0 ? QString() : relPath.left(slash);
}

// Only entries directly in the folder: the range query returns subfolders too.
bool isDirectlyIn(const QString &path, const QString &absoluteDir) {
    return path.indexOf(u'/', absoluteDir.size() + 1) < 0;
}

// One run of the indexer: the catalog state it loaded and what it changed.
class IndexRun {
public:
    IndexRun(QSqlDatabase db, QString root, qint64 nowNs, qint64 settleNs, int batchSize)
        : m_db(db)
        , m_writer(db, batchSize)
        , m_root(std::move(root))
        , m_nowNs(nowNs)
        , m_settleNs(settleNs) {}

    bool start() {
        if (!FileStat::of(m_root).isDir)
            return fail(u"the archive folder %1 does not exist or is not a folder"_s.arg(m_root));
        return m_writer.registerSource(m_root, &result.sourceId) || fail(catalogError());
    }

    bool walk() {
        // The folders are loaded inside the first batch so that they and the
        // rows read next come from one state of the catalog, even while
        // another job indexes the same archive.
        if (!m_writer.begin() || !loadFolders())
            return fail(catalogError());
        QSet<QString> visited;
        QStringList pending{QString()};
        while (!pending.isEmpty()) {
            const QString rel = pending.takeLast();
            const QString absolute = absolutePath(rel);
            const FileStat folder = FileStat::of(absolute);
            if (!folder.isDir) {
                if (rel.isEmpty())
                    return fail(u"the archive folder %1 went away during the scan"_s.arg(m_root));
                continue; // vanished: removed below with everything never visited
            }
            visited.insert(rel);
            if (m_folders.value(rel, NotIndexed) == folder.mtimeNs) {
                ++result.foldersSkipped;
                pending += m_children.value(rel);
                continue;
            }
            ++result.foldersRead;
            if (!readFolder(rel, absolute, folder, &pending))
                return fail(catalogError());
        }
        for (auto it = m_folders.cbegin(); it != m_folders.cend(); ++it) {
            if (!visited.contains(it.key()) && !removeFolder(it.key()))
                return fail(catalogError());
        }
        return (m_writer.markScanned(result.sourceId) && m_writer.commit()) || fail(catalogError());
    }

    // Looks at one sidecar; true when its call is in the catalog afterwards.
    // *settled turns false when the folder must be looked at again.
    bool handleSidecar(const QString &path, const std::optional<KnownSidecar> &known,
                       bool *settled) {
        const FileStat sidecar = FileStat::of(path);
        if (!sidecar.exists) {
            // Gone between listing and reading, or removed in continuous mode.
            m_lastProblem = relative(path) + u": the sidecar does not exist"_s;
            if (known)
                removeRow(known->id);
            m_writer.clearProblem(result.sourceId, path);
            return false;
        }
        if (isRecent(sidecar))
            *settled = false;
        if (known && known->mtimeNs == sidecar.mtimeNs && known->size == sidecar.size)
            return recheckAudio(path, *known, settled);

        QString reason;
        const std::optional<Recording> parsed = Sidecar::readFile(path, &reason);
        if (!parsed) {
            if (known)
                removeRow(known->id);
            return problem(path, reason, settled);
        }
        const Recording &r = *parsed;
        if (known && known->id != r.id && !removeRow(known->id))
            return false;

        const std::optional<QString> owner = sidecarOwning(r.id);
        if (owner && *owner != path && FileStat::of(*owner).exists) {
            return problem(path, u"the id '%1' is already used by %2"_s.arg(r.id, relative(*owner)),
                           settled);
        }

        FileStat audio;
        if (!r.audioPath.isEmpty()) {
            audio = FileStat::of(r.audioPath);
            if (!audio.exists || audio.isDir) {
                if (owner && !removeRow(r.id))
                    return false;
                return problem(path, missingAudio(r.audioPath), settled);
            }
            if (isRecent(audio))
                *settled = false;
        }
        if (!m_writer.upsert(result.sourceId, r, sidecar, audio))
            return false;
        ++(owner ? result.updated : result.added);
        return true;
    }

    std::optional<KnownSidecar> knownSidecar(const QString &path) {
        const QList<std::pair<QString, KnownSidecar>> rows =
            querySidecars(u"sidecar_path = ?"_s, {result.sourceId, path});
        if (rows.isEmpty())
            return std::nullopt;
        return rows.first().second;
    }

    QString relative(const QString &absolute) const {
        return absolute.startsWith(m_root + u'/') ? absolute.mid(m_root.size() + 1) : absolute;
    }

    bool clearProblem(const QString &path) { return m_writer.clearProblem(result.sourceId, path); }
    bool commit() { return m_writer.commit() || fail(catalogError()); }
    bool fail(const QString &message) {
        result.ok = false;
        result.error = message;
        return false;
    }
    QString lastProblem() const { return m_lastProblem; }
    // The first catalog error of the run, read or write.
    QString catalogError() const {
        return m_readError.isEmpty() ? m_writer.lastError() : m_readError;
    }

    IndexResult result;

private:
    QString absolutePath(const QString &rel) const {
        return rel.isEmpty() ? m_root : m_root + u'/' + rel;
    }

    bool isRecent(const FileStat &file) const { return m_nowNs - file.mtimeNs < m_settleNs; }

    static QString missingAudio(const QString &audioPath) {
        return u"the audio file '%1' does not exist (yet)"_s.arg(QFileInfo(audioPath).fileName());
    }

    // A failed read is as fatal as a failed write: going on would take
    // known calls for new ones.
    bool exec(QSqlQuery &query) {
        if (query.exec())
            return true;
        m_readError = u"cannot read the catalog: "_s + query.lastError().text();
        return false;
    }

    bool loadFolders() {
        QSqlQuery query(m_db);
        query.prepare(u"SELECT rel_path, mtime_ns FROM source_dirs WHERE source_id = ?"_s);
        query.addBindValue(result.sourceId);
        if (!exec(query))
            return false;
        while (query.next()) {
            const QString rel = query.value(0).toString();
            m_folders.insert(rel, query.value(1).toLongLong());
            if (!rel.isEmpty())
                m_children[parentOf(rel)].append(rel);
        }
        return true;
    }

    QList<std::pair<QString, KnownSidecar>> querySidecars(const QString &where,
                                                          const QVariantList &values) {
        QList<std::pair<QString, KnownSidecar>> rows;
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(u"SELECT sidecar_path, id, sidecar_mtime_ns, sidecar_size, audio_path, "
                      "audio_size, audio_mtime_ns FROM recordings WHERE source_id = ? AND "_s +
                      where);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!exec(query))
            return rows;
        while (query.next()) {
            rows.append({query.value(0).toString(),
                         KnownSidecar{query.value(1).toString(), query.value(2).toLongLong(),
                                      query.value(3).toLongLong(), query.value(4).toString(),
                                      query.value(5).toLongLong(), query.value(6).toLongLong()}});
        }
        return rows;
    }

    // Asked for every sidecar read: parsed once per run, not once per call.
    std::optional<QString> sidecarOwning(const QString &id) {
        if (!m_owning) {
            m_owning.emplace(m_db);
            m_owning->setForwardOnly(true);
            m_owning->prepare(
                u"SELECT sidecar_path FROM recordings WHERE source_id = ? AND id = ?"_s);
        }
        QSqlQuery &query = *m_owning;
        query.bindValue(0, result.sourceId);
        query.bindValue(1, id);
        std::optional<QString> owner;
        if (exec(query) && query.next())
            owner = query.value(0).toString();
        query.finish();
        return owner;
    }

    QSet<QString> problemPathsIn(const QString &absolute) {
        QSet<QString> paths;
        QSqlQuery query(m_db);
        query.prepare(u"SELECT sidecar_path FROM source_problems WHERE source_id = ? AND "
                      "sidecar_path >= ? AND sidecar_path < ?"_s);
        query.addBindValue(result.sourceId);
        query.addBindValue(pathRangeStart(absolute));
        query.addBindValue(pathRangeEnd(absolute));
        exec(query);
        while (query.next()) {
            const QString path = query.value(0).toString();
            if (isDirectlyIn(path, absolute))
                paths.insert(path);
        }
        return paths;
    }

    bool readFolder(const QString &rel, const QString &absolute, const FileStat &folder,
                    QStringList *pending) {
        QHash<QString, KnownSidecar> known;
        const auto rows =
            querySidecars(u"sidecar_path >= ? AND sidecar_path < ?"_s,
                          {result.sourceId, pathRangeStart(absolute), pathRangeEnd(absolute)});
        for (const auto &[path, sidecar] : rows) {
            if (isDirectlyIn(path, absolute))
                known.insert(path, sidecar);
        }
        const QSet<QString> oldProblems = problemPathsIn(absolute);
        if (!m_readError.isEmpty())
            return false;
        m_problemPaths.clear();

        bool settled = !isRecent(folder);
        // Without QDir::Hidden, names starting with '.' (temporary files) are
        // not listed; symbolic links are not followed so a loop cannot trap us.
        QDirIterator entries(absolute,
                             QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
        while (entries.hasNext()) {
            entries.next();
            const QString name = entries.fileName();
            if (entries.fileInfo().isDir()) {
                // Stored before it is read: should the run stop before it
                // gets there, the next run, skipping this folder as
                // unchanged, still finds the subfolder to read.
                const QString child = childPath(rel, name);
                if (!m_folders.contains(child) &&
                    !m_writer.setDirMtime(result.sourceId, child, NotIndexed))
                    return false;
                pending->append(child);
                continue;
            }
            if (!name.endsWith(".json"_L1) || (rel.isEmpty() && name == "users.json"_L1))
                continue;
            const QString path = absolute + u'/' + name;
            const std::optional<KnownSidecar> before =
                known.contains(path) ? std::optional(known.take(path)) : std::nullopt;
            if (!handleSidecar(path, before, &settled) && !catalogError().isEmpty())
                return false;
        }
        for (const KnownSidecar &gone : std::as_const(known)) {
            if (!removeRow(gone.id))
                return false;
        }
        for (const QString &path : oldProblems) {
            if (!m_problemPaths.contains(path) && !m_writer.clearProblem(result.sourceId, path))
                return false;
        }
        // Changed while we read it: look again next time.
        if (FileStat::of(absolute).mtimeNs != folder.mtimeNs)
            settled = false;
        return m_writer.setDirMtime(result.sourceId, rel, settled ? folder.mtimeNs : NotIndexed);
    }

    bool recheckAudio(const QString &path, const KnownSidecar &known, bool *settled) {
        if (known.audioPath.isEmpty())
            return true;
        const FileStat audio = FileStat::of(known.audioPath);
        if (!audio.exists || audio.isDir) {
            removeRow(known.id);
            return problem(path, missingAudio(known.audioPath), settled);
        }
        if (isRecent(audio))
            *settled = false;
        if (audio.size == known.audioSize && audio.mtimeNs == known.audioMtimeNs)
            return true;
        ++result.updated;
        return m_writer.updateAudio(result.sourceId, known.id, audio);
    }

    bool removeRow(const QString &id) {
        ++result.removed;
        return m_writer.removeRecording(result.sourceId, id);
    }

    bool removeFolder(const QString &rel) {
        int removed = 0;
        const QString absolute = absolutePath(rel);
        if (!m_writer.removeRecordingsUnder(result.sourceId, absolute, &removed) ||
            !m_writer.clearProblemsUnder(result.sourceId, absolute) ||
            !m_writer.removeDirs(result.sourceId, rel))
            return false;
        result.removed += removed;
        return true;
    }

    // Records the problem; always "false" since the call is not in the catalog.
    bool problem(const QString &path, const QString &reason, bool *settled) {
        *settled = false;
        m_problemPaths.insert(path);
        m_lastProblem = relative(path) + u": "_s + reason;
        result.problems.append(m_lastProblem);
        m_writer.setProblem(result.sourceId, path, reason);
        return false;
    }

    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_owning; // sidecarOwning()'s statement
    CatalogWriter m_writer;
    QString m_root;
    qint64 m_nowNs;
    qint64 m_settleNs;
    QHash<QString, qint64> m_folders;       // rel_path -> mtime as stored
    QHash<QString, QStringList> m_children; // rel_path -> stored subfolders
    QSet<QString> m_problemPaths;           // problems found in the current folder
    QString m_lastProblem;
    QString m_readError;
};

QString cleanAbsolute(const QString &path) {
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

ArchiveIndexer::ArchiveIndexer(const QString &archiveDir)
    : ArchiveIndexer(archiveDir, QSqlDatabase()) {}

ArchiveIndexer::ArchiveIndexer(const QString &archiveDir, QSqlDatabase db)
    : m_root(cleanAbsolute(archiveDir))
    , m_db(std::move(db))
    , m_now([] { return QDateTime::currentDateTimeUtc(); }) {}

QSqlDatabase ArchiveIndexer::connection() const {
    return m_db.isValid() ? m_db : Database::connection();
}

IndexResult ArchiveIndexer::index() {
    IndexRun run(connection(), m_root, m_now().toMSecsSinceEpoch() * 1'000'000,
                 m_settleMs * 1'000'000, m_batchSize);
    if (run.start() && run.walk())
        run.result.ok = true;
    return run.result;
}

bool ArchiveIndexer::indexOne(const QString &sidecarPath, QString *error) {
    IndexRun run(connection(), m_root, m_now().toMSecsSinceEpoch() * 1'000'000,
                 m_settleMs * 1'000'000, m_batchSize);
    const QString path = cleanAbsolute(sidecarPath);
    auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString name = QFileInfo(path).fileName();
    if (!path.startsWith(m_root + u'/') || !name.endsWith(".json"_L1) || name.startsWith(u'.') ||
        path == m_root + "/users.json"_L1)
        return failWith(u"%1 is not a sidecar inside the archive %2"_s.arg(path, m_root));
    if (!run.start())
        return failWith(run.result.error);
    bool settled = true;
    const bool indexed =
        run.handleSidecar(path, run.knownSidecar(path), &settled) && run.clearProblem(path);
    if (!run.commit())
        return failWith(run.result.error);
    if (!indexed)
        return failWith(run.catalogError().isEmpty() ? run.lastProblem() : run.catalogError());
    if (error)
        error->clear();
    return true;
}

} // namespace Replicall
