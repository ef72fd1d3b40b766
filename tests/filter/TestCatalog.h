// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filter/Filter.h"
#include "model/Recording.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Replicall {

// A real SQLite catalog file with the `recordings` table exactly as the store
// creates it, for running filters as SQL in tests.
class TestCatalog {
public:
    explicit TestCatalog(const QString &path);
    ~TestCatalog();
    TestCatalog(const TestCatalog &) = delete;
    TestCatalog &operator=(const TestCatalog &) = delete;

    bool isOpen() const { return m_ok; }
    QString error() const { return m_error; }
    QSqlDatabase database() const;

    // Writes start_utc with milliseconds when the start has any, to check
    // that filters count such a start as its whole second.
    bool insert(qint64 sourceId, const Recording &recording);
    bool beginBatch();
    bool commitBatch();

    // Ids selected by the filter's SQL, sorted; `ok` false on an SQL error.
    QStringList select(const Filter &filter, const QDateTime &nowUtc, bool *ok,
                       QString *error = nullptr) const;

private:
    QString m_connection;
    QString m_error;
    bool m_ok = false;
};

} // namespace Replicall
