// SPDX-License-Identifier: GPL-3.0-or-later
// replicall: the desktop application. Wiring lives in DesktopApp.
#include "DesktopApp.h"
#include "SingleInstance.h"
#include "Translations.h"
#include "engine/Paths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

using namespace Qt::StringLiterals;
using namespace Replicall;

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"replicall"_s);
    QApplication::setApplicationDisplayName(u"Replicall"_s);
    QApplication::setOrganizationName(u"Replicall"_s);
    QApplication::setApplicationVersion(QStringLiteral(REPLICALL_VERSION));
    QApplication::setDesktopFileName(u"replicall"_s);
    Translations::install(); // before the first text, the command line's help included

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Replicates call recordings to another server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        u"db"_s,
        QApplication::translate("main", "The job database (default: $REPLICALL_DB, or "
                                        "~/.local/share/replicall/replicall.sqlite)."),
        u"PATH"_s, Paths::defaultDatabasePath());
    const QCommandLineOption minimizedOption(
        u"minimized"_s, QApplication::translate("main", "Start in the tray, without a window."));
    QCommandLineOption screenshotOption(
        u"screenshot"_s,
        QApplication::translate("main", "Save screenshots to DIR and quit (for the docs)."),
        u"DIR"_s);
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dbOption, minimizedOption, screenshotOption});
    parser.process(app); // --help, --version and bad options end here

    DesktopApp::Options options;
    options.databasePath = parser.value(dbOption);
    options.minimized = parser.isSet(minimizedOption);
    options.screenshotDir = parser.value(screenshotOption);

    SingleInstance instance;
    QString error;
    if (options.screenshotDir.isEmpty() && !instance.claim(&error))
        return 0; // the running instance shows its window
    if (!error.isEmpty())
        qWarning("replicall: %s", qPrintable(error));

    DesktopApp desktop(options);
    QObject::connect(&instance, &SingleInstance::activationRequested, &desktop,
                     &DesktopApp::activate);
    if (!desktop.start(&error)) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Replicall"), error);
        return 1;
    }
    return app.exec();
}
