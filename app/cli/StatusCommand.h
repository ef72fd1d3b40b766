// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Replicall {
class CliContext;

// replicall-cli status JOB [--json] [--days N] [--runs N]
namespace StatusCommand {
int run(CliContext &context);
}
} // namespace Replicall
