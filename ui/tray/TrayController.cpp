// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrayController.h"

#include "Autostart.h"
#include "main/BringToFront.h"
#include "main/RunController.h"
#include "models/Format.h"
#include "models/JobListModel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QWidget>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE must be called outside any namespace.
static void initTrayResources() {
    Q_INIT_RESOURCE(replicall);
}

namespace Replicall {

namespace {
const QString StartInTrayKey = u"tray/startInTray"_s;
const QString CloseNoticeKey = u"tray/closeNoticeShown"_s;
constexpr int QuitTimeoutMs = 15'000; // in-flight uploads stop; they resume next time
} // namespace

TrayController::TrayController(JobListModel *jobs, RunController *runs, QWidget *window,
                               QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_runs(runs)
    , m_window(window)
    , m_trayProbe(&QSystemTrayIcon::isSystemTrayAvailable)
    , m_menu(std::make_unique<QMenu>()) {
    initTrayResources();
    m_menu->setObjectName(u"trayMenu"_s);
    buildMenu();

    m_clickTimer.setSingleShot(true);
    m_clickTimer.setInterval(QApplication::doubleClickInterval());
    connect(&m_clickTimer, &QTimer::timeout, this, &TrayController::toggleWindow);
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(NotificationDelayMs);
    connect(&m_notifyTimer, &QTimer::timeout, this, &TrayController::flushNotifications);
    m_probeTimer.setInterval(TrayProbeIntervalMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &TrayController::probeTray);

    connect(runs, &RunController::activityChanged, this, &TrayController::updateState);
    connect(runs, &RunController::progressChanged, this, &TrayController::updateState);
    connect(runs, &RunController::runFinished, this,
            [this](qint64 jobId, const RunSummary &summary) {
                if (summary.ok() || summary.status == u"stopped"_s)
                    m_failedJobs.remove(jobId);
                else
                    m_failedJobs.insert(jobId);
                // A paused run also ends "stopped"; that is no news.
                if (summary.status != u"stopped"_s) {
                    m_pending.addFinished(summary);
                    m_notifyTimer.start();
                }
                updateState();
            });
    connect(runs, &RunController::recordingFailed, this,
            [this](qint64, const QString &jobName, const RecordingFailure &failure) {
                m_pending.addFailure(jobName, failure);
                if (!m_notifyTimer.isActive())
                    m_notifyTimer.start();
            });
    connect(jobs, &JobListModel::loaded, this, &TrayController::rebuildRunMenu);

    if (window)
        window->installEventFilter(this);
    // Quitting is ours to decide; hiding the last window must not end the runs.
    qApp->setQuitOnLastWindowClosed(false);
    probeTray();
    updateState();
}

TrayController::~TrayController() = default;

void TrayController::buildMenu() {
    QAction *open = m_menu->addAction(tr("&Open Replicall"), this, &TrayController::showWindow);
    open->setObjectName(u"trayOpenAction"_s);
    m_runAllAction = m_menu->addAction(tr("&Run all now"), this, [this] {
        m_runs->resumeAll();
        m_runs->startAll(m_jobs->jobs());
    });
    m_runAllAction->setObjectName(u"trayRunAllAction"_s);
    m_pauseAction = m_menu->addAction(tr("&Pause all"), this, [this] {
        if (m_runs->hasRunning())
            m_runs->pauseAll();
        else
            m_runs->resumeAll();
    });
    m_pauseAction->setObjectName(u"trayPauseAction"_s);
    m_runMenu = m_menu->addMenu(tr("Ru&n"));
    m_runMenu->setObjectName(u"trayRunMenu"_s);
    m_menu->addSeparator();

    m_startInTrayAction = m_menu->addAction(tr("Start in &tray"));
    m_startInTrayAction->setObjectName(u"startInTrayAction"_s);
    m_startInTrayAction->setCheckable(true);
    m_startInTrayAction->setChecked(QSettings().value(StartInTrayKey, false).toBool());
    connect(m_startInTrayAction, &QAction::toggled, this,
            [](bool checked) { QSettings().setValue(StartInTrayKey, checked); });

    m_startAtLoginAction = m_menu->addAction(tr("Start at &login"));
    m_startAtLoginAction->setObjectName(u"startAtLoginAction"_s);
    m_startAtLoginAction->setCheckable(true);
    m_startAtLoginAction->setChecked(Autostart::isEnabled());
    connect(m_startAtLoginAction, &QAction::toggled, this, &TrayController::setStartAtLogin);

    m_menu->addSeparator();
    QAction *quitAction = m_menu->addAction(tr("&Quit"), this, &TrayController::quit);
    quitAction->setObjectName(u"trayQuitAction"_s);
    rebuildRunMenu();
}

void TrayController::rebuildRunMenu() {
    m_runMenu->clear();
    const QList<Job> jobs = m_jobs->jobs();
    for (const Job &job : jobs) {
        QAction *action = m_runMenu->addAction(job.name, this, [this, id = job.id] {
            if (const std::optional<Job> current = m_jobs->jobById(id))
                m_runs->start(*current);
        });
        action->setData(job.id);
        action->setEnabled(!m_runs->isRunning(job.id));
    }
    m_runMenu->setEnabled(!jobs.isEmpty());
}

void TrayController::setTrayProbe(std::function<bool()> probe) {
    m_trayProbe = std::move(probe);
    probeTray();
}

void TrayController::probeTray() {
    if (m_icon || !m_trayProbe()) {
        // No tray yet (a desktop still starting, or none at all): try again later.
        if (!m_icon && !m_probeTimer.isActive())
            m_probeTimer.start();
        return;
    }
    m_probeTimer.stop();
    m_icon = new QSystemTrayIcon(iconFor(m_state), this);
    m_icon->setContextMenu(m_menu.get());
    m_icon->setToolTip(m_toolTip);
    connect(m_icon, &QSystemTrayIcon::activated, this, &TrayController::onActivated);
    m_icon->show();
}

QIcon TrayController::iconFor(State state) {
    initTrayResources();
    switch (state) {
    case State::Idle:
        return QIcon(u":/icons/tray-idle.svg"_s);
    case State::Running:
        return QIcon(u":/icons/tray-running.svg"_s);
    case State::Paused:
        return QIcon(u":/icons/tray-paused.svg"_s);
    case State::Error:
        return QIcon(u":/icons/tray-error.svg"_s);
    }
    return QIcon();
}

void TrayController::updateState() {
    const QList<qint64> running = m_runs->runningJobs();
    m_state = !running.isEmpty()        ? State::Running
              : m_runs->hasPaused()     ? State::Paused
              : !m_failedJobs.isEmpty() ? State::Error
                                        : State::Idle;

    QStringList lines{tr("Replicall")};
    for (const qint64 jobId : running) {
        const RunProgress progress = m_runs->progressOf(jobId);
        QString name = m_runs->jobName(jobId); // empty for the service's runs
        if (name.isEmpty())
            name = m_jobs->jobById(jobId).value_or(Job()).name;
        if (progress.filesTotal > 0)
            lines.append(tr("%1: %2 of %3 files, %4")
                             .arg(name)
                             .arg(progress.filesDone)
                             .arg(progress.filesTotal)
                             .arg(Format::rate(progress.bytesPerSecond)));
        else
            lines.append(tr("%1: %2").arg(name, progress.phase));
    }
    if (running.isEmpty()) {
        switch (m_state) {
        case State::Paused:
            lines.append(tr("Paused"));
            break;
        case State::Error:
            lines.append(tr("Jobs whose last run failed: %1").arg(m_failedJobs.size()));
            break;
        default:
            lines.append(tr("Idle"));
            break;
        }
    }
    m_toolTip = lines.join(u'\n');

    m_pauseAction->setText(!running.isEmpty() || !m_runs->hasPaused() ? tr("&Pause all")
                                                                      : tr("&Resume"));
    m_pauseAction->setEnabled(!running.isEmpty() || m_runs->hasPaused());
    const QList<QAction *> runActions = m_runMenu->actions();
    for (QAction *action : runActions)
        action->setEnabled(!m_runs->isRunning(action->data().toLongLong()));
    if (m_icon) {
        m_icon->setIcon(iconFor(m_state));
        m_icon->setToolTip(m_toolTip);
    }
}

void TrayController::onActivated(QSystemTrayIcon::ActivationReason reason) {
    switch (reason) {
    case QSystemTrayIcon::Trigger:
        m_clickTimer.start();
        break;
    case QSystemTrayIcon::DoubleClick:
        // The first click of the pair only started the timer: nothing toggles.
        m_clickTimer.stop();
        showWindow();
        break;
    default:
        break;
    }
}

void TrayController::showWindow() {
    if (m_window)
        bringToFront(m_window);
}

void TrayController::toggleWindow() {
    if (!m_window)
        return;
    if (m_window->isVisible() && !m_window->isMinimized())
        m_window->hide();
    else
        showWindow();
}

bool TrayController::shouldStartHidden(bool minimizedRequested) const {
    return isTrayShown() && (minimizedRequested || m_startInTrayAction->isChecked());
}

bool TrayController::quit() {
    if (m_quitting)
        return true;
    if (m_runs->hasRunning()) {
        QMessageBox ask(
            QMessageBox::Question, tr("Quit Replicall"),
            tr("Replication is running (jobs: %1). Quit anyway?").arg(m_runs->runningJobs().size()),
            QMessageBox::Yes | QMessageBox::Cancel, m_window);
        ask.setObjectName(u"quitConfirmation"_s);
        ask.setInformativeText(
            tr("The runs stop now; unfinished uploads resume from where they stopped on the "
               "next run."));
        ask.setDefaultButton(QMessageBox::Cancel);
        if (ask.exec() != QMessageBox::Yes)
            return false;
    }
    m_quitting = true;
    m_runs->shutdown(QuitTimeoutMs);
    if (m_icon)
        m_icon->hide();
    Q_EMIT quitting();
    QCoreApplication::quit();
    return true;
}

bool TrayController::eventFilter(QObject *watched, QEvent *event) {
    if (watched != m_window || event->type() != QEvent::Close || m_quitting)
        return QObject::eventFilter(watched, event);
    if (isTrayShown()) {
        event->ignore();
        m_window->hide();
        QSettings settings;
        if (!settings.value(CloseNoticeKey, false).toBool()) {
            settings.setValue(CloseNoticeKey, true);
            const Notification notice{tr("Replicall keeps running"),
                                      tr("Replication goes on in the tray. Use Quit in the tray "
                                         "menu to end it."),
                                      false};
            m_icon->showMessage(notice.title, notice.body, QSystemTrayIcon::Information);
            Q_EMIT notified(notice);
        }
        return true;
    }
    // Without a tray the window is the application: closing it quits.
    if (!quit())
        event->ignore();
    return true;
}

void TrayController::flushNotifications() {
    if (m_pending.isEmpty())
        return;
    const Notification note = m_pending.take();
    if (m_icon)
        m_icon->showMessage(note.title, note.body,
                            note.error ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    Q_EMIT notified(note);
}

void TrayController::setStartAtLogin(bool enabled) {
    QString error;
    if (Autostart::setEnabled(enabled, QCoreApplication::applicationFilePath(), &error))
        return;
    const QSignalBlocker block(m_startAtLoginAction);
    m_startAtLoginAction->setChecked(Autostart::isEnabled());
    QMessageBox::warning(m_window, tr("Start at login"),
                         tr("Cannot change starting at login: %1").arg(error));
}

} // namespace Replicall
