// SPDX-License-Identifier: GPL-3.0-or-later
// replicall-target: the receiving server. Everything but the wiring is in target/.
#include "TargetCli.h"

#include <QCoreApplication>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("replicall-target"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REPLICALL_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category} %{type}: %{message}"));
    return Replicall::Target::runCli(QCoreApplication::arguments());
}
