// SPDX-License-Identifier: GPL-3.0-or-later
// users.json comes from the recorder's archive.
#include "FuzzSupport.h"
#include "source/UsersConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    QString error;
    const auto config = Replicall::UsersConfig::parse(Replicall::Fuzz::bytes(data, size), &error);
    if (!config && error.isEmpty())
        __builtin_trap(); // a refusal always says why
    return 0;
}
