// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Replicall {
class CliContext;

// replicall-cli daemon: runs every enabled job by its schedule (and the
// continuous ones as calls arrive) until SIGTERM or SIGINT.
namespace DaemonCommand {
int run(CliContext &context);
}
} // namespace Replicall
