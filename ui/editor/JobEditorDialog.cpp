// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/JobEditorDialog.h"

#include "editor/CheckList.h"
#include "editor/ConnectionReport.h"
#include "schedule/Bandwidth.h"
#include "secrets/SecretStore.h"
#include "ui_JobEditorDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// Rows of chunkSizeUnitCombo and modeCombo, in the order of the .ui file.
constexpr qint64 chunkUnits[] = {1024, 1024 * 1024, 1024 * 1024 * 1024};
enum ModeRow { IncrementalRow, FullRow };

QString cleanPath(const QString &text) {
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(trimmed));
}

} // namespace

JobEditorDialog::JobEditorDialog(QWidget *parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::JobEditorDialog>()) {
    ui->setupUi(this);
    ui->connectionProgress->hide();
    ui->removeAfterWarningLabel->hide();
    QPalette warning = ui->removeAfterWarningLabel->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    ui->removeAfterWarningLabel->setPalette(warning);
    ui->problemLabel->setPalette(warning);

    connect(ui->saveButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(ui->cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(ui->sourceBrowseButton, &QPushButton::clicked, this, &JobEditorDialog::browseSourceDir);
    connect(ui->caBrowseButton, &QPushButton::clicked, this, &JobEditorDialog::browseCaFile);
    connect(ui->sourceDirEdit, &QLineEdit::editingFinished, this, &JobEditorDialog::loadCatalog);
    connect(ui->showTokenCheck, &QCheckBox::toggled, this, [this](bool show) {
        ui->tokenEdit->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(ui->tokenEdit, &QLineEdit::textChanged, this, &JobEditorDialog::tokenEdited);
    connect(ui->testConnectionButton, &QPushButton::clicked, this,
            &JobEditorDialog::testConnection);
    connect(&m_connection, &ConnectionTest::finished, this, &JobEditorDialog::connectionFinished);
    connect(&m_catalog, &CatalogLoader::started, this,
            [this] { ui->catalogStatusLabel->setText(tr("Reading the archive…")); });
    connect(&m_catalog, &CatalogLoader::loaded, this, &JobEditorDialog::catalogReady);
    connect(ui->chunkSizeSpinBox, &QSpinBox::valueChanged, this, &JobEditorDialog::chunkSizeEdited);
    connect(ui->chunkSizeUnitCombo, &QComboBox::currentIndexChanged, this,
            &JobEditorDialog::chunkSizeEdited);
    connect(ui->removeAfterCheck, &QCheckBox::toggled, ui->removeAfterWarningLabel,
            &QWidget::setVisible);
    connect(ui->tenantList, &QListWidget::itemChanged, this,
            [this] { ui->filterBuilder->setScopeTenants(CheckList::checked(ui->tenantList)); });
    const auto addCategory = [this](QLineEdit *edit, QListWidget *list) {
        if (CheckList::addChecked(list, edit->text()))
            edit->clear();
        validate();
    };
    connect(ui->addAssignCategoryButton, &QPushButton::clicked, this,
            [=] { addCategory(ui->assignCategoryEdit, ui->assignCategoryList); });
    connect(ui->assignCategoryEdit, &QLineEdit::returnPressed, this,
            [=] { addCategory(ui->assignCategoryEdit, ui->assignCategoryList); });
    connect(ui->addUnassignCategoryButton, &QPushButton::clicked, this,
            [=] { addCategory(ui->unassignCategoryEdit, ui->unassignCategoryList); });
    connect(ui->unassignCategoryEdit, &QLineEdit::returnPressed, this,
            [=] { addCategory(ui->unassignCategoryEdit, ui->unassignCategoryList); });

    // Every edit re-checks the job, so Save and the message beside it stay current.
    const QList<QLineEdit *> edits = findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits)
        connect(edit, &QLineEdit::textChanged, this, &JobEditorDialog::validate);
    const QList<QAbstractButton *> buttons = {ui->sslVerifyCheck,   ui->audioCheck,
                                              ui->metadataCheck,    ui->usersCheck,
                                              ui->removeAfterCheck, ui->enabledCheck};
    for (QAbstractButton *button : buttons)
        connect(button, &QAbstractButton::toggled, this, &JobEditorDialog::validate);
    for (QListWidget *list : {ui->tenantList, ui->assignCategoryList, ui->unassignCategoryList})
        connect(list, &QListWidget::itemChanged, this, &JobEditorDialog::validate);
    connect(ui->parallelSpinBox, &QSpinBox::valueChanged, this, &JobEditorDialog::validate);
    connect(ui->modeCombo, &QComboBox::currentIndexChanged, this, &JobEditorDialog::validate);
    connect(ui->filterBuilder, &FilterBuilder::changed, this, &JobEditorDialog::validate);
    connect(ui->scheduleEditor, &ScheduleEditor::changed, this, &JobEditorDialog::validate);

    setJob(Job());
}

JobEditorDialog::~JobEditorDialog() = default;

void JobEditorDialog::setJob(const Job &job) {
    m_job = job;
    m_tokenRef = job.tokenRef;
    setWindowTitle(job.id > 0 ? tr("Edit replication job “%1”").arg(job.name)
                              : tr("New replication job"));
    ui->nameEdit->setText(job.name);
    ui->enabledCheck->setChecked(job.enabled);
    ui->sourceDirEdit->setText(QDir::toNativeSeparators(job.sourceDir));
    CheckList::fill(ui->tenantList, {}, job.tenants);
    ui->targetUrlEdit->setText(job.targetUrl.toString());
    ui->sslVerifyCheck->setChecked(job.sslVerify);
    ui->caFileEdit->setText(QDir::toNativeSeparators(job.caFile));
    ui->tokenEdit->clear();
    ui->parallelSpinBox->setValue(job.parallel);
    setChunkSize(job.chunkSize);
    ui->modeCombo->setCurrentIndex(job.mode == ReplicationMode::Full ? FullRow : IncrementalRow);
    ui->audioCheck->setChecked(job.data.testFlag(DataKind::Audio));
    ui->metadataCheck->setChecked(job.data.testFlag(DataKind::Metadata));
    ui->usersCheck->setChecked(job.data.testFlag(DataKind::Users));
    ui->removeAfterCheck->setChecked(job.removeAfter);
    ui->removeAfterWarningLabel->setVisible(job.removeAfter);
    ui->bandwidthEdit->setText(job.bandwidth > 0 ? formatBandwidth(job.bandwidth) : QString());
    ui->filterBuilder->setFilter(job.filter);
    ui->filterBuilder->setScopeTenants(job.tenants);
    ui->scheduleEditor->setSchedule(job.schedule);
    ui->scheduleEditor->setWindow(job.window);
    CheckList::fill(ui->assignCategoryList, {}, job.assignCategories);
    CheckList::fill(ui->unassignCategoryList, {}, job.unassignCategories);
    ui->connectionResultLabel->clear();
    updateTokenHint();
    m_loadedDir.clear();
    if (!job.sourceDir.isEmpty())
        loadCatalog();
    validate();
}

Job JobEditorDialog::job() const {
    Job job = m_job;
    job.name = ui->nameEdit->text().trimmed();
    job.enabled = ui->enabledCheck->isChecked();
    job.sourceDir = cleanPath(ui->sourceDirEdit->text());
    job.tenants = CheckList::checked(ui->tenantList);
    job.targetUrl = QUrl(ui->targetUrlEdit->text().trimmed(), QUrl::StrictMode);
    job.sslVerify = ui->sslVerifyCheck->isChecked();
    job.caFile = cleanPath(ui->caFileEdit->text());
    job.tokenRef = m_tokenRef;
    job.parallel = ui->parallelSpinBox->value();
    job.chunkSize = m_chunkSize;
    job.mode = ui->modeCombo->currentIndex() == FullRow ? ReplicationMode::Full
                                                        : ReplicationMode::Incremental;
    DataKinds data;
    data.setFlag(DataKind::Audio, ui->audioCheck->isChecked());
    data.setFlag(DataKind::Metadata, ui->metadataCheck->isChecked());
    data.setFlag(DataKind::Users, ui->usersCheck->isChecked());
    job.data = data;
    job.removeAfter = ui->removeAfterCheck->isChecked();
    job.filter = ui->filterBuilder->filter();
    job.schedule = ui->scheduleEditor->schedule();
    job.window = ui->scheduleEditor->window();
    qint64 bandwidth = 0;
    if (parseBandwidth(ui->bandwidthEdit->text(), &bandwidth, nullptr))
        job.bandwidth = bandwidth;
    job.assignCategories = CheckList::checked(ui->assignCategoryList);
    job.unassignCategories = CheckList::checked(ui->unassignCategoryList);
    return job;
}

void JobEditorDialog::setStoredToken(const QByteArray &token) {
    m_storedToken = token;
}

QByteArray JobEditorDialog::enteredToken() const {
    return ui->tokenEdit->text().trimmed().toUtf8();
}

bool JobEditorDialog::saveToken(SecretStore &store, QString *error) const {
    const QByteArray token = enteredToken();
    if (token.isEmpty())
        return true;
    return store.write(m_tokenRef, token, error);
}

QStringList JobEditorDialog::problems() const {
    const Job entered = job();
    QStringList problems = validateJob(entered);

    const QString caFile = entered.caFile;
    if (!caFile.isEmpty() && !QFileInfo(caFile).isFile())
        problems
            << tr("CA certificate file '%1' does not exist").arg(QDir::toNativeSeparators(caFile));

    const QString token = ui->tokenEdit->text().trimmed();
    if (token.isEmpty() && m_job.tokenRef.isEmpty())
        problems << tr("Enter the replication token that the target created for this job");
    for (const QChar c : token) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f) {
            problems << tr("The token contains spaces or other characters a token never has; "
                           "paste it again");
            break;
        }
    }

    QString bandwidthError;
    qint64 bandwidth = 0;
    if (!parseBandwidth(ui->bandwidthEdit->text(), &bandwidth, &bandwidthError))
        problems << tr("Bandwidth limit: %1").arg(bandwidthError);

    const QString filterProblem = ui->filterBuilder->problem();
    if (!filterProblem.isEmpty())
        problems << filterProblem;
    const QString scheduleProblem = ui->scheduleEditor->problem();
    if (!scheduleProblem.isEmpty())
        problems << scheduleProblem;
    return problems;
}

void JobEditorDialog::validate() {
    const QStringList all = problems();
    ui->saveButton->setEnabled(all.isEmpty());
    QString text;
    if (!all.isEmpty()) {
        text = all.first();
        if (all.size() == 2)
            text += tr(" (and 1 more problem)");
        else if (all.size() > 2)
            text += tr(" (and %1 more problems)").arg(all.size() - 1);
    }
    ui->problemLabel->setText(text);
    ui->problemLabel->setToolTip(all.join(u'\n'));
}

void JobEditorDialog::loadCatalog() {
    const QString dir = cleanPath(ui->sourceDirEdit->text());
    if (dir == m_loadedDir)
        return;
    m_loadedDir = dir;
    if (dir.isEmpty()) {
        ui->catalogStatusLabel->clear();
        return;
    }
    m_catalog.load(dir);
}

void JobEditorDialog::catalogReady(const CatalogSnapshot &snapshot) {
    // A folder typed since is still being read; its own answer follows.
    if (snapshot.archiveDir != m_loadedDir)
        return;
    if (!snapshot.ok()) {
        ui->catalogStatusLabel->setText(snapshot.error);
    } else {
        QString status = tr("The archive holds %1 recordings of %2 tenants.")
                             .arg(snapshot.recordings)
                             .arg(snapshot.tenants.size());
        if (snapshot.problems > 0)
            status += u' ' + tr("%1 calls could not be read; the indexer keeps them as problems.")
                                 .arg(snapshot.problems);
        ui->catalogStatusLabel->setText(status);
    }
    {
        const QSignalBlocker tenantBlocker(ui->tenantList);
        CheckList::fill(ui->tenantList, snapshot.tenants, CheckList::checked(ui->tenantList));
        CheckList::fill(ui->assignCategoryList, snapshot.categories,
                        CheckList::checked(ui->assignCategoryList));
        CheckList::fill(ui->unassignCategoryList, snapshot.categories,
                        CheckList::checked(ui->unassignCategoryList));
    }
    ui->filterBuilder->setCatalog(snapshot);
    ui->filterBuilder->setScopeTenants(CheckList::checked(ui->tenantList));
    validate();
    Q_EMIT catalogLoaded();
}

void JobEditorDialog::browseSourceDir() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Recording archive folder"),
                                                          ui->sourceDirEdit->text());
    if (dir.isEmpty())
        return;
    ui->sourceDirEdit->setText(QDir::toNativeSeparators(dir));
    loadCatalog();
}

void JobEditorDialog::browseCaFile() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("CA certificate of the target"), ui->caFileEdit->text(),
        tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        ui->caFileEdit->setText(QDir::toNativeSeparators(file));
}

void JobEditorDialog::tokenEdited() {
    // The reference is made once, so job() and saveToken() agree on it.
    if (m_tokenRef.isEmpty() && !ui->tokenEdit->text().trimmed().isEmpty())
        m_tokenRef = u"token-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    updateTokenHint();
}

void JobEditorDialog::updateTokenHint() {
    QString hint;
    if (!m_job.tokenRef.isEmpty())
        hint = ui->tokenEdit->text().isEmpty()
                   ? tr("A token is stored in the keychain. Type a new one only to replace it.")
                   : tr("The new token replaces the stored one when you save.");
    else
        hint = tr("Paste the token that “replicall-target token create” printed. It is kept in "
                  "the system keychain, never in the job database or exports.");
    ui->tokenHintLabel->setText(hint);
}

void JobEditorDialog::chunkSizeEdited() {
    m_chunkSize = ui->chunkSizeSpinBox->value() *
                  chunkUnits[qBound(0, ui->chunkSizeUnitCombo->currentIndex(), 2)];
    validate();
}

void JobEditorDialog::setChunkSize(qint64 bytes) {
    // The largest unit that shows the size exactly; a size that is not whole
    // KiB is kept as it is until the user changes it.
    int unit = 0;
    for (int i = 0; i < 3; ++i) {
        if (bytes > 0 && bytes % chunkUnits[i] == 0)
            unit = i;
    }
    const QSignalBlocker spinBlocker(ui->chunkSizeSpinBox);
    const QSignalBlocker unitBlocker(ui->chunkSizeUnitCombo);
    ui->chunkSizeUnitCombo->setCurrentIndex(unit);
    ui->chunkSizeSpinBox->setValue(int(qMin<qint64>(bytes / chunkUnits[unit], INT_MAX)));
    m_chunkSize = bytes;
}

void JobEditorDialog::testConnection() {
    const Job entered = job();
    TargetEndpoint::Settings settings;
    settings.url = entered.targetUrl;
    settings.sslVerify = entered.sslVerify;
    settings.caFile = entered.caFile;
    const QByteArray token = enteredToken().isEmpty() ? m_storedToken : enteredToken();
    settings.token = QString::fromUtf8(token);
    if (settings.url.isEmpty() || token.isEmpty()) {
        ConnectionTestResult missing;
        missing.error = TransferError::fatal(
            u"bad-settings"_s, settings.url.isEmpty() ? tr("Enter the target URL first.")
                                                      : tr("Enter the replication token first."));
        ui->connectionResultLabel->setText(ConnectionReport::html(entered, missing));
        Q_EMIT connectionTested();
        return;
    }
    ui->connectionResultLabel->setText(ConnectionReport::busyHtml(settings.url));
    ui->connectionProgress->show();
    ui->testConnectionButton->setEnabled(false);
    m_connection.start(settings);
}

void JobEditorDialog::connectionFinished(const ConnectionTestResult &result) {
    ui->connectionProgress->hide();
    ui->testConnectionButton->setEnabled(true);
    ui->connectionResultLabel->setText(ConnectionReport::html(job(), result));
    Q_EMIT connectionTested();
}

} // namespace Replicall
