// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Replicall {
class CliContext;

// replicall-cli run JOB [--json]: runs one job now and waits for its end.
namespace RunCommand {
int run(CliContext &context);
}
} // namespace Replicall
