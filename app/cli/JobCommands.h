// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Replicall {

class CliContext;

// replicall-cli job add|list|show|remove|export|import|set-token
namespace JobCommands {
int run(CliContext &context);
}

} // namespace Replicall
