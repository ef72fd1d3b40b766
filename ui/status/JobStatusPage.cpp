// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobStatusPage.h"

#include "main/RunController.h"
#include "models/DayStatsModel.h"
#include "models/FailureModel.h"
#include "models/Format.h"
#include "models/RunHistoryModel.h"
#include "ui_JobStatusPage.h"

#include <QHeaderView>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {
constexpr int HistoryLength = 100; // runs shown in the history tab
constexpr int DefaultRangeDays = 30;
constexpr int InFlightShown = 8; // ids listed before "and N more"
} // namespace

JobStatusPage::JobStatusPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<::Ui::JobStatusPage>())
    , m_history(new RunHistoryModel(this))
    , m_stats(new DayStatsModel(this))
    , m_failures(new FailureModel(this)) {
    m_ui->setupUi(this);
    m_ui->runHistoryTable->setModel(m_history);
    m_ui->statsTable->setModel(m_stats);
    m_ui->failureTable->setModel(m_failures);
    m_ui->statsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->runHistoryTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->statsSplitter->setStretchFactor(1, 2);
    m_ui->statsSplitter->setSizes({420, 640});

    const QDate today = QDate::currentDate();
    m_ui->fromDateEdit->setDate(today.addDays(-DefaultRangeDays + 1));
    m_ui->toDateEdit->setDate(today);
    connect(m_ui->fromDateEdit, &QDateEdit::dateChanged, this, &JobStatusPage::reload);
    connect(m_ui->toDateEdit, &QDateEdit::dateChanged, this, &JobStatusPage::reload);
    connect(&m_watcher, &QFutureWatcher<Snapshot>::finished, this, &JobStatusPage::onLoaded);

    connect(m_ui->runNowButton, &QPushButton::clicked, this, [this] {
        if (m_job && m_runs)
            m_runs->start(*m_job);
    });
    connect(m_ui->retryFailedButton, &QPushButton::clicked, this, [this] {
        // Failed recordings are not in the ledger, so a new run tries them again.
        if (m_job && m_runs)
            m_runs->start(*m_job);
    });
    connect(m_ui->pauseButton, &QPushButton::clicked, this, [this] {
        if (m_job && m_runs)
            m_runs->pause(m_job->id);
    });
    connect(m_ui->resumeButton, &QPushButton::clicked, this, [this] {
        if (m_job && m_runs)
            m_runs->resume(m_job->id);
    });
    connect(m_ui->exportReportButton, &QPushButton::clicked, this, [this] {
        Q_EMIT exportReportRequested(m_ui->fromDateEdit->date(), m_ui->toDateEdit->date());
    });
    connect(m_ui->stopButton, &QPushButton::clicked, this, [this] {
        if (m_job && m_runs)
            m_runs->stop(m_job->id);
    });
    showJob(std::nullopt);
}

JobStatusPage::~JobStatusPage() {
    m_watcher.waitForFinished();
}

void JobStatusPage::setRunController(RunController *runs) {
    Q_ASSERT(!m_runs);
    m_runs = runs;
    connect(runs, &RunController::progressChanged, this,
            [this](qint64 jobId, const RunProgress &progress) {
                if (jobId == this->jobId())
                    showProgress(progress);
            });
    connect(runs, &RunController::runStarted, this, [this](qint64 jobId) {
        if (jobId != this->jobId())
            return;
        RunProgress starting;
        starting.phase = tr("starting");
        showProgress(starting);
    });
    connect(runs, &RunController::runFinished, this, &JobStatusPage::onRunFinished);
    connect(runs, &RunController::activityChanged, this, &JobStatusPage::updateButtons);
    updateButtons();
}

void JobStatusPage::showJob(const std::optional<Job> &job) {
    const bool sameJob = job && m_job && job->id == m_job->id;
    m_job = job;
    m_ui->jobTitleLabel->setText(job ? job->name : tr("No job selected"));
    m_ui->progressGroup->setEnabled(job.has_value());
    m_ui->statusTabs->setEnabled(job.has_value());
    if (!sameJob) {
        m_history->setRows({});
        m_stats->setRows({});
        m_failures->setRows({});
        m_ui->statsChart->setDays({});
        m_ui->totalsLabel->clear();
        m_ui->failureCountLabel->clear();
        showProgress(m_runs && job ? m_runs->progressOf(job->id) : RunProgress());
    }
    updateButtons();
    reload();
}

void JobStatusPage::setDateRange(const QDate &from, const QDate &to) {
    const QSignalBlocker blockFrom(m_ui->fromDateEdit);
    const QSignalBlocker blockTo(m_ui->toDateEdit);
    m_ui->fromDateEdit->setDate(from);
    m_ui->toDateEdit->setDate(to);
    reload();
}

void JobStatusPage::reload() {
    if (!m_job)
        return;
    if (m_watcher.isRunning()) {
        m_reloadPending = true;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(&JobStatusPage::read, m_job->id,
                                          m_ui->fromDateEdit->date(), m_ui->toDateEdit->date()));
}

JobStatusPage::Snapshot JobStatusPage::read(qint64 jobId, const QDate &from, const QDate &to) {
    Snapshot snapshot;
    snapshot.jobId = jobId;
    QString error;
    const auto runs = RunStore::recent(jobId, HistoryLength, &error);
    const auto days = runs ? StatsStore::days(jobId, from, to, &error) : std::nullopt;
    const auto totals = days ? StatsStore::totals(jobId, from, to, &error) : std::nullopt;
    const auto failures = totals ? FailureStore::list(jobId, &error) : std::nullopt;
    if (!failures) {
        snapshot.error = error;
        return snapshot;
    }
    snapshot.runs = *runs;
    snapshot.days = *days;
    snapshot.totals = *totals;
    snapshot.failures = *failures;
    return snapshot;
}

void JobStatusPage::onLoaded() {
    const Snapshot snapshot = m_watcher.result();
    if (m_reloadPending || snapshot.jobId != jobId()) {
        // The selection or the range changed while reading: read again.
        m_reloadPending = false;
        reload();
        return;
    }
    if (!snapshot.error.isEmpty()) {
        Q_EMIT loadFailed(tr("Cannot read the status of job '%1': %2")
                              .arg(m_job ? m_job->name : QString(), snapshot.error));
        return;
    }
    m_history->setRows(snapshot.runs);
    m_stats->setRows(snapshot.days);
    m_failures->setRows(snapshot.failures);
    m_ui->statsChart->setDays(snapshot.days);
    m_ui->totalsLabel->setText(tr("In all: %1 replicated, %2 skipped, %3 failed, %4 sent")
                                   .arg(snapshot.totals.replicated)
                                   .arg(snapshot.totals.skipped)
                                   .arg(snapshot.totals.failed)
                                   .arg(formatSize(snapshot.totals.bytes)));
    m_ui->failureCountLabel->setText(
        tr("Recordings not replicated: %1").arg(snapshot.failures.size()));
    m_ui->retryFailedButton->setEnabled(!snapshot.failures.isEmpty() && m_runs &&
                                        !m_runs->isRunning(snapshot.jobId));
    Q_EMIT loaded();
}

void JobStatusPage::showProgress(const RunProgress &progress) {
    const bool running = m_runs && m_job && m_runs->isRunning(m_job->id);
    if (!running) {
        const bool paused = m_runs && m_job && m_runs->isPaused(m_job->id);
        m_ui->phaseLabel->setText(paused ? tr("Paused: unfinished uploads resume from where "
                                              "they stopped")
                                         : tr("Not running"));
        m_ui->filesProgressBar->setRange(0, 1);
        m_ui->filesProgressBar->setValue(0);
        m_ui->filesProgressBar->setTextVisible(false);
        m_ui->bytesLabel->setText(tr("—"));
        m_ui->rateLabel->setText(tr("—"));
        m_ui->etaLabel->setText(tr("—"));
        m_ui->inFlightLabel->clear();
        return;
    }
    m_ui->phaseLabel->setText(tr("Running: %1").arg(progress.phase));
    m_ui->filesProgressBar->setTextVisible(true);
    m_ui->filesProgressBar->setRange(0, qMax(progress.filesTotal, 1));
    m_ui->filesProgressBar->setValue(progress.filesDone);
    m_ui->bytesLabel->setText(
        tr("%1 of %2").arg(formatSize(progress.bytesDone), formatSize(progress.bytesTotal)));
    m_ui->rateLabel->setText(Format::rate(progress.bytesPerSecond));
    const qint64 left = progress.bytesTotal - progress.bytesDone;
    const qint64 eta = progress.bytesPerSecond > 1 ? qint64(left / progress.bytesPerSecond) : -1;
    m_ui->etaLabel->setText(tr("%1 left").arg(Format::duration(eta)));
    QStringList shown = progress.inFlight.mid(0, InFlightShown);
    QString inFlight = shown.join(u", "_s);
    if (progress.inFlight.size() > InFlightShown)
        inFlight = tr("%1 and %2 more").arg(inFlight).arg(progress.inFlight.size() - InFlightShown);
    m_ui->inFlightLabel->setText(inFlight.isEmpty() ? QString()
                                                    : tr("Uploading: %1").arg(inFlight));
}

void JobStatusPage::updateButtons() {
    const bool running = m_runs && m_job && m_runs->isRunning(m_job->id);
    const bool paused = m_runs && m_job && m_runs->isPaused(m_job->id);
    m_ui->runNowButton->setEnabled(m_job && !running && !paused);
    m_ui->pauseButton->setEnabled(running);
    m_ui->resumeButton->setEnabled(paused);
    m_ui->stopButton->setEnabled(running || paused);
    m_ui->retryFailedButton->setEnabled(m_job && !running && m_failures->rowCount() > 0);
    if (!running)
        showProgress(RunProgress());
}

void JobStatusPage::onRunFinished(qint64 jobId, const RunSummary &summary) {
    if (jobId != this->jobId())
        return;
    updateButtons();
    if (!summary.ok() && !summary.message.isEmpty())
        m_ui->phaseLabel->setText(
            tr("Last run %1: %2").arg(Format::runStatus(summary.status), summary.message));
    reload();
}

} // namespace Replicall
