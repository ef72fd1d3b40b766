// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>

namespace Replicall {

// What one index run changed in the catalog.
struct IndexResult {
    bool ok = false;
    QString error; // why the run failed as a whole (ok == false)
    qint64 sourceId = 0;
    int added = 0;
    int updated = 0;
    int removed = 0;
    QStringList problems;   // "acme/2026/11/20/c-1.json: field 'start' is missing"
    int foldersRead = 0;    // folders whose entries were listed
    int foldersSkipped = 0; // folders unchanged since the last run
};

// Keeps the catalog of one recording archive in step with the folder.
//
// A million calls cannot be re-read on every run, so the indexer relies on
// folder modification times: adding, removing or renaming an entry changes
// its folder's mtime, and sidecars are written by rename. A folder whose
// mtime equals the one stored in source_dirs is skipped without listing it;
// its subfolders come from source_dirs. A changed folder is listed and only
// sidecars whose mtime or size differ from the catalog are parsed.
//
// A folder is stored as indexed only when everything in it was clean and
// settled: a problem (bad sidecar, missing audio) or a file modified within
// the settle time keeps it "dirty" (mtime -1) so the next run looks again.
// That also covers a file written in the same clock tick as our stat.
class ArchiveIndexer {
public:
    // Without a database, each call uses the calling thread's
    // Database::connection(), so the indexer may run on a worker thread.
    explicit ArchiveIndexer(const QString &archiveDir);
    ArchiveIndexer(const QString &archiveDir, QSqlDatabase db);

    // Tests move time instead of waiting for files to settle.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    void setSettleTimeMs(qint64 ms) { m_settleMs = ms; }
    void setBatchSize(int rows) { m_batchSize = rows; }

    QString archiveDir() const { return m_root; }

    IndexResult index();

    // Continuous mode: one sidecar that just appeared (or changed or went
    // away). Returns true when the call is in the catalog afterwards; false
    // with the reason (also stored in source_problems) otherwise.
    bool indexOne(const QString &sidecarPath, QString *error);

private:
    QSqlDatabase connection() const;

    QString m_root;
    QSqlDatabase m_db;
    std::function<QDateTime()> m_now;
    qint64 m_settleMs = 2000;
    int m_batchSize = 1000;
};

} // namespace Replicall
