// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/RunTypes.h"
#include "model/Job.h"
#include "secrets/SecretStore.h"
#include "source/DemoArchiveWriter.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>
#include <QVariant>
#include <functional>
#include <memory>

namespace Replicall {
class JobRunner;
}

namespace Replicall::Test {

// Sets the modification time of every file below dir (dot files included) to
// `seconds` ago. The engine uploads only files at least two seconds old;
// ageing them is faster and surer than sleeping.
void ageFiles(const QString &dir, int seconds = 60);
bool setModificationTime(const QString &path, const QDateTime &time);

// Hex SHA-256 of a file, empty when it cannot be read.
QByteArray sha256Hex(const QString &path);

// Relative path -> hex SHA-256 of every file below root whose name ends in
// suffix; folders starting with '.' (the target's unfinished uploads) are left out.
QHash<QString, QByteArray> fileHashes(const QString &root, const QString &suffix);

// Writes a WAV file of `size` bytes (header + pseudo-random samples) in blocks,
// for recordings larger than the demo writer makes.
bool writeWav(const QString &path, qint64 size, quint32 seed, QString *error);

// Writes a sidecar for a call with audio, through a temporary name and a
// rename as a recorder does.
bool writeSidecar(const QString &path, const QJsonObject &sidecar, QString *error);
QJsonObject readJson(const QString &path);

// The target's own database (target.sqlite in its data directory), read
// and written through a connection of its own.
class TargetDb {
public:
    explicit TargetDb(const QString &dataDir);
    ~TargetDb();
    TargetDb(const TargetDb &) = delete;
    TargetDb &operator=(const TargetDb &) = delete;

    QString error() const { return m_error; }
    // The first column of the first row, invalid on error (see error()).
    QVariant value(const QString &sql, const QVariantList &values = {});
    // The first column of every row.
    QVariantList column(const QString &sql, const QVariantList &values = {});
    bool exec(const QString &sql, const QVariantList &values = {});

private:
    QString m_connection;
    QString m_error;
};

// The sender side of one test: a temporary folder holding the job database,
// the secret store and the recording archive. Database::open() is global, so
// a test with two workspaces calls activate() before using the other one.
class SenderWorkspace {
public:
    SenderWorkspace();
    ~SenderWorkspace();

    bool activate(QString *error = nullptr);
    bool isValid() const { return m_valid; }
    QString dir() const { return m_dir.path(); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("replicall.sqlite")); }
    QString archiveDir() const { return m_dir.filePath(QStringLiteral("archive")); }
    SecretStore &secrets() { return *m_secrets; }

    // A demo archive of `calls` short calls (1-2 s of 8 kHz audio) over the
    // last three days, aged so the engine takes them at once.
    bool writeArchive(int calls, QString *error,
                      const QStringList &tenants = {QStringLiteral("acme"),
                                                    QStringLiteral("globex")},
                      quint32 seed = 1);

    // Stores the token and adds a job on this archive to the database.
    // `adjust` changes the settings before the job is written. On failure the
    // job keeps id 0 (and a warning says why), so its run fails visibly.
    Job addJob(const QString &name, const QUrl &target, const QString &token,
               const std::function<void(Job &)> &adjust = {});

    // Runs the job once and returns its summary; `hook` sees the runner
    // before it starts (to watch its progress). An empty status means the
    // run did not finish within timeoutMs.
    RunSummary run(const Job &job, int timeoutMs = 60000,
                   const std::function<void(JobRunner &)> &hook = {});

    // Every sidecar in the archive (users.json excluded), by recording id.
    QHash<QString, QString> sidecarsById() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SecretStore> m_secrets;
    bool m_valid = false;
};

// The status, message and every failure of a run, for test failure messages.
QString describeFailures(const RunSummary &summary);

} // namespace Replicall::Test
