// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/FileStat.h"
#include "model/Recording.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <unordered_map>

namespace Replicall {

// The catalog rows of one source as the indexer, the category actions and
// the remover change them. Writes are grouped into transactions of
// batchSize rows: one transaction per row would make a first index of a
// million calls take hours, one for all would lock readers out for minutes.
class CatalogWriter {
public:
    explicit CatalogWriter(QSqlDatabase db, int batchSize = 1000);
    ~CatalogWriter();
    CatalogWriter(const CatalogWriter &) = delete;
    CatalogWriter &operator=(const CatalogWriter &) = delete;

    // Opens the first transaction; commit() ends the last. Without begin()
    // every statement is its own transaction. Each batch takes SQLite's
    // write lock when it starts (BEGIN IMMEDIATE), so a second writer on the
    // same catalog waits for it instead of failing.
    bool begin();
    bool commit();
    QString lastError() const { return m_error; }

    // The source row for an archive folder, created on first use.
    bool registerSource(const QString &path, qint64 *sourceId);
    bool markScanned(qint64 sourceId);

    bool upsert(qint64 sourceId, const Recording &r, const FileStat &sidecar,
                const FileStat &audio);
    bool updateAudio(qint64 sourceId, const QString &id, const FileStat &audio);
    // The new sidecar content after a category change, so the next scan
    // sees the file as known; only rows that knew the file as it was before
    // (a change by the recorder in between stays for the next scan to see).
    bool updateSidecar(const Recording &r, const FileStat &before, const FileStat &after,
                       int *rows);
    bool removeRecording(qint64 sourceId, const QString &id);
    // Every recording whose sidecar lies below the folder (any depth).
    bool removeRecordingsUnder(qint64 sourceId, const QString &absoluteDir, int *removed);

    bool setProblem(qint64 sourceId, const QString &sidecarPath, const QString &problem);
    bool clearProblem(qint64 sourceId, const QString &sidecarPath);
    bool clearProblemsUnder(qint64 sourceId, const QString &absoluteDir);

    bool setDirMtime(qint64 sourceId, const QString &relPath, qint64 mtimeNs);
    // The folder and everything below it.
    bool removeDirs(qint64 sourceId, const QString &relPath);

private:
    // Runs a transaction statement (BEGIN IMMEDIATE, COMMIT, ROLLBACK).
    bool control(const QString &statement, const QString &context);
    bool exec(const QString &sql, const QVariantList &values, int *rowsAffected = nullptr);
    bool wrote();

    QSqlDatabase m_db;
    int m_batchSize;
    int m_pending = 0;
    bool m_inTransaction = false;
    QString m_error;
    std::unordered_map<QString, QSqlQuery> m_statements; // prepared once, by their SQL
};

// SQL helpers shared with the reader: the "below this folder" range of
// absolute sidecar paths, which an index on sidecar_path answers.
QString pathRangeStart(const QString &absoluteDir);
QString pathRangeEnd(const QString &absoluteDir);

} // namespace Replicall
