// SPDX-License-Identifier: GPL-3.0-or-later
// replicall-target's tus requests: the headers (Upload-Length, Upload-Offset,
// Upload-Metadata, Upload-Checksum, Content-Type, ...) and the body, through the real router.
// The first byte picks the request; then "Name: value" header lines, an empty line, a body.
#include "FuzzSupport.h"
#include "TargetHarness.h"

using namespace Replicall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    Fuzz::TargetHarness &target = Fuzz::TargetHarness::instance();
    Target::HttpRequest request;
    QByteArray body;
    Fuzz::splitRequest(Fuzz::bytes(data + 1, size - 1), &request, &body);
    const QString uploads = QStringLiteral("/api/replication/v1/uploads");
    static const QByteArray methods[] = {"POST", "PATCH", "HEAD", "DELETE", "OPTIONS"};
    request.method = methods[data[0] % 5];
    request.path = request.method == "POST" || request.method == "OPTIONS"
                       ? uploads
                       : uploads + u'/' + target.openUpload();
    target.play(request, body);
    return 0;
}
