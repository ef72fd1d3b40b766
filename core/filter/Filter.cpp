// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/Filter.h"

#include "filter/FilterJson.h"

namespace Replicall {

std::optional<Filter> Filter::fromJson(const QJsonObject &json, QString *error) {
    FilterNode root;
    FilterJsonReader reader;
    if (!reader.read(json, &root, error))
        return std::nullopt;
    if (error)
        error->clear();
    return Filter(std::move(root));
}

QJsonObject Filter::toJson() const {
    return isEmpty() ? QJsonObject() : filterNodeToJson(m_root);
}

} // namespace Replicall
