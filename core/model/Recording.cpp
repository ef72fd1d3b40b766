// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Recording.h"

#include "model/Sha256.h"

#include <QJsonDocument>

namespace Replicall {

QByteArray Recording::metadataSha256Of(const QJsonObject &metadata) {
    return Sha256::hexOf(QJsonDocument(metadata).toJson(QJsonDocument::Compact));
}

} // namespace Replicall
