// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpMessage.h"
#include "TokenStore.h"

namespace Replicall::Target {

// PUT /directory: the users configuration (tenants, groups, users), upserted by id within
// its tenant. Everything is checked before anything is stored.
class DirectoryApi {
public:
    static HttpResponse put(const Token &token, const QByteArray &body);
};

} // namespace Replicall::Target
