// SPDX-License-Identifier: GPL-3.0-or-later
// Sidecars come from the recorder's archive, written by another program.
#include "FuzzSupport.h"
#include "source/Sidecar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QString error;
    const auto recording = Replicall::Sidecar::parse(
        Replicall::Fuzz::bytes(data, size), QStringLiteral("acme/2026/11/20/c-1.json"), &error);
    // Either a recording or a reason, never both and never neither.
    if (recording.has_value() == !error.isEmpty())
        __builtin_trap();
    return 0;
}
