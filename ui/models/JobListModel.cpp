// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobListModel.h"

#include "Format.h"
#include "schedule/Clock.h"
#include "schedule/NextRun.h"
#include "store/JobStore.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Replicall {

JobListModel::JobListModel(QObject *parent)
    : RowTableModel<JobRow>(parent) {
    connect(&m_watcher, &QFutureWatcher<LoadResult>::finished, this, &JobListModel::onLoaded);
}

JobListModel::~JobListModel() {
    m_watcher.waitForFinished();
}

std::optional<QList<JobRow>> JobListModel::load(const QDateTime &nowUtc, QString *error) {
    const std::optional<QList<Job>> jobs = JobStore::all(error);
    if (!jobs)
        return std::nullopt;
    const QTimeZone zone = SystemClock().zone();
    QList<JobRow> rows;
    rows.reserve(jobs->size());
    for (const Job &job : *jobs) {
        JobRow row;
        row.job = job;
        const std::optional<QList<RunRecord>> runs = RunStore::recent(job.id, 1, error);
        if (!runs)
            return std::nullopt;
        if (!runs->isEmpty())
            row.lastRun = runs->first();

        // A job whose stored schedule or window no longer parses simply has
        // no next run here; the editor names the problem.
        Schedule schedule;
        RunWindow window;
        QString ignored;
        if (job.enabled && Schedule::parse(job.schedule, &schedule, &ignored) &&
            RunWindow::parse(job.window, &window, &ignored)) {
            const QDateTime lastStart = row.lastRun ? row.lastRun->startedAt : QDateTime();
            row.nextRun = nextRun(schedule, window, lastStart, nowUtc, zone);
            row.windowClosed = schedule.kind() != Schedule::Kind::Manual &&
                               !window.contains(nowUtc.toTimeZone(zone));
        }
        rows.append(row);
    }
    return rows;
}

void JobListModel::reload() {
    if (m_watcher.isRunning()) {
        m_reloadPending = true;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run([] {
        LoadResult result;
        if (const auto rows = load(QDateTime::currentDateTimeUtc(), &result.error))
            result.rows = *rows;
        return result;
    }));
}

void JobListModel::onLoaded() {
    const LoadResult result = m_watcher.result();
    if (result.error.isEmpty()) {
        setRows(result.rows);
        Q_EMIT loaded();
    } else {
        Q_EMIT loadFailed(tr("Cannot read the jobs: %1").arg(result.error));
    }
    if (m_reloadPending) {
        m_reloadPending = false;
        reload();
    }
}

void JobListModel::setActivity(qint64 jobId, const JobActivity &activity) {
    if (activity.running || activity.paused)
        m_activity.insert(jobId, activity);
    else
        m_activity.remove(jobId);
    const int row = rowOfJob(jobId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
}

JobState JobListModel::stateOf(int row) const {
    return stateOf(m_rows.at(row));
}

JobState JobListModel::stateOf(const JobRow &jobRow) const {
    const JobActivity activity = m_activity.value(jobRow.job.id);
    if (activity.running)
        return JobState::Running;
    if (activity.paused)
        return JobState::Paused;
    if (jobRow.lastRun && jobRow.lastRun->status == RunStatus::Failed)
        return JobState::Failed;
    if (jobRow.windowClosed)
        return JobState::WaitingForWindow;
    return JobState::Idle;
}

int JobListModel::rowOfJob(qint64 jobId) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).job.id == jobId)
            return row;
    }
    return -1;
}

std::optional<Job> JobListModel::jobById(qint64 jobId) const {
    const int row = rowOfJob(jobId);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row).job;
}

QList<Job> JobListModel::jobs() const {
    QList<Job> result;
    result.reserve(m_rows.size());
    for (const JobRow &row : m_rows)
        result.append(row.job);
    return result;
}

QString JobListModel::header(int column) const {
    switch (Column(column)) {
    case NameColumn:
        return tr("Name");
    case TargetColumn:
        return tr("Target");
    case ModeColumn:
        return tr("Mode");
    case ScheduleColumn:
        return tr("Schedule");
    case StateColumn:
        return tr("State");
    case LastRunColumn:
        return tr("Last run");
    case NextRunColumn:
        return tr("Next run");
    case ColumnCount:
        break;
    }
    return QString();
}

int JobListModel::progressPercent(const JobRow &row) const {
    const auto activity = m_activity.constFind(row.job.id);
    if (activity == m_activity.cend() || !activity->running)
        return -1;
    const RunProgress &progress = activity->progress;
    if (progress.bytesTotal > 0)
        return int(qBound(qint64(0), progress.bytesDone * 100 / progress.bytesTotal, qint64(100)));
    if (progress.filesTotal > 0)
        return qBound(0, progress.filesDone * 100 / progress.filesTotal, 100);
    return 0;
}

QString JobListModel::stateText(const JobRow &row) const {
    switch (stateOf(row)) {
    case JobState::Idle:
        return row.job.enabled ? tr("Idle") : tr("Disabled");
    case JobState::WaitingForWindow:
        return tr("Waiting for window");
    case JobState::Running: {
        const RunProgress &progress = m_activity.value(row.job.id).progress;
        if (progress.filesTotal == 0)
            return tr("Running: %1").arg(progress.phase);
        return tr("Running: %1 of %2").arg(progress.filesDone).arg(progress.filesTotal);
    }
    case JobState::Paused:
        return tr("Paused");
    case JobState::Failed:
        return tr("Failed");
    }
    return QString();
}

QString JobListModel::lastRunText(const JobRow &row) const {
    if (!row.lastRun)
        return tr("never");
    return tr("%1 (%2)").arg(Format::time(row.lastRun->startedAt),
                             Format::runStatus(row.lastRun->status));
}

QString JobListModel::nextRunText(const JobRow &row) const {
    if (!row.job.enabled)
        return tr("disabled");
    if (row.job.schedule == u"continuous"_s)
        return tr("continuous");
    if (!row.nextRun.isValid())
        return row.job.schedule == u"manual"_s ? tr("manual") : tr("—");
    if (row.nextRun <= QDateTime::currentDateTimeUtc())
        return tr("due now");
    return Format::time(row.nextRun);
}

QVariant JobListModel::cell(const JobRow &row, int column, int role) const {
    if (role == JobIdRole)
        return row.job.id;
    if (role == ProgressRole)
        return column == StateColumn ? progressPercent(row) : -1;
    if (role == Qt::ToolTipRole && column == LastRunColumn && row.lastRun &&
        !row.lastRun->message.isEmpty())
        return row.lastRun->message;
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    const bool sorting = role == SortRole;
    switch (Column(column)) {
    case NameColumn:
        return row.job.name;
    case TargetColumn:
        return row.job.targetUrl.toDisplayString();
    case ModeColumn:
        return row.job.mode == ReplicationMode::Full ? tr("full") : tr("incremental");
    case ScheduleColumn:
        return Format::schedule(row.job.schedule);
    case StateColumn:
        return sorting ? QVariant(int(stateOf(row))) : QVariant(stateText(row));
    case LastRunColumn:
        return sorting ? QVariant(row.lastRun ? row.lastRun->startedAt : QDateTime())
                       : QVariant(lastRunText(row));
    case NextRunColumn:
        return sorting ? QVariant(row.nextRun) : QVariant(nextRunText(row));
    case ColumnCount:
        break;
    }
    return QVariant();
}

} // namespace Replicall
