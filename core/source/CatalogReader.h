// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Recording.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

class QSqlQuery;

namespace Replicall {

// A sidecar the indexer could not take into the catalog, and why.
struct SourceProblem {
    QString sidecarPath; // absolute
    QString problem;
    QDateTime seenAt;
};

// Read access to the catalog the ArchiveIndexer keeps. Filters that build
// their own SQL select columns() from "recordings" and turn each row into a
// Recording with fromQuery().
class CatalogReader {
public:
    CatalogReader();
    explicit CatalogReader(QSqlDatabase db);

    // The source id of an archive folder, once it has been indexed.
    std::optional<qint64> sourceIdFor(const QString &archiveDir) const;
    QDateTime scannedAt(qint64 sourceId) const;

    // Ordered by start time, then id. tenants empty = every tenant.
    // Holds every row in memory: for a large catalog select columns() with
    // a narrower WHERE (the filter's SQL) and read rows with fromQuery().
    QList<Recording> recordings(qint64 sourceId, const QStringList &tenants = {}) const;
    std::optional<Recording> recording(qint64 sourceId, const QString &id) const;
    qint64 count(qint64 sourceId, const QStringList &tenants = {}) const;

    // Distinct values in the catalog, sorted: what a filter builder offers.
    QStringList tenants(qint64 sourceId) const;
    QStringList categories(qint64 sourceId) const;
    QStringList users(qint64 sourceId) const;
    QStringList groups(qint64 sourceId) const;

    QList<SourceProblem> problems(qint64 sourceId) const;

    QString lastError() const { return m_error; }

    // "id, tenant, start_utc, ..." in the order fromQuery() reads them.
    static QString columns();
    static Recording fromQuery(const QSqlQuery &query);

private:
    bool run(QSqlQuery &query, const QString &sql, const QVariantList &values) const;
    QStringList distinctFromArrays(qint64 sourceId, const QString &column) const;

    QSqlDatabase m_db;
    mutable QString m_error;
};

} // namespace Replicall
