// SPDX-License-Identifier: GPL-3.0-or-later
#include "DaemonCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "StopSignals.h"
#include "schedule/Clock.h"
#include "service/JobService.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

Q_LOGGING_CATEGORY(lcDaemon, "replicall.daemon")

bool secondsOption(const QCommandLineParser &parser, const QString &name, int *seconds,
                   QString *error) {
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > 86'400) {
        *error = u"--%1: '%2' is not a number of seconds from 1 to 86400"_s.arg(name,
                                                                                parser.value(name));
        return false;
    }
    *seconds = value;
    return true;
}

} // namespace

int DaemonCommand::run(CliContext &context) {
    QCommandLineParser parser;
    parser.addOption({u"takeover-interval"_s,
                      u"While another process schedules the jobs, try to take over every "
                      u"SECONDS (default 10)."_s,
                      u"SECONDS"_s});
    parser.addOption({u"reload-interval"_s,
                      u"Re-read the jobs every SECONDS to pick up edits (default 60)."_s,
                      u"SECONDS"_s});
    if (const auto exit = context.parse(
            parser, u"daemon"_s,
            u"Run the enabled jobs by their schedules until stopped (SIGTERM or SIGINT)."_s))
        return *exit;
    if (!parser.positionalArguments().isEmpty()) {
        Console::err(u"replicall-cli daemon: takes no arguments, got '%1'"_s.arg(
            parser.positionalArguments().join(u' ')));
        return 2;
    }
    int takeoverSeconds = 10;
    int reloadSeconds = 60;
    QString error;
    if (!secondsOption(parser, u"takeover-interval"_s, &takeoverSeconds, &error) ||
        !secondsOption(parser, u"reload-interval"_s, &reloadSeconds, &error)) {
        Console::err(u"replicall-cli daemon: "_s + error);
        return 2;
    }
    if (!context.openDatabase())
        return 1;
    // A service's log goes to the journal: one line each, with the category.
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} %{category}: %{message}"_s);

    const SystemClock clock;
    JobService service(context.databasePath(), &clock);
    service.setOwnershipRetryInterval(std::chrono::seconds(takeoverSeconds));
    service.setReloadInterval(std::chrono::seconds(reloadSeconds));
    QObject::connect(&service, &JobService::jobsLoaded, &service,
                     [](int scheduled) { qCDebug(lcDaemon) << scheduled << "job(s) scheduled"; });
    QObject::connect(&service, &JobService::stopped, &service, [] {
        qCInfo(lcDaemon).noquote() << u"stopped"_s;
        QCoreApplication::exit(0);
    });

    StopSignals stopSignals;
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &service, [&service] {
        qCInfo(lcDaemon).noquote() << u"stopping: waiting for runs to checkpoint"_s;
        service.shutdown();
    });

    qCInfo(lcDaemon).noquote() << u"replicall-cli daemon %1 started (pid %2, database %3)"_s.arg(
        QCoreApplication::applicationVersion(), QString::number(QCoreApplication::applicationPid()),
        context.databasePath());
    service.start();
    return QCoreApplication::exec();
}

} // namespace Replicall
