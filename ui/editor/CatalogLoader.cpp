// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/CatalogLoader.h"

#include "source/ArchiveIndexer.h"
#include "source/CatalogReader.h"
#include "store/Database.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace Replicall {

CatalogLoader::CatalogLoader(QObject *parent)
    : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<CatalogSnapshot>::finished, this, &CatalogLoader::finish);
}

void CatalogLoader::load(const QString &archiveDir) {
    if (m_watcher.isRunning()) {
        // An index run cannot be interrupted; read the newest folder once it ends.
        m_pending = archiveDir;
        m_hasPending = true;
        return;
    }
    Q_EMIT started(archiveDir);
    m_watcher.setFuture(QtConcurrent::run(&CatalogLoader::read, archiveDir));
}

void CatalogLoader::finish() {
    if (m_hasPending) {
        m_hasPending = false;
        load(m_pending);
        return;
    }
    m_snapshot = m_watcher.result();
    Q_EMIT loaded(m_snapshot);
}

CatalogSnapshot CatalogLoader::read(const QString &archiveDir) {
    CatalogSnapshot snapshot;
    snapshot.archiveDir = archiveDir;
    if (archiveDir.trimmed().isEmpty()) {
        snapshot.error = tr("No archive folder chosen");
        return snapshot;
    }
    const QFileInfo folder(archiveDir);
    if (!folder.isAbsolute()) {
        snapshot.error = tr("'%1' is not an absolute path").arg(archiveDir);
        return snapshot;
    }
    if (!folder.isDir()) {
        snapshot.error =
            tr("The folder '%1' does not exist").arg(QDir::toNativeSeparators(archiveDir));
        return snapshot;
    }
    if (!Database::connection().isOpen()) {
        snapshot.error = tr("The state database is not open, so the archive cannot be indexed");
        return snapshot;
    }

    ArchiveIndexer indexer(archiveDir);
    const IndexResult index = indexer.index();
    if (!index.ok) {
        snapshot.error =
            tr("Indexing '%1' failed: %2").arg(QDir::toNativeSeparators(archiveDir), index.error);
        return snapshot;
    }
    CatalogReader reader;
    snapshot.sourceId = index.sourceId;
    snapshot.problems = int(reader.problems(index.sourceId).size());
    snapshot.recordings = reader.count(index.sourceId);
    snapshot.tenants = reader.tenants(index.sourceId);
    snapshot.categories = reader.categories(index.sourceId);
    snapshot.users = reader.users(index.sourceId);
    snapshot.groups = reader.groups(index.sourceId);
    if (!reader.lastError().isEmpty())
        snapshot.error = tr("Reading the catalog failed: %1").arg(reader.lastError());
    return snapshot;
}

} // namespace Replicall
