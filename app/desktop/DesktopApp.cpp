// SPDX-License-Identifier: GPL-3.0-or-later
#include "DesktopApp.h"

#include "main/MainWindow.h"
#include "main/RunController.h"
#include "models/JobListModel.h"
#include "schedule/Clock.h"
#include "service/JobService.h"
#include "status/JobStatusPage.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "tray/TrayController.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Replicall {

Q_LOGGING_CATEGORY(lcDesktop, "replicall.desktop")

namespace {
constexpr int ScreenshotSettleMs = 800; // lets the chart animate and the layout settle
} // namespace

DesktopApp::DesktopApp(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options) {
    m_options.databasePath = QFileInfo(options.databasePath).absoluteFilePath();
}

DesktopApp::~DesktopApp() {
    // The tray and the window refer to the runs; the runs go last.
    m_tray.reset();
    m_window.reset();
    m_jobs.reset();
    m_runs.reset();
    m_service.reset(); // stops its runs and waits for them to checkpoint
}

bool DesktopApp::start(QString *error) {
    // Once, before any window: creating or migrating the file is quick, and
    // nothing can be shown without it.
    QDir().mkpath(QFileInfo(m_options.databasePath).absolutePath());
    QString openError;
    if (!Database::open(m_options.databasePath, &openError)) {
        *error = tr("Cannot open the job database %1: %2").arg(m_options.databasePath, openError);
        return false;
    }
    RunStore::markInterrupted(&openError);

    m_clock = std::make_unique<SystemClock>();
    m_service = std::make_unique<JobService>(m_options.databasePath, m_clock.get());
    m_runs = std::make_unique<RunController>(m_options.databasePath);
    m_runs->attachService(m_service.get());
    m_jobs = std::make_unique<JobListModel>();
    m_window = std::make_unique<MainWindow>(m_jobs.get(), m_runs.get(), m_options.databasePath);
    m_tray = std::make_unique<TrayController>(m_jobs.get(), m_runs.get(), m_window.get());
    m_window->addSettingsActions({m_tray->startInTrayAction(), m_tray->startAtLoginAction()});
    connect(m_window.get(), &MainWindow::quitRequested, m_tray.get(), &TrayController::quit);
    connect(m_window.get(), &MainWindow::jobsChanged, m_service.get(), &JobService::reload);
    connect(m_service.get(), &JobService::ownershipChanged, this, &DesktopApp::showSchedulingOwner);
    connect(m_tray.get(), &TrayController::quitting, m_service.get(), &JobService::shutdown);

    m_jobs->reload();
    if (m_options.screenshotDir.isEmpty())
        m_service->start(); // screenshots must not start scheduled runs
    showSchedulingOwner();
    if (!m_options.screenshotDir.isEmpty()) {
        takeScreenshots();
        m_window->show();
    } else if (!m_tray->shouldStartHidden(m_options.minimized)) {
        m_window->show();
    }
    return true;
}

void DesktopApp::activate() {
    qCInfo(lcDesktop) << "a second launch asked to show the window";
    m_tray->showWindow();
}

void DesktopApp::showSchedulingOwner() {
    const QString owner = m_service->ownerDescription();
    if (m_service->ownsScheduling())
        m_window->setSchedulingOwner(tr("Scheduled runs: by this application"));
    else if (!owner.isEmpty())
        m_window->setSchedulingOwner(tr("Scheduled runs: by %1").arg(owner));
    else
        m_window->setSchedulingOwner(tr("Scheduled runs: not started"));
}

void DesktopApp::takeScreenshots() {
    m_window->resize(1100, 820);
    // Once the jobs and the first job's status are on screen, grab and quit.
    auto grab = [this] {
        QTimer::singleShot(ScreenshotSettleMs, this, [this] {
            QDir().mkpath(m_options.screenshotDir);
            const QString dir = m_options.screenshotDir;
            m_window->grab().save(dir + u"/main-window.png"_s);
            m_window->statusPage()->grab().save(dir + u"/status-page.png"_s);
            QCoreApplication::quit();
        });
    };
    connect(m_window->statusPage(), &JobStatusPage::loaded, this, grab, Qt::SingleShotConnection);
    // A database without jobs has no status to wait for.
    connect(
        m_jobs.get(), &JobListModel::loaded, this,
        [this, grab] {
            if (m_jobs->rowCount() == 0)
                grab();
        },
        Qt::SingleShotConnection);
}

} // namespace Replicall
