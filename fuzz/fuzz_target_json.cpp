// SPDX-License-Identifier: GPL-3.0-or-later
// replicall-target's JSON requests: lookup, commit and directory bodies through the real
// router. The first byte picks the request; the rest is the body.
#include "FuzzSupport.h"
#include "TargetHarness.h"

using namespace Replicall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    Fuzz::TargetHarness &target = Fuzz::TargetHarness::instance();
    Target::HttpRequest request;
    request.headers.insert("content-type", "application/json");
    switch (data[0] % 3) {
    case 0:
        request.method = "POST";
        request.path = QStringLiteral("/api/replication/v1/recordings/lookup");
        break;
    case 1:
        request.method = "PUT";
        request.path = QStringLiteral("/api/replication/v1/recordings/c-fuzz");
        break;
    default:
        request.method = "PUT";
        request.path = QStringLiteral("/api/replication/v1/directory");
        break;
    }
    target.play(request, Fuzz::bytes(data + 1, size - 1));
    return 0;
}
