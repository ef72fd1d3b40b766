// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliContext.h"

#include "Console.h"
#include "engine/Paths.h"
#include "model/Job.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/JobStore.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Replicall {

CliContext::CliContext(const QString &databasePath, const QStringList &arguments)
    : m_databasePath(QFileInfo(databasePath).absoluteFilePath())
    , m_arguments(arguments) {}

CliContext::~CliContext() = default;

QString CliContext::defaultDatabasePath() {
    return Paths::defaultDatabasePath(); // the desktop application's default too
}

SecretStore &CliContext::secrets() {
    if (!m_secrets)
        m_secrets = std::make_unique<SecretStore>(Paths::secretsDirFor(m_databasePath));
    return *m_secrets;
}

bool CliContext::openDatabase() {
    QDir().mkpath(QFileInfo(m_databasePath).absolutePath());
    QString error;
    if (!Database::open(m_databasePath, &error)) {
        Console::err(
            u"replicall-cli: cannot open the database %1: %2"_s.arg(m_databasePath, error));
        return false;
    }
    return true;
}

bool CliContext::resolveJob(const QString &nameOrId, Job *job) {
    QString error;
    const std::optional<Job> found = JobStore::resolve(nameOrId, &error);
    if (!found) {
        Console::err(u"replicall-cli: %1"_s.arg(error));
        return false;
    }
    *job = *found;
    return true;
}

std::optional<int> CliContext::parse(QCommandLineParser &parser, const QString &command,
                                     const QString &description) {
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    QStringList arguments = m_arguments;
    arguments.prepend(u"replicall-cli "_s + command);
    if (!parser.parse(arguments)) {
        Console::err(u"replicall-cli %1: %2"_s.arg(command, parser.errorText()));
        Console::err(u"Try 'replicall-cli %1 --help'."_s.arg(command));
        return 2;
    }
    if (parser.isSet(u"help"_s)) {
        Console::out(parser.helpText());
        return 0;
    }
    return std::nullopt;
}

} // namespace Replicall
