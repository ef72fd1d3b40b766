// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/FilterBuilder.h"

#include "editor/CatalogLoader.h"
#include "filter/Filter.h"
#include "model/Job.h"
#include "store/Database.h"
#include "ui_FilterBuilder.h"

#include <QJsonArray>
#include <QShortcut>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

FilterPreviewResult countMatches(qint64 sourceId, const QStringList &scope, const Filter &filter) {
    return FilterPreview::count(Database::connection(), sourceId, scope, filter,
                                QDateTime::currentDateTimeUtc(), 0);
}

} // namespace

FilterBuilder::FilterBuilder(QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::FilterBuilder>()) {
    ui->setupUi(this);
    m_root = addGroup(nullptr, false, false);
    ui->filterTree->setCurrentItem(m_root);

    m_countDelay.setSingleShot(true);
    m_countDelay.setInterval(CountDelayMs);
    connect(&m_countDelay, &QTimer::timeout, this, &FilterBuilder::startCount);
    connect(&m_counter, &QFutureWatcher<FilterPreviewResult>::finished, this,
            &FilterBuilder::countFinished);

    connect(ui->addConditionButton, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem *item = addCondition(targetGroup(), {});
        ui->filterTree->setCurrentItem(item);
        edited();
    });
    connect(ui->addGroupButton, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem *item = addGroup(targetGroup(), true, false);
        ui->filterTree->setCurrentItem(item); // the next condition goes into the new group
        edited();
    });
    connect(ui->removeButton, &QPushButton::clicked, this,
            [this] { removeItem(ui->filterTree->currentItem()); });
    connect(ui->filterTree, &QTreeWidget::currentItemChanged, this, &FilterBuilder::updateState);

    auto *addConditionKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_N), this);
    addConditionKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(addConditionKey, &QShortcut::activated, ui->addConditionButton, &QPushButton::click);
    auto *addGroupKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), this);
    addGroupKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(addGroupKey, &QShortcut::activated, ui->addGroupButton, &QPushButton::click);
    // Only when the tree itself has focus, so Delete still edits text in a row.
    auto *removeKey = new QShortcut(QKeySequence::Delete, ui->filterTree);
    removeKey->setContext(Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, ui->removeButton, &QPushButton::click);

    updateState();
    scheduleCount();
}

FilterBuilder::~FilterBuilder() = default;

QTreeWidgetItem *FilterBuilder::addGroup(QTreeWidgetItem *parent, bool any, bool negate) {
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(ui->filterTree);
    auto *row = new FilterGroupRow(parent != nullptr);
    row->setMode(any, negate);
    ui->filterTree->setItemWidget(item, 0, row);
    fitRow(item);
    item->setExpanded(true);
    if (parent)
        parent->setExpanded(true);
    connect(row, &FilterGroupRow::changed, this, &FilterBuilder::edited);
    connect(row, &FilterGroupRow::removeRequested, this, [this, item] { removeItem(item); });
    return item;
}

QTreeWidgetItem *FilterBuilder::addCondition(QTreeWidgetItem *parent, const QJsonObject &json) {
    auto *item = new QTreeWidgetItem(parent);
    auto *row = new FilterConditionRow(m_choices);
    if (!json.isEmpty())
        row->setJson(json);
    ui->filterTree->setItemWidget(item, 0, row);
    fitRow(item);
    parent->setExpanded(true);
    connect(row, &FilterConditionRow::changed, this, [this, item] {
        fitRow(item);
        edited();
    });
    connect(row, &FilterConditionRow::removeRequested, this, [this, item] { removeItem(item); });
    return item;
}

void FilterBuilder::fitRow(QTreeWidgetItem *item) {
    if (QWidget *row = ui->filterTree->itemWidget(item, 0))
        item->setSizeHint(0, row->sizeHint());
}

QTreeWidgetItem *FilterBuilder::targetGroup() const {
    QTreeWidgetItem *item = ui->filterTree->currentItem();
    if (!item)
        return m_root;
    if (qobject_cast<FilterGroupRow *>(ui->filterTree->itemWidget(item, 0)))
        return item;
    return item->parent() ? item->parent() : m_root;
}

int FilterBuilder::depthOf(QTreeWidgetItem *item) const {
    int depth = 1;
    for (QTreeWidgetItem *up = item->parent(); up; up = up->parent())
        ++depth;
    return depth;
}

void FilterBuilder::removeItem(QTreeWidgetItem *item) {
    if (!item || item == m_root)
        return;
    QTreeWidgetItem *parent = item->parent();
    // The view deletes the row widgets of removed items later, so removing a
    // row from its own remove button is safe.
    delete item;
    ui->filterTree->setCurrentItem(parent ? parent : m_root);
    edited();
}

QJsonObject FilterBuilder::groupJson(QTreeWidgetItem *item) const {
    auto *group = qobject_cast<FilterGroupRow *>(ui->filterTree->itemWidget(item, 0));
    QJsonArray conditions;
    for (int i = 0; i < item->childCount(); ++i) {
        QTreeWidgetItem *child = item->child(i);
        QWidget *row = ui->filterTree->itemWidget(child, 0);
        if (auto *condition = qobject_cast<FilterConditionRow *>(row))
            conditions.append(condition->toJson());
        else
            conditions.append(groupJson(child));
    }
    QJsonObject json{{u"op"_s, group && group->any() ? u"or"_s : u"and"_s},
                     {u"conditions"_s, conditions}};
    if (group && group->negate())
        json.insert(u"not"_s, true);
    return json;
}

QJsonObject FilterBuilder::filter() const {
    if (m_unreadable)
        return *m_unreadable;
    const QJsonObject json = groupJson(m_root);
    const std::optional<Filter> parsed = Filter::fromJson(json, nullptr);
    return parsed ? parsed->toJson() : json;
}

void FilterBuilder::loadGroup(QTreeWidgetItem *item, const QJsonObject &group) {
    const QJsonArray conditions = group.value(u"conditions"_s).toArray();
    for (const QJsonValue &value : conditions) {
        const QJsonObject child = value.toObject();
        if (child.contains(u"field"_s)) {
            addCondition(item, child);
        } else {
            QTreeWidgetItem *sub =
                addGroup(item, child.value(u"op"_s) == u"or"_s, child.value(u"not"_s).toBool());
            loadGroup(sub, child);
        }
    }
}

void FilterBuilder::setFilter(const QJsonObject &json) {
    qDeleteAll(m_root->takeChildren());
    m_unreadable.reset();
    m_unreadableError.clear();
    QString error;
    const std::optional<Filter> parsed = Filter::fromJson(json, &error);
    auto *rootRow = qobject_cast<FilterGroupRow *>(ui->filterTree->itemWidget(m_root, 0));
    if (parsed) {
        const QJsonObject canonical = parsed->toJson();
        {
            const QSignalBlocker blocker(rootRow);
            rootRow->setMode(canonical.value(u"op"_s) == u"or"_s,
                             canonical.value(u"not"_s).toBool());
        }
        loadGroup(m_root, canonical);
    } else {
        m_unreadable = json;
        m_unreadableError = error;
    }
    ui->filterTree->setCurrentItem(m_root);
    updateState();
    scheduleCount();
}

QString FilterBuilder::problem() const {
    if (m_unreadable)
        return tr("The saved filter cannot be read (%1); editing the conditions replaces it.")
            .arg(m_unreadableError);
    QString error;
    if (!Filter::fromJson(groupJson(m_root), &error))
        return tr("Filter: %1").arg(error);
    return {};
}

void FilterBuilder::setCatalog(const CatalogSnapshot &catalog) {
    m_sourceId = catalog.ok() ? catalog.sourceId : 0;
    m_choices = {{FilterField::Tenant, catalog.tenants},
                 {FilterField::User, catalog.users},
                 {FilterField::Group, catalog.groups},
                 {FilterField::Category, catalog.categories}};
    const QList<FilterConditionRow *> rows = ui->filterTree->findChildren<FilterConditionRow *>();
    for (FilterConditionRow *row : rows)
        row->setChoices(m_choices);
    scheduleCount();
}

void FilterBuilder::setScopeTenants(const QStringList &tenants) {
    if (tenants == m_scope)
        return;
    m_scope = tenants;
    scheduleCount();
}

void FilterBuilder::edited() {
    // Any edit replaces a filter that could not be read.
    m_unreadable.reset();
    updateState();
    scheduleCount();
    Q_EMIT changed();
}

void FilterBuilder::updateState() {
    QTreeWidgetItem *current = ui->filterTree->currentItem();
    ui->removeButton->setEnabled(current && current != m_root);
    ui->addGroupButton->setEnabled(depthOf(targetGroup()) < Filter::MaxDepth);

    const QString problemText = problem();
    ui->filterProblemLabel->setText(problemText);
    ui->filterProblemLabel->setVisible(!problemText.isEmpty());
    QString description;
    if (problemText.isEmpty()) {
        const std::optional<Filter> parsed = Filter::fromJson(filter(), nullptr);
        description = parsed && !parsed->isEmpty()
                          ? tr("Replicates recordings where %1.").arg(parsed->describe())
                          : tr("No conditions: every recording of the access scope is replicated.");
    }
    ui->filterDescriptionLabel->setText(description);
}

void FilterBuilder::scheduleCount() {
    m_matchCount = -1;
    m_countDelay.start();
}

void FilterBuilder::startCount() {
    if (m_counter.isRunning()) {
        m_countAgain = true; // counted once the running count ends; its answer is stale
        return;
    }
    if (m_sourceId <= 0) {
        ui->matchCountLabel->setText(
            tr("Choose an archive folder on the General tab to see how many recordings match."));
        return;
    }
    const std::optional<Filter> parsed = Filter::fromJson(filter(), nullptr);
    if (!parsed) {
        ui->matchCountLabel->setText(tr("No count while the filter has a problem."));
        return;
    }
    ui->matchCountLabel->setText(tr("Counting matching recordings…"));
    m_counter.setFuture(QtConcurrent::run(&countMatches, m_sourceId, m_scope, *parsed));
}

void FilterBuilder::countFinished() {
    if (m_countAgain) {
        m_countAgain = false;
        startCount();
        return;
    }
    const FilterPreviewResult result = m_counter.result();
    if (!result.ok()) {
        ui->matchCountLabel->setText(tr("Counting failed: %1").arg(result.error));
        return;
    }
    m_matchCount = result.count;
    // Without an English translation "%n" plurals would show "(s)"; two sentences read better.
    const QString size = formatSize(result.bytes);
    ui->matchCountLabel->setText(
        result.count == 1
            ? tr("1 recording matches, %1 of audio.").arg(size)
            : tr("%1 recordings match, %2 of audio.").arg(QString::number(result.count), size));
    Q_EMIT countUpdated();
}

} // namespace Replicall
