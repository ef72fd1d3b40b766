// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Recording.h"

#include <QJsonDocument>
#include <openssl/evp.h>

namespace Replicall {

QByteArray Recording::metadataSha256Of(const QJsonObject &metadata) {
    const QByteArray json = QJsonDocument(metadata).toJson(QJsonDocument::Compact);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(json.constData(), size_t(json.size()), digest, &length, EVP_sha256(), nullptr) !=
        1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

} // namespace Replicall
