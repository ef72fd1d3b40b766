// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "report/ReportData.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QString>

namespace Replicall {

// What the catalog says about a job over a range of call days: how many
// recordings match its access scope and filter per day, and how many of them
// its ledger holds. Reads through this thread's Database::connection().
class CatalogCounts {
public:
    CatalogCounts(const Job &job, const QDate &from, const QDate &to, const QDateTime &nowUtc);

    bool read(QString *error);

    const QHash<QDate, qint64> &matchedPerDay() const { return m_matched; }
    const Coverage &coverage() const { return m_coverage; }

private:
    bool countCatalog(qint64 sourceId, QString *error);
    bool countRemovedAtSource(qint64 sourceId, QString *error);

    Job m_job;
    QDate m_from;
    QDate m_to;
    QDateTime m_now;
    QHash<QDate, qint64> m_matched;
    Coverage m_coverage;
};

} // namespace Replicall
