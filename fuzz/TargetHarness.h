// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace Replicall::Target {
class ReplicationApi;
}

namespace Replicall::Fuzz {

// A replicall-target without its HTTP layer, on a temporary data directory with one token,
// for fuzzers that send it requests the way libmicrohttpd would hand them over.
class TargetHarness {
public:
    static TargetHarness &instance();

    // Routes the request with the harness's token (unless it brings its own Authorization)
    // and feeds the body to the handler, if one was made, in pieces.
    Target::HttpResponse play(Target::HttpRequest request, const QByteArray &body);
    // An upload of this token that is neither finished nor gone, made when needed.
    QString openUpload();

private:
    TargetHarness();

    QString m_dataDir;
    QByteArray m_authorization;
    std::unique_ptr<Target::ReplicationApi> m_api;
};

// "Name: value" lines up to an empty line become headers; what follows is the body.
void splitRequest(const QByteArray &input, Target::HttpRequest *request, QByteArray *body);

} // namespace Replicall::Fuzz
