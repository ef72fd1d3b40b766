// SPDX-License-Identifier: GPL-3.0-or-later
#include "Paths.h"

#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Replicall::Paths {

QString defaultDatabasePath() {
    const QString fromEnvironment = qEnvironmentVariable("REPLICALL_DB");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           u"/replicall/replicall.sqlite"_s;
}

QString secretsDirFor(const QString &databasePath) {
    return QFileInfo(databasePath).absolutePath() + u"/secrets"_s;
}

} // namespace Replicall::Paths
