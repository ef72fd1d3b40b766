// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RowTableModel.h"
#include "engine/RunTypes.h"
#include "model/Job.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <optional>

namespace Replicall {

// One job as the job list shows it; read from the database off the UI thread.
struct JobRow {
    Job job;
    std::optional<RunRecord> lastRun;
    QDateTime nextRun;         // UTC; invalid when the job has none (manual, window never opens)
    bool windowClosed = false; // scheduled, but its run window is closed now
};

// What a job is doing now, as the state column says it.
enum class JobState { Idle, WaitingForWindow, Running, Paused, Failed };

// What the run controller knows about a job that is running or paused.
struct JobActivity {
    bool running = false;
    bool paused = false;
    RunProgress progress;
};

// The jobs of the database, one row each. reload() reads them in a pool
// thread and swaps them in on the UI thread; setActivity() overlays the live
// state of running jobs without a reload.
class JobListModel : public RowTableModel<JobRow> {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TargetColumn,
        ModeColumn,
        ScheduleColumn,
        StateColumn,
        LastRunColumn,
        NextRunColumn,
        ColumnCount
    };

    explicit JobListModel(QObject *parent = nullptr);
    ~JobListModel() override;

    // Reads every job again; loaded() or loadFailed() follows. A reload asked
    // for while one is under way runs once that one is done.
    void reload();
    bool isLoading() const { return m_watcher.isRunning(); }

    void setActivity(qint64 jobId, const JobActivity &activity);
    JobState stateOf(int row) const;
    int rowOfJob(qint64 jobId) const; // -1 when absent
    std::optional<Job> jobById(qint64 jobId) const;
    QList<Job> jobs() const;

    // Reads the rows as reload() does; public for tests and other loaders.
    static std::optional<QList<JobRow>> load(const QDateTime &nowUtc, QString *error);

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

protected:
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant cell(const JobRow &row, int column, int role) const override;

private:
    struct LoadResult {
        QList<JobRow> rows;
        QString error;
    };

    void onLoaded();
    JobState stateOf(const JobRow &row) const;
    QString stateText(const JobRow &row) const;
    QString lastRunText(const JobRow &row) const;
    QString nextRunText(const JobRow &row) const;
    int progressPercent(const JobRow &row) const;

    QHash<qint64, JobActivity> m_activity;
    QFutureWatcher<LoadResult> m_watcher;
    bool m_reloadPending = false;
};

} // namespace Replicall
