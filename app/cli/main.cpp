// SPDX-License-Identifier: GPL-3.0-or-later
// replicall-cli: the replication engine without a window.
#include "CliContext.h"
#include "Console.h"
#include "DaemonCommand.h"
#include "DemoCommand.h"
#include "JobCommands.h"
#include "ReportCommand.h"
#include "RunCommand.h"
#include "StatusCommand.h"

#include <QCoreApplication>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;
using namespace Replicall;

namespace {

const char Usage[] = R"(Usage: replicall-cli [--db PATH] COMMAND [ARGS...]

Replicates call recordings to a replicall-target server.

Commands:
  job add|list|show|preview|remove|export|import|set-token
                           manage replication jobs
  run JOB                  run a job now (JOB: its name or id)
  status JOB               last runs and per-day statistics of a job
  daemon                   run the enabled jobs by their schedules until stopped
  demo-archive             write a demo recording archive
  report --from DATE --to DATE --output FILE [--job JOB] [--format csv|html|pdf]
                           export per-day statistics, runs and failures

Options:
  --db PATH                the job database (default: $REPLICALL_DB, or
                           ~/.local/share/replicall/replicall.sqlite)
  -h, --help               this help; COMMAND --help for a command's options
  -v, --version            the version

Run 'replicall-cli COMMAND --help' for the options of a command.)";

} // namespace

int main(int argc, char *argv[]) {
    // OpenSSL frees a thread's error state when the thread ends, and a QThread
    // ends (for pthreads) only after wait() returned. With OpenSSL's atexit
    // cleanup, exit could run first and leave that state behind, which
    // LeakSanitizer reports now and then. Without it every thread frees its own.
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
    // `report` gets a QGuiApplication: PDF text needs fonts (see ReportCommand.h).
    const std::unique_ptr<QCoreApplication> app = ReportCommand::makeApplication(argc, argv);
    QCoreApplication::setApplicationName(u"replicall-cli"_s);
    QCoreApplication::setOrganizationName(u"Replicall"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(REPLICALL_VERSION));

    // Global options come before the command; everything after belongs to it.
    QStringList arguments = QCoreApplication::arguments().mid(1);
    QString databasePath = CliContext::defaultDatabasePath();
    while (!arguments.isEmpty() && arguments.first().startsWith(u'-')) {
        const QString option = arguments.takeFirst();
        if (option == u"--help"_s || option == u"-h"_s) {
            Console::out(QString::fromUtf8(Usage));
            return 0;
        }
        if (option == u"--version"_s || option == u"-v"_s) {
            Console::out(u"replicall-cli "_s + QCoreApplication::applicationVersion());
            return 0;
        }
        if (option == u"--db"_s && !arguments.isEmpty()) {
            databasePath = arguments.takeFirst();
        } else if (option.startsWith(u"--db="_s)) {
            databasePath = option.mid(5);
        } else {
            Console::err(
                u"replicall-cli: unknown option '%1'. Try 'replicall-cli --help'."_s.arg(option));
            return 2;
        }
    }
    if (arguments.isEmpty()) {
        Console::err(QString::fromUtf8(Usage));
        return 2;
    }

    const QString command = arguments.takeFirst();
    CliContext context(databasePath, arguments);
    if (command == u"job"_s)
        return JobCommands::run(context);
    if (command == u"run"_s)
        return RunCommand::run(context);
    if (command == u"status"_s)
        return StatusCommand::run(context);
    if (command == u"report"_s)
        return ReportCommand::run(context);
    if (command == u"daemon"_s)
        return DaemonCommand::run(context);
    if (command == u"demo-archive"_s)
        return DemoCommand::run(context);
    Console::err(
        u"replicall-cli: unknown command '%1'. Try 'replicall-cli --help'."_s.arg(command));
    return 2;
}
