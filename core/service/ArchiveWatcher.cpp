// SPDX-License-Identifier: GPL-3.0-or-later
#include "service/ArchiveWatcher.h"

#include "model/FileStat.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcWatcher, "replicall.watch")

namespace {

// A rename keeps the temporary file's mtime but sets the ctime, and a
// recorder may copy files with their old mtime: the later of the two says
// when the entry arrived. A second of slack covers coarse file-system clocks.
constexpr qint64 ArrivalSlackMs = 1000;

bool isSidecarName(const QString &folder, const QString &root, const QString &name) {
    return name.endsWith(".json"_L1) && !name.startsWith(u'.') &&
           !(folder == root && name == "users.json"_L1);
}

qint64 arrivalMs(const QFileInfo &info) {
    return std::max(info.lastModified().toMSecsSinceEpoch(),
                    info.metadataChangeTime().toMSecsSinceEpoch());
}

} // namespace

ArchiveWatcher::ArchiveWatcher(const QString &archiveDir, QObject *parent)
    : QObject(parent)
    , m_root(QDir::cleanPath(QFileInfo(archiveDir).absoluteFilePath())) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ArchiveWatcher::scanChangedFolders);
    m_stability.setSingleShot(true);
    m_stability.setInterval(StableIntervalMs);
    connect(&m_stability, &QTimer::timeout, this, &ArchiveWatcher::checkPending);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &ArchiveWatcher::onFolderChanged);
}

bool ArchiveWatcher::start(QString *error) {
    if (!QFileInfo(m_root).isDir()) {
        *error = u"the archive folder %1 does not exist or is not a folder"_s.arg(m_root);
        return false;
    }
    m_active = true;
    watchTree(m_root, false);
    if (!m_watcher.directories().contains(m_root)) {
        *error = u"cannot watch the archive folder %1 (inotify limit reached?)"_s.arg(m_root);
        stop();
        return false;
    }
    return true;
}

void ArchiveWatcher::stop() {
    m_active = false;
    m_debounce.stop();
    m_stability.stop();
    const QStringList folders = m_watcher.directories();
    if (!folders.isEmpty())
        m_watcher.removePaths(folders);
    m_changed.clear();
    m_listedAt.clear();
    m_pending.clear();
}

void ArchiveWatcher::watchTree(const QString &folder, bool contentIsNew) {
    QStringList folders{folder};
    // Names starting with '.' are temporary; links are not followed (a loop
    // would trap us), as the indexer does.
    QDirIterator below(folder, QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks,
                       QDirIterator::Subdirectories);
    while (below.hasNext())
        folders << below.next();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList toWatch;
    for (const QString &path : std::as_const(folders)) {
        if (m_listedAt.contains(path))
            continue;
        // Folders made before we watched them may already hold new calls.
        m_listedAt.insert(path, contentIsNew ? 0 : now);
        toWatch << path;
        if (contentIsNew)
            collectNewSidecars(path, 0);
    }
    if (toWatch.isEmpty())
        return;
    const QStringList failed = m_watcher.addPaths(toWatch);
    if (!failed.isEmpty())
        qCWarning(lcWatcher).noquote()
            << u"cannot watch %1 folder(s) of %2, e.g. %3; calls there are found by the next "
               u"periodic run"_s.arg(failed.size())
                   .arg(m_root, failed.first());
}

void ArchiveWatcher::onFolderChanged(const QString &folder) {
    if (!m_active)
        return;
    m_changed.insert(folder);
    // Batches a burst of calls into one scan; not restarted, so a steady
    // stream of events still gets scanned every DebounceMs.
    if (!m_debounce.isActive())
        m_debounce.start();
}

void ArchiveWatcher::scanChangedFolders() {
    const QSet<QString> changed = std::exchange(m_changed, {});
    for (const QString &folder : changed) {
        if (!QFileInfo(folder).isDir()) {
            m_listedAt.remove(folder); // gone; QFileSystemWatcher drops it itself
            continue;
        }
        const qint64 since = m_listedAt.value(folder, 0);
        m_listedAt.insert(folder, QDateTime::currentMSecsSinceEpoch());
        collectNewSidecars(folder, since);
        // New subfolders (a new day, a new tenant) are watched from now on.
        const QStringList children =
            QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
        for (const QString &child : children) {
            const QString path = folder + u'/' + child;
            if (!m_listedAt.contains(path))
                watchTree(path, true);
        }
    }
    if (!m_pending.isEmpty() && !m_stability.isActive())
        m_stability.start();
}

void ArchiveWatcher::collectNewSidecars(const QString &folder, qint64 sinceMs) {
    const QFileInfoList files = QDir(folder).entryInfoList(QDir::Files | QDir::NoSymLinks);
    for (const QFileInfo &file : files) {
        if (!isSidecarName(folder, m_root, file.fileName()))
            continue;
        if (sinceMs > 0 && arrivalMs(file) < sinceMs - ArrivalSlackMs)
            continue;
        const QString path = file.absoluteFilePath();
        if (!m_pending.contains(path))
            m_pending.insert(path, statAudio(path));
    }
    if (!m_pending.isEmpty() && !m_stability.isActive())
        m_stability.start();
}

void ArchiveWatcher::checkPending() {
    int ready = 0;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        AudioState now = statAudio(it.key());
        now.checks = it->checks + 1;
        const bool gone =
            !QFileInfo::exists(it.key()) || (now.size < 0 && now.checks >= MaxChecksWithoutAudio);
        const bool stable = now.audioPath.isEmpty() ||
                            (now.size >= 0 && now.size == it->size && now.mtimeNs == it->mtimeNs);
        if (gone || stable) {
            ready += gone ? 0 : 1;
            it = m_pending.erase(it);
        } else {
            // Still growing (or not there yet): compare again next time.
            *it = now;
            ++it;
        }
    }
    if (!m_pending.isEmpty())
        m_stability.start();
    if (ready > 0)
        Q_EMIT callsReady(ready);
}

ArchiveWatcher::AudioState ArchiveWatcher::statAudio(const QString &sidecarPath) {
    AudioState state;
    // Only the "audio" name is needed here; the indexer validates the rest
    // and reports a bad sidecar, which is why an unreadable one counts as ready.
    QFile file(sidecarPath);
    if (file.size() > 1024 * 1024 || !file.open(QIODevice::ReadOnly))
        return state;
    const QJsonObject sidecar = QJsonDocument::fromJson(file.readAll()).object();
    const QString audio = sidecar.value(u"audio"_s).toString();
    if (audio.isEmpty() || audio.contains(u'/') || audio.contains(u'\\'))
        return state;
    state.audioPath = QFileInfo(sidecarPath).absolutePath() + u'/' + audio;
    const FileStat stat = FileStat::of(state.audioPath);
    if (stat.exists && !stat.isDir) {
        state.size = stat.size;
        state.mtimeNs = stat.mtimeNs;
    }
    return state;
}

} // namespace Replicall
