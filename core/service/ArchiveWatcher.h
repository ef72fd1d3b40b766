// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

namespace Replicall {

// Watches a recording archive for calls that just completed, for continuous
// replication. A call is complete when its sidecar is in place (renamed from
// a '.' temporary name) and its audio has stopped growing: two stats
// StableIntervalMs apart see the same size and mtime. Then callsReady() tells
// the owner to start an incremental run.
//
//   folder event ─▶ debounce (DebounceMs) ─▶ list changed folders:
//       new subfolder ─▶ watch it (and its subfolders), its sidecars are new
//       sidecar created/renamed since the last listing ─▶ pending
//   pending ─▶ stat audio ─ StableIntervalMs ─▶ stat again ─┬─ same ─▶ ready
//                                                           └─ grew ─▶ stat again later
//
// Linux reports entries added, removed and renamed in a folder, not writes to
// a file in it, so a growing audio file is followed by polling its size.
class ArchiveWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int DebounceMs = 100;
    static constexpr int StableIntervalMs = 150;
    // A sidecar whose audio does not show up is left to the indexer (which
    // reports it) after this many checks, a minute.
    static constexpr int MaxChecksWithoutAudio = 60'000 / StableIntervalMs;

    explicit ArchiveWatcher(const QString &archiveDir, QObject *parent = nullptr);

    // Watches the archive and every folder below it; calls already there are
    // the first run's business, not the watcher's. False with a message when
    // the archive is not a readable folder.
    bool start(QString *error);
    void stop();
    bool isActive() const { return m_active; }
    QString archiveDir() const { return m_root; }
    int watchedFolders() const { return int(m_watcher.directories().size()); }
    int pendingCalls() const { return int(m_pending.size()); }

Q_SIGNALS:
    // Calls whose sidecar appeared and whose audio is no longer growing.
    void callsReady(int count);

private:
    struct AudioState {
        QString audioPath; // empty: the call has no audio (or the sidecar is unreadable)
        qint64 size = -1;
        qint64 mtimeNs = -1;
        int checks = 0; // how often it was compared
    };

    void watchTree(const QString &folder, bool contentIsNew);
    void onFolderChanged(const QString &folder);
    void scanChangedFolders();
    void collectNewSidecars(const QString &folder, qint64 sinceMs);
    void checkPending();
    static AudioState statAudio(const QString &sidecarPath);

    QString m_root;
    QFileSystemWatcher m_watcher;
    QSet<QString> m_changed;              // folders with events since the last scan
    QHash<QString, qint64> m_listedAt;    // folder -> when we last listed it (ms since epoch)
    QHash<QString, AudioState> m_pending; // sidecar path -> audio as last seen
    QTimer m_debounce;
    QTimer m_stability;
    bool m_active = false;
};

} // namespace Replicall
