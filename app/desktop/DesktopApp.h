// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <memory>

namespace Replicall {

class JobListModel;
class JobService;
class MainWindow;
class SystemClock;
class RunController;
class TrayController;

// Wires the desktop application together: the database, the run controller,
// the job list, the main window and the tray.
class DesktopApp : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString databasePath;
        bool minimized = false; // start in the tray
        QString screenshotDir;  // hidden: save screenshots there and quit
    };

    explicit DesktopApp(const Options &options, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Opens the database and shows the window (or the tray). False with a
    // message naming the database when it cannot be opened.
    bool start(QString *error);
    // Shows and raises the window (a second launch asked for it).
    void activate();

private:
    void takeScreenshots();
    void showSchedulingOwner();

    Options m_options;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<JobService> m_service; // scheduled and continuous runs
    std::unique_ptr<RunController> m_runs; // runs started by hand
    std::unique_ptr<JobListModel> m_jobs;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayController> m_tray;
};

} // namespace Replicall
