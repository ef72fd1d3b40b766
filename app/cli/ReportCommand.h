// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <memory>

namespace Replicall {
class CliContext;

// replicall-cli report [--job JOB] --from DATE --to DATE --format csv|html|pdf --output FILE
namespace ReportCommand {
int run(CliContext &context);

// A PDF needs fonts, and fonts need a QGuiApplication; every other command
// keeps the plain QCoreApplication (no display, no platform plugin). True
// when the command line's command is `report`.
bool isReportCommand(int argc, char **argv);
// QGuiApplication on the offscreen platform unless QT_QPA_PLATFORM is set.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv);
} // namespace ReportCommand
} // namespace Replicall
