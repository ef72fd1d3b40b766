// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

namespace Replicall::Test {

// One call written to a test archive, with what the target must end up holding.
struct SourceCall {
    QString id;
    QDate day;
    QString audioPath;
    QString sidecarPath;
    QByteArray audioSha256;    // hex
    QByteArray metadataSha256; // hex, of the compact sidecar object
    qint64 size = 0;
};

// A recording archive for fault tests: calls with pseudo-random audio of chosen sizes,
// written as a recorder would and aged so the engine takes them at once.
class FaultArchive {
public:
    explicit FaultArchive(const QString &dir);

    // `count` calls named <prefix>-<n> of tenant acme, audio sizes uniformly in
    // [minSize, maxSize], spread over `days` days in November 2026; the same seed
    // writes the same bytes.
    bool addCalls(const QString &prefix, int count, qint64 minSize, qint64 maxSize, quint32 seed,
                  QString *error, int days = 5);

    QString dir() const { return m_dir; }
    const QList<SourceCall> &calls() const { return m_calls; }
    qint64 totalBytes() const;

private:
    QString m_dir;
    QList<SourceCall> m_calls;
};

// What a replicall-target data directory holds: per recording id every stored audio file.
struct StoredAudio {
    QString relativePath;
    QByteArray sha256; // hex
};
QHash<QString, QList<StoredAudio>> storedAudio(const QString &targetDataDir);

// Checks the target against the source: every stored file is byte-identical to its source
// call and no call is stored twice. With requireAll, every call must be there. Returns the
// problems found, one a line (empty when all is well).
QString compareTarget(const QList<SourceCall> &calls, const QString &targetDataDir,
                      bool requireAll);

// replicall-cli as a program, on its own job database and file secret store.
class Cli {
public:
    explicit Cli(const QString &workDir);

    static QString executable();
    QString databasePath() const { return m_workDir + QStringLiteral("/replicall.sqlite"); }

    // Runs the CLI to its end; returns the exit code (-1: crashed or timed out).
    int exec(const QStringList &arguments, QString *output, QString *errors = nullptr,
             int timeoutMs = 120000) const;
    // `job add` with the token written to a file first.
    bool addJob(const QString &name, const QString &sourceDir, const QString &targetUrl,
                const QString &token, const QStringList &options, QString *error) const;
    // `run JOB --json`; the summary, or an empty object with *error set.
    QJsonObject run(const QString &job, QString *error, int timeoutMs = 120000) const;
    // `status JOB --json`.
    QJsonObject status(const QString &job, QString *error) const;
    // A `run JOB --json` started in the background, for killing it.
    std::unique_ptr<QProcess> startRun(const QString &job) const;

private:
    void prepare(QProcess *process) const;

    QString m_workDir;
};

// Hex SHA-256 of a file (empty when it cannot be read).
QByteArray fileSha256(const QString &path);

// The number of recordings per call day in the job's status (`days` of status --json).
QHash<QString, int> replicatedPerDay(const QJsonObject &status);

} // namespace Replicall::Test
