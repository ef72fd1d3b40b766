// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace Replicall {

class SecretStore;
struct Job;

// What every replicall-cli command shares: the database it works on, the
// secret store beside it, and the words after the command's name.
class CliContext {
public:
    CliContext(const QString &databasePath, const QStringList &arguments);
    ~CliContext();

    QString databasePath() const { return m_databasePath; }
    const QStringList &arguments() const { return m_arguments; }
    SecretStore &secrets();

    // Opens (and migrates) the database; prints the error and returns false.
    bool openDatabase();
    // A job by name or id; prints "no job named or numbered 'X'" when absent.
    bool resolveJob(const QString &nameOrId, Job *job);

    // Parses the command's own options. Returns an exit code when the command
    // ends here (usage error: 2, after printing --help: 0), nothing to go on.
    std::optional<int> parse(QCommandLineParser &parser, const QString &command,
                             const QString &description);

    static QString defaultDatabasePath();

private:
    QString m_databasePath;
    QStringList m_arguments;
    std::unique_ptr<SecretStore> m_secrets;
};

} // namespace Replicall
