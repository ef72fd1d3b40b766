// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "BringToFront.h"
#include "JobActions.h"
#include "JobEditorLauncher.h"
#include "RunController.h"
#include "models/Format.h"
#include "models/JobFilterProxyModel.h"
#include "models/JobListModel.h"
#include "models/ProgressDelegate.h"
#include "report/ExportReportDialog.h"
#include "status/JobStatusPage.h"
#include "ui_MainWindow.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {
constexpr int RefreshIntervalMs = 60'000;
constexpr int StatusMessageMs = 8'000;
} // namespace

MainWindow::MainWindow(JobListModel *jobs, RunController *runs, const QString &databasePath,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<::Ui::MainWindow>())
    , m_jobs(jobs)
    , m_runs(runs)
    , m_databasePath(databasePath)
    , m_proxy(new JobFilterProxyModel(this))
    , m_schedulingOwner(new QLabel(this)) {
    m_ui->setupUi(this);
    m_schedulingOwner->setObjectName(u"schedulingOwnerLabel"_s);
    statusBar()->addPermanentWidget(m_schedulingOwner);
    setWindowIcon(QIcon(u":/icons/replicall.svg"_s));
    m_proxy->setSourceModel(jobs);
    m_ui->jobTable->setModel(m_proxy);
    m_ui->jobTable->setItemDelegateForColumn(JobListModel::StateColumn, new ProgressDelegate(this));
    m_ui->jobTable->sortByColumn(JobListModel::NameColumn, Qt::AscendingOrder);
    m_ui->jobTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_ui->jobTable->horizontalHeader()->setDefaultSectionSize(130);
    m_ui->jobTable->setColumnWidth(JobListModel::StateColumn, 180);
    m_ui->mainSplitter->setStretchFactor(0, 1);
    m_ui->mainSplitter->setStretchFactor(1, 2);
    m_ui->statusPage->setRunController(runs);

    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->jobTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    // Enter and double click edit, as in a file manager.
    connect(m_ui->jobTable, &QTableView::activated, this, [this] { editJob(selectedJob()); });
    connect(jobs, &JobListModel::loaded, this, &MainWindow::onJobsLoaded);
    connect(jobs, &JobListModel::loadFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
    connect(
        m_ui->statusPage, &JobStatusPage::exportReportRequested, this,
        [this](const QDate &from, const QDate &to) { showExportReport(selectedJob(), from, to); });
    connect(m_ui->statusPage, &JobStatusPage::loadFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    connect(runs, &RunController::activityChanged, this, &MainWindow::onActivityChanged);
    connect(runs, &RunController::progressChanged, this,
            [this](qint64 jobId, const RunProgress &progress) {
                m_jobs->setActivity(jobId, JobActivity{true, false, progress});
            });
    connect(runs, &RunController::runFinished, this, [this](qint64, const RunSummary &summary) {
        statusBar()->showMessage(tr("Job '%1' %2: %3 uploaded, %4 skipped, %5 failed")
                                     .arg(summary.jobName, Format::runStatus(summary.status))
                                     .arg(summary.uploaded)
                                     .arg(summary.skipped)
                                     .arg(summary.failed),
                                 StatusMessageMs);
        m_jobs->reload();
    });
    connect(&m_action, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_action.result();
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Replicall"), error);
        m_jobs->reload();
        Q_EMIT jobsChanged();
    });

    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, m_jobs, &JobListModel::reload);
    m_refreshTimer.start();

    setUpActions();
    updateActions();
}

MainWindow::~MainWindow() {
    m_action.waitForFinished();
}

JobStatusPage *MainWindow::statusPage() const {
    return m_ui->statusPage;
}

void MainWindow::setUpActions() {
    connect(m_ui->newJobAction, &QAction::triggered, this, [this] { editJob(std::nullopt); });
    connect(m_ui->editJobAction, &QAction::triggered, this, [this] {
        if (const auto job = selectedJob())
            editJob(job);
    });
    connect(m_ui->duplicateJobAction, &QAction::triggered, this, &MainWindow::duplicateSelected);
    connect(m_ui->deleteJobAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_ui->runNowAction, &QAction::triggered, this, [this] {
        if (const auto job = selectedJob())
            m_runs->start(*job);
    });
    connect(m_ui->pauseAction, &QAction::triggered, this,
            [this] { m_runs->pause(m_selectedJobId); });
    connect(m_ui->resumeAction, &QAction::triggered, this,
            [this] { m_runs->resume(m_selectedJobId); });
    connect(m_ui->stopAction, &QAction::triggered, this, [this] { m_runs->stop(m_selectedJobId); });
    connect(m_ui->toggleEnabledAction, &QAction::triggered, this, &MainWindow::setSelectedEnabled);
    connect(m_ui->runAllAction, &QAction::triggered, this, [this] {
        m_runs->resumeAll();
        m_runs->startAll(m_jobs->jobs());
    });
    connect(m_ui->pauseAllAction, &QAction::triggered, m_runs, &RunController::pauseAll);
    connect(m_ui->exportReportAction, &QAction::triggered, this,
            [this] { showExportReport(selectedJob()); });
    connect(m_ui->quitAction, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_ui->refreshAction, &QAction::triggered, this, [this] {
        m_jobs->reload();
        m_ui->statusPage->reload();
    });
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    // The context menu of the job table offers what concerns one job.
    m_ui->jobTable->addActions({m_ui->editJobAction, m_ui->duplicateJobAction,
                                m_ui->deleteJobAction, m_ui->runNowAction, m_ui->pauseAction,
                                m_ui->resumeAction, m_ui->stopAction, m_ui->toggleEnabledAction});
}

void MainWindow::updateActions() {
    const std::optional<Job> job = selectedJob();
    const bool running = job && m_runs->isRunning(job->id);
    const bool paused = job && m_runs->isPaused(job->id);
    m_ui->editJobAction->setEnabled(job.has_value());
    m_ui->duplicateJobAction->setEnabled(job.has_value());
    m_ui->deleteJobAction->setEnabled(job && !running);
    m_ui->runNowAction->setEnabled(job && !running && !paused);
    m_ui->pauseAction->setEnabled(running);
    m_ui->resumeAction->setEnabled(paused);
    m_ui->stopAction->setEnabled(running || paused);
    m_ui->toggleEnabledAction->setEnabled(job.has_value());
    m_ui->toggleEnabledAction->setChecked(job && job->enabled);
    m_ui->pauseAllAction->setEnabled(m_runs->hasRunning());
    m_ui->runAllAction->setEnabled(m_jobs->rowCount() > 0);
}

std::optional<Job> MainWindow::selectedJob() const {
    return m_selectedJobId > 0 ? m_jobs->jobById(m_selectedJobId) : std::nullopt;
}

bool MainWindow::selectJob(qint64 jobId) {
    const int sourceRow = m_jobs->rowOfJob(jobId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_jobs->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_ui->jobTable->setCurrentIndex(index);
    m_ui->jobTable->selectRow(index.row());
    return true;
}

void MainWindow::onSelectionChanged() {
    const QModelIndexList rows = m_ui->jobTable->selectionModel()->selectedRows();
    m_selectedJobId = rows.isEmpty() ? 0 : rows.first().data(JobIdRole).toLongLong();
    m_ui->statusPage->showJob(selectedJob());
    updateActions();
}

void MainWindow::onJobsLoaded() {
    // A reload resets the model; keep the selection on the same job.
    const qint64 previous = m_selectedJobId;
    if (previous > 0 && !selectJob(previous)) {
        m_selectedJobId = 0;
        m_ui->statusPage->showJob(std::nullopt);
    }
    if (m_selectedJobId == 0 && m_jobs->rowCount() > 0)
        selectJob(m_proxy->index(0, 0).data(JobIdRole).toLongLong());
    onActivityChanged();
}

void MainWindow::onActivityChanged() {
    for (const Job &job : m_jobs->jobs()) {
        JobActivity activity;
        activity.running = m_runs->isRunning(job.id);
        activity.paused = m_runs->isPaused(job.id);
        activity.progress = m_runs->progressOf(job.id);
        m_jobs->setActivity(job.id, activity);
    }
    updateActions();
}

void MainWindow::editJob(const std::optional<Job> &job) {
    const std::optional<EditedJob> edited = JobEditorLauncher::edit(this, job, m_databasePath);
    if (!edited)
        return;
    const QString databasePath = m_databasePath;
    runInBackground(
        [edited = *edited, databasePath] { return JobEditorLauncher::save(edited, databasePath); });
}

void MainWindow::deleteSelected() {
    const std::optional<Job> job = selectedJob();
    if (!job || m_runs->isRunning(job->id))
        return;
    QMessageBox confirm(QMessageBox::Question, tr("Delete job"),
                        tr("Delete job '%1'?").arg(job->name),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(u"deleteConfirmation"_s);
    confirm.setInformativeText(
        tr("Its run history, statistics and ledger are deleted too; the recordings already "
           "at the target stay there."));
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes)
        return;
    m_runs->stop(job->id); // forgets a paused run
    const QString databasePath = m_databasePath;
    runInBackground([job = *job, databasePath] { return JobActions::remove(job, databasePath); });
}

void MainWindow::duplicateSelected() {
    const std::optional<Job> job = selectedJob();
    if (!job)
        return;
    const QString databasePath = m_databasePath;
    runInBackground(
        [job = *job, databasePath] { return JobActions::duplicate(job, databasePath); });
}

void MainWindow::setSelectedEnabled(bool enabled) {
    const std::optional<Job> job = selectedJob();
    if (!job)
        return;
    runInBackground([job = *job, enabled] { return JobActions::setEnabled(job, enabled); });
}

void MainWindow::runInBackground(std::function<QString()> action) {
    if (m_action.isRunning()) {
        statusBar()->showMessage(tr("Still busy with the previous change; try again."),
                                 StatusMessageMs);
        return;
    }
    m_action.setFuture(QtConcurrent::run(std::move(action)));
}

void MainWindow::addSettingsActions(const QList<QAction *> &actions) {
    m_ui->settingsMenu->addActions(actions);
}

void MainWindow::setSchedulingOwner(const QString &description) {
    m_schedulingOwner->setText(description);
}

void MainWindow::showExportReport(const std::optional<Job> &job, const QDate &from,
                                  const QDate &to) {
    if (m_exportDialog) {
        bringToFront(m_exportDialog);
        return;
    }
    m_exportDialog = new ExportReportDialog(m_jobs->jobs(), job, this);
    m_exportDialog->setObjectName(u"exportReportDialog"_s);
    m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
    if (from.isValid() && to.isValid())
        m_exportDialog->setDateRange(from, to);
    connect(m_exportDialog, &ExportReportDialog::exported, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)),
                                 StatusMessageMs);
    });
    m_exportDialog->open();
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Replicall"),
        tr("<p><b>Replicall %1</b></p><p>Replicates call recordings — audio, "
           "metadata and the users configuration — from a recorder's archive "
           "to a replicall-target server.</p><p>Database: %2</p>")
            .arg(QCoreApplication::applicationVersion(), m_databasePath.toHtmlEscaped()));
}

} // namespace Replicall
