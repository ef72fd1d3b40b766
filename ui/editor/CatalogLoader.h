// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Replicall {

// What the catalog knows about one archive folder: the choices the editor
// offers (tenants, categories, users, groups) and the source id filters count in.
struct CatalogSnapshot {
    QString archiveDir;
    qint64 sourceId = 0;
    qint64 recordings = 0;
    int problems = 0; // sidecars the indexer could not read
    QStringList tenants, categories, users, groups;
    QString error; // why the folder could not be indexed; empty on success

    bool ok() const { return error.isEmpty() && sourceId > 0; }
};

// Indexes an archive folder with ArchiveIndexer and reads its choices, in the
// thread pool (each pool thread uses its own Database::connection()). Only
// the answer to the latest load() is reported, so typing a path character by
// character cannot show an older folder's tenants.
class CatalogLoader : public QObject {
    Q_OBJECT
public:
    explicit CatalogLoader(QObject *parent = nullptr);

    void load(const QString &archiveDir);
    bool isLoading() const { return m_watcher.isRunning(); }
    const CatalogSnapshot &snapshot() const { return m_snapshot; }

    // The work itself, for callers that are already off the UI thread.
    static CatalogSnapshot read(const QString &archiveDir);

Q_SIGNALS:
    void started(const QString &archiveDir);
    void loaded(const Replicall::CatalogSnapshot &snapshot);

private:
    void finish();

    QFutureWatcher<CatalogSnapshot> m_watcher;
    QString m_pending; // a folder asked for while another one was being read
    bool m_hasPending = false;
    CatalogSnapshot m_snapshot;
};

} // namespace Replicall
