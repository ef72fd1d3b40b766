// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NotificationGroup.h"

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSystemTrayIcon>
#include <QTimer>
#include <functional>
#include <memory>

class QAction;
class QMenu;
class QWidget;

namespace Replicall {

class JobListModel;
class RunController;

// The tray icon and everything that keeps replication going without a window:
//  - an icon per state (idle, running, paused, error) and a tooltip with live progress;
//  - a menu: Open, Run all now, Pause all / Resume, Run ▸ <job>, Start in tray,
//    Start at login, Quit (asks first while a job runs);
//  - one grouped balloon for the runs that ended and the recordings that failed;
//  - closing the window hides it while a tray is there (told once), else quits;
//  - a single click toggles the window, a double click only ever shows it;
//  - a desktop without a tray yet is checked again now and then.
class TrayController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Error };

    static constexpr int TrayProbeIntervalMs = 5000;
    static constexpr int NotificationDelayMs = 3000; // gathers what ends together

    TrayController(JobListModel *jobs, RunController *runs, QWidget *window,
                   QObject *parent = nullptr);
    ~TrayController() override;

    // Replaces QSystemTrayIcon::isSystemTrayAvailable, for tests; checks again at once.
    void setTrayProbe(std::function<bool()> probe);
    bool isTrayShown() const { return m_icon != nullptr && m_icon->isVisible(); }

    State state() const { return m_state; }
    QString toolTip() const { return m_toolTip; }
    QMenu *menu() const { return m_menu.get(); }
    static QIcon iconFor(State state);

    QAction *startInTrayAction() const { return m_startInTrayAction; }
    QAction *startAtLoginAction() const { return m_startAtLoginAction; }
    // Whether the application should start with the window hidden: asked
    // (--minimized) or set ("Start in tray"), and only when a tray is there.
    bool shouldStartHidden(bool minimizedRequested) const;

public Q_SLOTS:
    void showWindow();
    void toggleWindow();
    // Asks first while a job runs; stops the runs and quits the application.
    // False when the user chose to stay.
    bool quit();

Q_SIGNALS:
    // A balloon message was shown (or would have been, without a tray).
    void notified(const Replicall::Notification &notification);
    // The runs were stopped and the application is about to quit.
    void quitting();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenu();
    void rebuildRunMenu();
    void probeTray();
    void updateState();
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void flushNotifications();
    void setStartAtLogin(bool enabled);

    JobListModel *m_jobs;
    RunController *m_runs;
    QPointer<QWidget> m_window;
    std::function<bool()> m_trayProbe;
    QSystemTrayIcon *m_icon = nullptr;
    std::unique_ptr<QMenu> m_menu; // a QMenu has no QObject parent of our own
    QMenu *m_runMenu = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_runAllAction = nullptr;
    QAction *m_startInTrayAction = nullptr;
    QAction *m_startAtLoginAction = nullptr;
    QTimer m_probeTimer;
    QTimer m_clickTimer; // a single click waits for a possible second one
    QTimer m_notifyTimer;
    NotificationGroup m_pending;
    QSet<qint64> m_failedJobs; // jobs whose latest run did not succeed
    State m_state = State::Idle;
    QString m_toolTip;
    bool m_quitting = false;
};

} // namespace Replicall
