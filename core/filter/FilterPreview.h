// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/Filter.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Replicall {

struct FilterPreviewSample {
    QString id;
    QDateTime start; // UTC
    QString tenant;
};

struct FilterPreviewResult {
    qint64 count = 0;                  // matching recordings
    qint64 bytes = 0;                  // their audio, summed
    QList<FilterPreviewSample> sample; // the newest ones, newest first
    QString error;                     // empty on success
    bool ok() const { return error.isEmpty(); }
};

// What a job's filter would select from one source of the catalog, for the
// filter builder's "n recordings, x GB" line. A pure function over an open
// connection: run it in a worker thread with a connection opened there.
namespace FilterPreview {

// `tenants` is the job's access scope; empty means every tenant.
FilterPreviewResult count(QSqlDatabase db, qint64 sourceId, const QStringList &tenants,
                          const Filter &filter, const QDateTime &nowUtc, int sampleSize);

} // namespace FilterPreview

} // namespace Replicall
