// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Replicall {
class CliContext;

// replicall-cli job preview JOB [--json] [--sample N]: what the job would send now.
namespace PreviewCommand {
int run(CliContext &context);
}
} // namespace Replicall
