// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Replicall::Paths {

// The job database every Replicall program uses unless told otherwise:
// $REPLICALL_DB, else ~/.local/share/replicall/replicall.sqlite. The desktop
// application and replicall-cli must agree so both see the same jobs.
QString defaultDatabasePath();

// Where the secret store's file fallback keeps tokens: a "secrets" folder
// beside the database, so a test or a second profile stays self-contained.
QString secretsDirFor(const QString &databasePath);

} // namespace Replicall::Paths
