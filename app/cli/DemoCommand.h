// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Replicall {
class CliContext;

// replicall-cli demo-archive --out DIR --calls N [--days D] [--tenants a,b] ...
namespace DemoCommand {
int run(CliContext &context);
}
} // namespace Replicall
