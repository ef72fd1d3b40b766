// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/FilterRows.h"
#include "filter/FilterPreview.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QTimer>
#include <QWidget>
#include <memory>

class QTreeWidgetItem;

namespace Replicall {

namespace Ui {
class FilterBuilder;
}
struct CatalogSnapshot;

// Builds a job's filter as a tree of AND / OR groups and conditions
// (docs/filters.md) and shows live how many recordings of the archive match.
// The count runs FilterPreview in the thread pool, 300 ms after the last
// change, with the pool thread's own database connection.
class FilterBuilder : public QWidget {
    Q_OBJECT
public:
    static constexpr int CountDelayMs = 300;

    explicit FilterBuilder(QWidget *parent = nullptr);
    ~FilterBuilder() override;

    // The filter as Filter::toJson() writes it when valid; {} = everything.
    QJsonObject filter() const;
    // A filter that does not parse is kept unchanged (and shown as a
    // problem) until the conditions are edited.
    void setFilter(const QJsonObject &json);

    QString problem() const; // empty when the filter is valid
    bool isValid() const { return problem().isEmpty(); }

    // Pick lists and counting follow the archive the job reads.
    void setCatalog(const CatalogSnapshot &catalog);
    // The job's access scope; empty = every tenant.
    void setScopeTenants(const QStringList &tenants);

    // The last count shown; -1 while none is known.
    qint64 matchCount() const { return m_matchCount; }

Q_SIGNALS:
    void changed();
    void countUpdated();

private:
    QTreeWidgetItem *addGroup(QTreeWidgetItem *parent, bool any, bool negate);
    QTreeWidgetItem *addCondition(QTreeWidgetItem *parent, const QJsonObject &json);
    void loadGroup(QTreeWidgetItem *item, const QJsonObject &group);
    QJsonObject groupJson(QTreeWidgetItem *item) const;
    QTreeWidgetItem *targetGroup() const;
    int depthOf(QTreeWidgetItem *item) const;
    void removeItem(QTreeWidgetItem *item);
    void fitRow(QTreeWidgetItem *item);
    void edited();
    void updateState();
    void scheduleCount();
    void startCount();
    void countFinished();

    std::unique_ptr<Ui::FilterBuilder> ui;
    QTreeWidgetItem *m_root = nullptr;
    FilterChoices m_choices;
    std::optional<QJsonObject> m_unreadable; // a filter given to setFilter() that did not parse
    QString m_unreadableError;
    qint64 m_sourceId = 0;
    QStringList m_scope;
    QTimer m_countDelay;
    QFutureWatcher<FilterPreviewResult> m_counter;
    bool m_countAgain = false;
    qint64 m_matchCount = -1;
};

} // namespace Replicall
