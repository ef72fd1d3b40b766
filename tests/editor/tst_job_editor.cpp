// SPDX-License-Identifier: GPL-3.0-or-later
// The job editor dialog driven by objectName: a job typed in field by field,
// Save held back with the right message while something is wrong, and
// "Test connection" against a real replicall-target on 127.0.0.1.
//
// With REPLICALL_SCREENSHOT_DIR set, the tabs are saved there as PNGs.
#include "EditorTestSupport.h"
#include "TargetProcess.h"
#include "editor/FilterBuilder.h"
#include "editor/JobEditorDialog.h"
#include "model/Job.h"
#include "secrets/SecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace Replicall;
using Replicall::Test::child;
using Replicall::Test::typeInto;

class TestJobEditor : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Test::DemoCatalog m_catalog;
    std::unique_ptr<JobEditorDialog> m_dialog;

    template <typename T> T *w(const char *name) {
        return child<T>(m_dialog.get(), QString::fromLatin1(name));
    }
    QString problemText() { return w<QLabel>("problemLabel")->text(); }
    bool saveEnabled() { return w<QPushButton>("saveButton")->isEnabled(); }
    void tick(QListWidget *list, const QString &name) {
        const QList<QListWidgetItem *> found = list->findItems(name, Qt::MatchExactly);
        QVERIFY2(found.size() == 1, qPrintable(name));
        found.first()->setCheckState(Qt::Checked);
    }
    // Fills the fields every job needs, the way a person would.
    void enterMinimalJob(const QUrl &target, const QString &token) {
        typeInto(w<QLineEdit>("nameEdit"), u"Branch to head office"_s);
        QSignalSpy loaded(m_dialog.get(), &JobEditorDialog::catalogLoaded);
        typeInto(w<QLineEdit>("sourceDirEdit"), m_catalog.archiveDir);
        QTest::keyClick(w<QLineEdit>("sourceDirEdit"), Qt::Key_Return);
        QVERIFY(loaded.wait(20000));
        typeInto(w<QLineEdit>("targetUrlEdit"), target.toString());
        typeInto(w<QLineEdit>("tokenEdit"), token);
    }
    void saveScreenshot(const QString &tab, const QString &file) {
        const QString dir = qEnvironmentVariable("REPLICALL_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        auto *tabs = w<QTabWidget>("tabs");
        tabs->setCurrentWidget(child<QWidget>(m_dialog.get(), tab));
        QTest::qWait(FilterBuilder::CountDelayMs + 200); // the filter's count is shown too
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(m_dialog->grab().save(QDir(dir).filePath(file)));
    }
    // Clicks "Test connection" and waits for the report. The click must
    // return at once with the busy indicator on: the round trip runs in
    // another thread and the dialog keeps answering.
    void runConnectionTest(QString *report) {
        QSignalSpy tested(m_dialog.get(), &JobEditorDialog::connectionTested);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(w<QPushButton>("testConnectionButton"), Qt::LeftButton);
        QVERIFY2(clock.elapsed() < 1000, "the click blocked the UI thread");
        QVERIFY2(tested.isEmpty(), "the answer cannot arrive before the event loop runs");
        QVERIFY(!w<QProgressBar>("connectionProgress")->isHidden());
        QVERIFY(!w<QPushButton>("testConnectionButton")->isEnabled());
        QVERIFY(tested.wait(20000));
        QVERIFY(w<QProgressBar>("connectionProgress")->isHidden());
        QVERIFY(w<QPushButton>("testConnectionButton")->isEnabled());
        *report = w<QLabel>("connectionResultLabel")->text();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_catalog = Test::makeDemoCatalog(m_dir, 40);
        QVERIFY2(m_catalog.sourceId > 0, qPrintable(m_catalog.error));
    }

    void init() {
        m_dialog = std::make_unique<JobEditorDialog>();
        m_dialog->resize(820, 720);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup() { m_dialog.reset(); }

    void createsAValidJob() {
        QVERIFY(!saveEnabled());
        QCOMPARE(problemText().section(u" (and"_s, 0, 0), u"Name must not be empty"_s);

        typeInto(w<QLineEdit>("nameEdit"), u"Nightly backup"_s);
        QCOMPARE(problemText().section(u" (and"_s, 0, 0), u"Source folder must not be empty"_s);

        QSignalSpy loaded(m_dialog.get(), &JobEditorDialog::catalogLoaded);
        typeInto(w<QLineEdit>("sourceDirEdit"), m_catalog.archiveDir);
        QTest::keyClick(w<QLineEdit>("sourceDirEdit"), Qt::Key_Return);
        QVERIFY(loaded.wait(20000));
        auto *tenants = w<QListWidget>("tenantList");
        QCOMPARE(tenants->count(), 2);
        QCOMPARE(tenants->item(0)->text(), u"acme"_s);
        tick(tenants, u"acme"_s);
        QVERIFY(w<QLabel>("catalogStatusLabel")->text().contains(u"40 recordings"_s));

        QCOMPARE(problemText().section(u" (and"_s, 0, 0), u"Target URL must not be empty"_s);
        typeInto(w<QLineEdit>("targetUrlEdit"), u"ftp://archive.example.com"_s);
        QVERIFY2(problemText().contains(u"is not an http or https URL"_s),
                 qPrintable(problemText()));
        typeInto(w<QLineEdit>("targetUrlEdit"), u"https://archive.example.com:8443"_s);
        QVERIFY2(problemText().startsWith(u"Enter the replication token"_s),
                 qPrintable(problemText()));
        QVERIFY(!saveEnabled());

        const QString token = u"rpl_"_s + QString(43, u'A');
        typeInto(w<QLineEdit>("tokenEdit"), token);
        QCOMPARE(w<QLineEdit>("tokenEdit")->echoMode(), QLineEdit::Password);
        QTest::mouseClick(w<QCheckBox>("showTokenCheck"), Qt::LeftButton);
        QCOMPARE(w<QLineEdit>("tokenEdit")->echoMode(), QLineEdit::Normal);
        QVERIFY2(saveEnabled(), qPrintable(problemText()));

        // Transfer tab.
        w<QSpinBox>("parallelSpinBox")->setValue(8);
        w<QSpinBox>("chunkSizeSpinBox")->setValue(16);
        w<QComboBox>("chunkSizeUnitCombo")->setCurrentIndex(1); // MiB
        w<QComboBox>("modeCombo")->setCurrentIndex(1);          // full
        QTest::mouseClick(w<QCheckBox>("usersCheck"), Qt::LeftButton);
        QVERIFY(!w<QLabel>("removeAfterWarningLabel")->isVisible());
        QTest::mouseClick(w<QCheckBox>("removeAfterCheck"), Qt::LeftButton);
        w<QTabWidget>("tabs")->setCurrentIndex(1);
        QVERIFY(w<QLabel>("removeAfterWarningLabel")->isVisible());
        typeInto(w<QLineEdit>("bandwidthEdit"), u"10M"_s);

        // After success: a catalog category and a new one.
        typeInto(w<QLineEdit>("assignCategoryEdit"), u"replicated"_s);
        QTest::mouseClick(w<QPushButton>("addAssignCategoryButton"), Qt::LeftButton);

        QVERIFY2(saveEnabled(), qPrintable(problemText()));
        QVERIFY(problemText().isEmpty());
        const Job job = m_dialog->job();
        QCOMPARE(validateJob(job), QStringList());
        QCOMPARE(job.name, u"Nightly backup"_s);
        QCOMPARE(job.sourceDir, m_catalog.archiveDir);
        QCOMPARE(job.tenants, QStringList{u"acme"_s});
        QCOMPARE(job.targetUrl, QUrl(u"https://archive.example.com:8443"_s));
        QCOMPARE(job.parallel, 8);
        QCOMPARE(job.chunkSize, 16LL * 1024 * 1024);
        QCOMPARE(job.mode, ReplicationMode::Full);
        QCOMPARE(job.data, DataKind::Audio | DataKind::Metadata);
        QVERIFY(job.removeAfter);
        QCOMPARE(job.bandwidth, 10LL * 1024 * 1024);
        QCOMPARE(job.assignCategories, QStringList{u"replicated"_s});
        QCOMPARE(job.schedule, u"manual"_s);
        QVERIFY(job.tokenRef.startsWith(u"token-"_s));
        QCOMPARE(m_dialog->enteredToken(), token.toUtf8());
        // The token is nowhere in the job or its export.
        QVERIFY(!QJsonDocument(jobToJson(job)).toJson().contains(token.toUtf8()));

        // saveToken() puts it where job().tokenRef says.
        SecretStore secrets(m_dir.filePath(u"secrets"_s), SecretStore::Backend::File);
        QString error;
        QVERIFY2(m_dialog->saveToken(secrets, &error), qPrintable(error));
        QCOMPARE(secrets.read(job.tokenRef, &error), std::optional<QByteArray>(token.toUtf8()));

        QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
        QTest::mouseClick(w<QPushButton>("saveButton"), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
    }

    void saveIsHeldBackWithTheRightMessage() {
        enterMinimalJob(QUrl(u"http://127.0.0.1:9"_s), u"rpl_"_s + QString(43, u'B'));
        QVERIFY2(saveEnabled(), qPrintable(problemText()));

        QTest::mouseClick(w<QCheckBox>("removeAfterCheck"), Qt::LeftButton);
        QTest::mouseClick(w<QCheckBox>("audioCheck"), Qt::LeftButton);
        QVERIFY(!saveEnabled());
        QVERIFY2(problemText().startsWith(u"Remove after replication needs both audio files"_s),
                 qPrintable(problemText()));
        QTest::mouseClick(w<QCheckBox>("audioCheck"), Qt::LeftButton);
        QVERIFY(saveEnabled());

        typeInto(w<QLineEdit>("bandwidthEdit"), u"10 parsecs"_s);
        QVERIFY(!saveEnabled());
        QVERIFY2(problemText().startsWith(u"Bandwidth limit: "_s), qPrintable(problemText()));
        typeInto(w<QLineEdit>("bandwidthEdit"), QString());
        QVERIFY(saveEnabled());

        w<QSpinBox>("chunkSizeSpinBox")->setValue(32);
        w<QComboBox>("chunkSizeUnitCombo")->setCurrentIndex(0); // 32 KiB: too small
        QVERIFY2(problemText().startsWith(u"Upload chunk size must be between"_s),
                 qPrintable(problemText()));
        w<QComboBox>("chunkSizeUnitCombo")->setCurrentIndex(2); // 32 GiB: too large
        QVERIFY(!saveEnabled());
        w<QComboBox>("chunkSizeUnitCombo")->setCurrentIndex(1);
        QVERIFY(saveEnabled());

        typeInto(w<QLineEdit>("caFileEdit"), m_dir.filePath(u"no-such-ca.pem"_s));
        QVERIFY2(problemText().contains(u"no-such-ca.pem' does not exist"_s),
                 qPrintable(problemText()));
        typeInto(w<QLineEdit>("caFileEdit"), QString());

        // The schedule's problem reaches the dialog too.
        auto *kind = w<QComboBox>("kindCombo");
        kind->setCurrentIndex(2); // daily
        typeInto(w<QLineEdit>("timesEdit"), u"24:00"_s);
        QVERIFY2(problemText().startsWith(u"Schedule: '24:00' is not a time of day"_s),
                 qPrintable(problemText()));
        QVERIFY(!saveEnabled());
        typeInto(w<QLineEdit>("timesEdit"), u"23:00"_s);
        QVERIFY(saveEnabled());
        QCOMPARE(m_dialog->job().schedule, u"daily 23:00"_s);
    }

    void editingAJobKeepsEveryField() {
        Job job;
        job.id = 7;
        job.name = u"Archive old calls"_s;
        job.enabled = false;
        job.sourceDir = m_catalog.archiveDir;
        job.tenants = {u"globex"_s, u"retired-tenant"_s};
        job.targetUrl = QUrl(u"https://archive.example.com:8443"_s);
        job.sslVerify = false;
        job.tokenRef = u"token-existing"_s;
        job.parallel = 3;
        job.chunkSize = 100000; // not whole KiB: kept as it is
        job.mode = ReplicationMode::Full;
        job.data = DataKind::Metadata;
        job.filter = QJsonDocument::fromJson(R"({"op":"and","conditions":[
            {"field":"start","operator":"olderThanDays","value":90},
            {"field":"category","operator":"hasNot","value":"keep"}]})")
                         .object();
        job.schedule = u"weekly sat 03:00"_s;
        job.window = u"sat,sun 00:00-24:00"_s;
        job.bandwidth = 1500000;
        job.assignCategories = {u"archived"_s};
        job.unassignCategories = {u"pending"_s};
        QCOMPARE(validateJob(job), QStringList());

        QSignalSpy loaded(m_dialog.get(), &JobEditorDialog::catalogLoaded);
        m_dialog->setJob(job);
        QVERIFY(loaded.wait(20000));
        QVERIFY2(saveEnabled(), qPrintable(problemText()));
        QVERIFY(m_dialog->enteredToken().isEmpty());
        const Job back = m_dialog->job();
        QCOMPARE(QJsonDocument(jobToJson(back)).toJson(), QJsonDocument(jobToJson(job)).toJson());
        QCOMPARE(back.id, 7);
        QVERIFY(back == job);
        // A tenant the archive no longer holds stays visible and ticked.
        QCOMPARE(w<QListWidget>("tenantList")->count(), 3);
    }

    void testConnectionShowsTheTarget() {
        Test::TargetProcess target;
        QString error;
        QVERIFY2(target.start(&error), qPrintable(error));
        const QString token = target.createToken(u"editor"_s, {u"acme"_s, u"globex"_s});
        QVERIFY(!token.isEmpty());

        enterMinimalJob(target.baseUrl(), token);
        tick(w<QListWidget>("tenantList"), u"acme"_s);
        QString report;
        runConnectionTest(&report);
        QVERIFY2(report.contains(u"Connection works"_s), qPrintable(report));
        QVERIFY2(report.contains(u"version <b>"_s + QStringLiteral(REPLICALL_VERSION)),
                 qPrintable(report));
        QVERIFY2(report.contains(u"Tenants: acme, globex"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Data: audio, metadata, users"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Free space: "_s), qPrintable(report));

        // Screenshots of a filled-in job.
        w<QComboBox>("kindCombo")->setCurrentIndex(3);
        w<QCheckBox>("mondayCheck")->setChecked(true);
        w<QCheckBox>("fridayCheck")->setChecked(true);
        typeInto(w<QLineEdit>("timesEdit"), u"22:30"_s);
        QTest::mouseClick(w<QPushButton>("addConditionButton"), Qt::LeftButton);
        QTest::mouseClick(w<QPushButton>("addGroupButton"), Qt::LeftButton);
        QTest::mouseClick(w<QPushButton>("addConditionButton"), Qt::LeftButton);
        QTest::mouseClick(w<QCheckBox>("removeAfterCheck"), Qt::LeftButton);
        typeInto(w<QLineEdit>("bandwidthEdit"), u"80Mbit"_s);
        typeInto(w<QLineEdit>("assignCategoryEdit"), u"replicated"_s);
        QTest::mouseClick(w<QPushButton>("addAssignCategoryButton"), Qt::LeftButton);
        QVERIFY2(saveEnabled(), qPrintable(problemText()));
        saveScreenshot(u"generalTab"_s, u"job-editor-general.png"_s);
        saveScreenshot(u"transferTab"_s, u"job-editor-transfer.png"_s);
        saveScreenshot(u"filterTab"_s, u"job-editor-filter.png"_s);
        saveScreenshot(u"scheduleTab"_s, u"job-editor-schedule.png"_s);
        saveScreenshot(u"actionsTab"_s, u"job-editor-actions.png"_s);

        // A token for one tenant only: the job's other tenant is flagged.
        const QString narrow = target.createToken(u"narrow"_s, {u"globex"_s}, {u"metadata"_s});
        typeInto(w<QLineEdit>("tokenEdit"), narrow);
        QString warned;
        runConnectionTest(&warned);
        QVERIFY2(warned.contains(u"does not cover tenant(s) acme"_s), qPrintable(warned));
        QVERIFY2(warned.contains(u"does not allow audio"_s), qPrintable(warned));
        target.stop();
    }

    void testConnectionShowsRefusals() {
        Test::TargetProcess target;
        QString error;
        QVERIFY2(target.start(&error), qPrintable(error));
        const QString token = target.createToken(u"editor"_s, {u"acme"_s});

        // Well-formed but unknown to the target.
        enterMinimalJob(target.baseUrl(), u"rpl_"_s + QString(43, u'x'));
        QString report;
        runConnectionTest(&report);
        QVERIFY2(report.contains(u"Connection failed"_s), qPrintable(report));
        QVERIFY2(report.contains(u"not known to this target"_s), qPrintable(report));
        QVERIFY2(report.contains(u"HTTP 401"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Check the token"_s), qPrintable(report));
        saveScreenshot(u"generalTab"_s, u"job-editor-refused.png"_s);

        // Revoked.
        QVERIFY(target.revokeToken(u"editor"_s));
        typeInto(w<QLineEdit>("tokenEdit"), token);
        runConnectionTest(&report);
        QVERIFY2(report.contains(u"Connection failed"_s) && report.contains(u"revoked"_s),
                 qPrintable(report));

        // Nobody listening.
        target.stop();
        runConnectionTest(&report);
        QVERIFY2(report.contains(u"Connection failed"_s), qPrintable(report));
        QVERIFY2(report.contains(u"replicall-target is running"_s), qPrintable(report));
    }

    void testConnectionNamesTheCertificate() {
        QTemporaryDir certs;
        QString certificate, key, error;
        QVERIFY2(Test::TargetProcess::makeSelfSignedCertificate(certs.path(), &certificate, &key,
                                                                &error),
                 qPrintable(error));
        Test::TargetProcess target;
        QVERIFY2(target.start(&error, {u"--tls-cert"_s, certificate, u"--tls-key"_s, key}),
                 qPrintable(error));
        const QString token = target.createToken(u"tls"_s, {u"acme"_s});
        enterMinimalJob(target.baseUrl(), token);

        QString report;
        runConnectionTest(&report);
        QVERIFY2(report.contains(u"Connection failed"_s), qPrintable(report));
        QVERIFY2(report.contains(u"certificate of 127.0.0.1"_s), qPrintable(report));
        QVERIFY2(report.contains(u"CA file"_s), qPrintable(report));

        // Pinning the target's own certificate as CA makes it work.
        typeInto(w<QLineEdit>("caFileEdit"), certificate);
        runConnectionTest(&report);
        QVERIFY2(report.contains(u"Connection works"_s), qPrintable(report));
        target.stop();
    }
};

QTEST_MAIN(TestJobEditor)
#include "tst_job_editor.moc"
