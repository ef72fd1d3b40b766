// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonDocument>
#include <QString>

namespace Replicall {

struct RunProgress;

// Output of the command-line tool: results on stdout, problems on stderr.
namespace Console {

void out(const QString &line);
void err(const QString &line);
void json(const QJsonDocument &document);
bool stdoutIsTerminal();

// One line: "[#####-----] 120/300 files  1.2 GiB/3.0 GiB  45.3 MiB/s  ETA 0:42"
QString progressLine(const RunProgress &progress, int width);
QString formatDuration(double seconds);

} // namespace Console
} // namespace Replicall
