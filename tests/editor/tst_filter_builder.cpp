// SPDX-License-Identifier: GPL-3.0-or-later
// The filter builder on a real catalog: conditions and nested groups built
// with the buttons and row widgets, the JSON they make, and the live count
// compared with FilterPreview over the same SQLite file.
#include "EditorTestSupport.h"
#include "editor/CatalogLoader.h"
#include "editor/FilterBuilder.h"
#include "editor/FilterRows.h"
#include "filter/Filter.h"
#include "filter/FilterPreview.h"
#include "model/Job.h"
#include "store/Database.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Replicall;
using Replicall::Test::child;

namespace {

QJsonObject parseJson(const char *text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject canonical(const QJsonObject &json) {
    QString error;
    const std::optional<Filter> filter = Filter::fromJson(json, &error);
    if (!filter)
        qFatal("test filter does not parse: %s", qPrintable(error));
    return filter->toJson();
}

QString dump(const QJsonObject &json) {
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

} // namespace

class TestFilterBuilder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Test::DemoCatalog m_catalog;
    CatalogSnapshot m_snapshot;
    std::unique_ptr<FilterBuilder> m_builder;

    QTreeWidget *tree() { return child<QTreeWidget>(m_builder.get(), u"filterTree"_s); }
    void click(const char *button) {
        QTest::mouseClick(child<QPushButton>(m_builder.get(), QString::fromLatin1(button)),
                          Qt::LeftButton);
    }
    FilterConditionRow *conditionRow(QTreeWidgetItem *item) {
        return qobject_cast<FilterConditionRow *>(tree()->itemWidget(item, 0));
    }
    // Sets field, operator (by the operator's JSON name) of the row of item.
    void setCondition(QTreeWidgetItem *item, const QString &field, const QString &op) {
        FilterConditionRow *row = conditionRow(item);
        QVERIFY(row);
        auto *fieldCombo = child<QComboBox>(row, u"fieldCombo"_s);
        fieldCombo->setCurrentIndex(fieldCombo->findData(field));
        QCOMPARE(fieldCombo->currentData().toString(), field);
        auto *opCombo = child<QComboBox>(row, u"operatorCombo"_s);
        opCombo->setCurrentIndex(opCombo->findData(int(*filterOperatorByName(op))));
        QVERIFY(opCombo->currentIndex() >= 0);
    }
    FilterPreviewResult expectedCount(const QJsonObject &json, const QStringList &tenants = {}) {
        const std::optional<Filter> filter = Filter::fromJson(json, nullptr);
        return FilterPreview::count(Database::connection(), m_catalog.sourceId, tenants, *filter,
                                    QDateTime::currentDateTimeUtc(), 0);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_catalog = Test::makeDemoCatalog(m_dir, 120);
        QVERIFY2(m_catalog.sourceId > 0, qPrintable(m_catalog.error));
        m_snapshot = CatalogLoader::read(m_catalog.archiveDir);
        QVERIFY2(m_snapshot.ok(), qPrintable(m_snapshot.error));
        QCOMPARE(m_snapshot.tenants, (QStringList{u"acme"_s, u"globex"_s}));
        QCOMPARE(m_snapshot.recordings, 120);
    }

    void init() {
        m_builder = std::make_unique<FilterBuilder>();
        m_builder->setCatalog(m_snapshot);
        m_builder->resize(900, 500);
        m_builder->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_builder.get()));
    }

    void cleanup() { m_builder.reset(); }

    void emptyFilterCountsEverything() {
        QCOMPARE(m_builder->filter(), QJsonObject());
        QTRY_COMPARE(m_builder->matchCount(), 120);
        const FilterPreviewResult all = expectedCount({});
        const QString label = child<QLabel>(m_builder.get(), u"matchCountLabel"_s)->text();
        QVERIFY2(label.startsWith(u"120 recordings match"_s), qPrintable(label));
        QVERIFY2(label.contains(formatSize(all.bytes)), qPrintable(label));
    }

    void buildsConditionsAndNestedGroups() {
        // tenant is acme
        click("addConditionButton");
        QTreeWidgetItem *root = tree()->topLevelItem(0);
        QCOMPARE(root->childCount(), 1);
        QTreeWidgetItem *tenant = root->child(0);
        setCondition(tenant, u"tenant"_s, u"equals"_s);
        auto *pick = child<QComboBox>(conditionRow(tenant), u"pickCombo"_s);
        QVERIFY2(pick->findText(u"acme"_s) >= 0, "the tenant list comes from the catalog");
        pick->setCurrentIndex(pick->findText(u"acme"_s));

        // AND (direction is inbound OR duration greater than 60 s)
        tree()->setCurrentItem(root);
        click("addGroupButton");
        QCOMPARE(root->childCount(), 2);
        QTreeWidgetItem *group = root->child(1);
        QCOMPARE(tree()->currentItem(), group);
        auto *mode = child<QComboBox>(tree()->itemWidget(group, 0), u"groupModeCombo"_s);
        mode->setCurrentIndex(1); // any of these (OR)
        click("addConditionButton");
        click("addConditionButton");
        QCOMPARE(group->childCount(), 2);
        setCondition(group->child(0), u"direction"_s, u"equals"_s);
        auto *direction = child<QComboBox>(conditionRow(group->child(0)), u"pickCombo"_s);
        direction->setCurrentIndex(direction->findText(u"inbound"_s));
        setCondition(group->child(1), u"duration"_s, u"greater"_s);
        child<QDoubleSpinBox>(conditionRow(group->child(1)), u"secondsSpinBox"_s)->setValue(60);

        const QJsonObject expected = canonical(parseJson(R"({"op":"and","conditions":[
            {"field":"tenant","operator":"equals","value":"acme"},
            {"op":"or","conditions":[
                {"field":"direction","operator":"equals","value":"inbound"},
                {"field":"duration","operator":"greater","value":60}]}]})"));
        QCOMPARE(dump(m_builder->filter()), dump(expected));
        QVERIFY2(m_builder->isValid(), qPrintable(m_builder->problem()));

        const FilterPreviewResult want = expectedCount(expected);
        QVERIFY2(want.ok(), qPrintable(want.error));
        QVERIFY2(want.count > 0 && want.count < 120, "the filter must select some, not all");
        QTRY_COMPARE(m_builder->matchCount(), want.count);
        const QString label = child<QLabel>(m_builder.get(), u"matchCountLabel"_s)->text();
        QVERIFY2(label.startsWith(QString::number(want.count) + u' '), qPrintable(label));
        QVERIFY2(label.contains(formatSize(want.bytes)), qPrintable(label));

        // The access scope narrows the count too.
        m_builder->setScopeTenants({u"globex"_s});
        QTRY_COMPARE(m_builder->matchCount(), 0);

        // Removing the group leaves the tenant condition.
        m_builder->setScopeTenants({});
        tree()->setCurrentItem(group);
        click("removeButton");
        QCOMPARE(
            dump(m_builder->filter()),
            dump(canonical(parseJson(
                R"({"conditions":[{"field":"tenant","operator":"equals","value":"acme"}]})"))));
        QTRY_COMPARE(m_builder->matchCount(), expectedCount(m_builder->filter()).count);
    }

    void roundTripsEveryKindOfValue() {
        const QJsonObject filter = canonical(parseJson(R"({"op":"and","conditions":[
            {"field":"tenant","operator":"oneOf","value":["acme","globex"]},
            {"field":"category","operator":"has","value":"complaint"},
            {"field":"user","operator":"isNotEmpty"},
            {"field":"start","operator":"between","value":["2026-11-01","2026-11-30"]},
            {"field":"start","operator":"greater","value":"2026-11-16T08:15:00Z"},
            {"field":"start","operator":"inLastDays","value":30},
            {"field":"duration","operator":"between","value":[2.5,600]},
            {"field":"audioSize","operator":"greater","value":1048576},
            {"field":"callerNumber","operator":"startsWith","value":"+4930"},
            {"op":"or","not":true,"conditions":[
                {"field":"direction","operator":"oneOf","value":["internal","outbound"]},
                {"field":"anyParty","operator":"matches","value":"*Meier*"}]}]})"));
        m_builder->setFilter(filter);
        QVERIFY2(m_builder->isValid(), qPrintable(m_builder->problem()));
        QCOMPARE(dump(m_builder->filter()), dump(filter));
        QCOMPARE(tree()->topLevelItem(0)->childCount(), 10);
        QTRY_COMPARE(m_builder->matchCount(), expectedCount(filter).count);
        // The description says in words what the tree says.
        const QString description =
            child<QLabel>(m_builder.get(), u"filterDescriptionLabel"_s)->text();
        QVERIFY2(description.contains(u"acme"_s), qPrintable(description));
    }

    void problemsAreNamedAndUnreadableFiltersKept() {
        const QJsonObject bad = parseJson(
            R"({"conditions":[{"field":"direction","operator":"contains","value":"x"}]})");
        m_builder->setFilter(bad);
        QVERIFY(!m_builder->isValid());
        QVERIFY2(m_builder->problem().contains(u"does not fit field 'direction'"_s),
                 qPrintable(m_builder->problem()));
        QCOMPARE(m_builder->filter(), bad);
        QTRY_VERIFY(
            child<QLabel>(m_builder.get(), u"matchCountLabel"_s)->text().contains(u"problem"_s));

        // An edit replaces it; an empty oneOf list is named as the problem.
        click("addConditionButton");
        setCondition(tree()->topLevelItem(0)->child(0), u"user"_s, u"oneOf"_s);
        QVERIFY2(m_builder->problem().contains(u"conditions[0].value"_s),
                 qPrintable(m_builder->problem()));
        QVERIFY(child<QLabel>(m_builder.get(), u"filterProblemLabel"_s)->isVisible());
    }

    void deleteKeyRemovesTheSelectedRow() {
        click("addConditionButton");
        click("addConditionButton");
        QTreeWidgetItem *root = tree()->topLevelItem(0);
        QCOMPARE(root->childCount(), 2);
        tree()->setCurrentItem(root->child(0));
        tree()->setFocus();
        QTest::keyClick(tree(), Qt::Key_Delete);
        QCOMPARE(root->childCount(), 1);
        // The top group itself stays.
        tree()->setCurrentItem(root);
        QTest::keyClick(tree(), Qt::Key_Delete);
        QCOMPARE(tree()->topLevelItemCount(), 1);
        QVERIFY(!child<QPushButton>(m_builder.get(), u"removeButton"_s)->isEnabled());
    }
};

QTEST_MAIN(TestFilterBuilder)
#include "tst_filter_builder.moc"
