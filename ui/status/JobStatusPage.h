// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/RunTypes.h"
#include "model/Job.h"
#include "store/FailureStore.h"
#include "store/RunStore.h"
#include "store/StatsStore.h"

#include <QDate>
#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <optional>

namespace Ui {
class JobStatusPage;
}

namespace Replicall {

class DayStatsModel;
class FailureModel;
class RunController;
class RunHistoryModel;

// The selected job: the live progress of its run (files and bytes done,
// rate, ETA, the recordings in flight) with pause/resume/stop, its per-day
// statistics as a table and a chart over a date range, its run history and
// its failed recordings. Data is read in a pool thread; the page refreshes
// when a run of its job ends.
class JobStatusPage : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusPage(QWidget *parent = nullptr);
    ~JobStatusPage() override;

    // Must be called once before use (the page is created from a .ui file).
    void setRunController(RunController *runs);

    // Shows the job (nullopt: nothing selected) and reads its data.
    void showJob(const std::optional<Job> &job);
    qint64 jobId() const { return m_job ? m_job->id : 0; }
    void setDateRange(const QDate &from, const QDate &to);
    // Reads the shown job's history, statistics and failures again.
    void reload();
    bool isLoading() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    // The data of the shown job was read and is on screen.
    void loaded();
    // "Export report…" was clicked; the range is the one the page shows.
    void exportReportRequested(const QDate &from, const QDate &to);
    void loadFailed(const QString &message);

private:
    struct Snapshot {
        qint64 jobId = 0;
        QList<RunRecord> runs;
        QList<DayStats> days;
        DayStats totals;
        QList<FailureRecord> failures;
        QString error;
    };
    static Snapshot read(qint64 jobId, const QDate &from, const QDate &to);

    void onLoaded();
    void showProgress(const RunProgress &progress);
    void updateButtons();
    void onRunFinished(qint64 jobId, const RunSummary &summary);

    std::unique_ptr<::Ui::JobStatusPage> m_ui;
    RunController *m_runs = nullptr;
    std::optional<Job> m_job;
    RunHistoryModel *m_history;
    DayStatsModel *m_stats;
    FailureModel *m_failures;
    QFutureWatcher<Snapshot> m_watcher;
    bool m_reloadPending = false;
};

} // namespace Replicall
