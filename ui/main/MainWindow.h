// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace Replicall {

class JobFilterProxyModel;
class JobListModel;
class ExportReportDialog;
class JobStatusPage;
class RunController;

// The job list with its actions (toolbar, menus, context menu, shortcuts)
// above the status page of the selected job. It only shows and asks: runs
// belong to the RunController, the tray to the TrayController, and every
// database access happens in a pool thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(JobListModel *jobs, RunController *runs, const QString &databasePath,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    JobStatusPage *statusPage() const;
    // The job of the selected row, if any.
    std::optional<Job> selectedJob() const;
    bool selectJob(qint64 jobId);
    // Adds actions (e.g. the tray's "Start in tray") to the Settings menu.
    void addSettingsActions(const QList<QAction *> &actions);
    // Shows who schedules the jobs of this database (this app, or the service).
    void setSchedulingOwner(const QString &description);
    // Opens "Export report…" for the job (nullopt: every job); an invalid
    // range means the dialog's default, the last 30 days.
    void showExportReport(const std::optional<Job> &job, const QDate &from = QDate(),
                          const QDate &to = QDate());

Q_SIGNALS:
    // File > Quit: the application decides (it may ask first).
    void quitRequested();
    // A job was deleted, duplicated, enabled or disabled.
    void jobsChanged();

private:
    void setUpActions();
    void updateActions();
    void onSelectionChanged();
    void onJobsLoaded();
    void onActivityChanged();
    void editJob(const std::optional<Job> &job);
    void deleteSelected();
    void duplicateSelected();
    void setSelectedEnabled(bool enabled);
    // Runs a job action in a pool thread; shows its error message, reloads the list.
    void runInBackground(std::function<QString()> action);
    void showAbout();

    std::unique_ptr<::Ui::MainWindow> m_ui;
    JobListModel *m_jobs;
    RunController *m_runs;
    QString m_databasePath;
    JobFilterProxyModel *m_proxy;
    qint64 m_selectedJobId = 0;
    QTimer m_refreshTimer; // next-run times move on with the clock
    QFutureWatcher<QString> m_action;
    QLabel *m_schedulingOwner;
    QPointer<ExportReportDialog> m_exportDialog;
};

} // namespace Replicall
