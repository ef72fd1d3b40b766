// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"

#include <QTemporaryDir>
#include <QUrl>
#include <optional>

namespace Replicall::Test {

// What every GUI test needs: a temporary folder holding the job database,
// the secret store's files, the settings and the autostart folder, so a test
// never touches the user's own.
class UiFixture {
public:
    UiFixture();

    // Points XDG_CONFIG_HOME / XDG_RUNTIME_DIR into the folder and opens a
    // fresh database there. Call from initTestCase(), before any QSettings.
    bool setUp(QString *error);

    QString dir() const { return m_dir.path(); }
    QString databasePath() const;

    // A demo recording archive of `calls` calls over the last `days` days.
    bool writeArchive(const QString &folder, int calls, int days, QString *error);
    // Adds a job uploading `archive` to `target`, with `token` in the secret store.
    std::optional<Job> addJob(const QString &name, const QString &archive, const QUrl &target,
                              const QByteArray &token, QString *error);

private:
    QTemporaryDir m_dir;
};

} // namespace Replicall::Test
