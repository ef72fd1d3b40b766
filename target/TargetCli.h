// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Replicall::Target {

// `replicall-target serve | token create | token list | token revoke`, see docs/target.md.
// Needs a QCoreApplication; returns the process exit code (0 ok, 1 failure, 2 bad usage).
int runCli(const QStringList &arguments);

} // namespace Replicall::Target
