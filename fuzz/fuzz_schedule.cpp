// SPDX-License-Identifier: GPL-3.0-or-later
// Schedules, run windows and bandwidth caps are typed by administrators and imported.
#include "FuzzSupport.h"
#include "schedule/Bandwidth.h"
#include "schedule/RunWindow.h"
#include "schedule/Schedule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString spec = QString::fromUtf8(Replicall::Fuzz::bytes(data, size));
    QString error;
    Replicall::Schedule schedule;
    if (!Replicall::Schedule::parse(spec, &schedule, &error) && error.isEmpty())
        __builtin_trap();
    Replicall::RunWindow window;
    error.clear();
    if (!Replicall::RunWindow::parse(spec, &window, &error) && error.isEmpty())
        __builtin_trap();
    qint64 bytesPerSecond = 0;
    error.clear();
    if (!Replicall::parseBandwidth(spec, &bytesPerSecond, &error) && error.isEmpty())
        __builtin_trap();
    return 0;
}
