// SPDX-License-Identifier: GPL-3.0-or-later
// Filters arrive in imported job definitions and from the CLI's --filter.
#include "FuzzSupport.h"
#include "filter/Filter.h"
#include "model/Recording.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QJsonDocument doc = QJsonDocument::fromJson(Replicall::Fuzz::bytes(data, size));
    if (!doc.isObject())
        return 0;
    QString error;
    const auto filter = Replicall::Filter::fromJson(doc.object(), &error);
    if (!filter)
        return 0;
    // A filter that was accepted is used: described, turned into SQL, matched, and it
    // reads back as itself.
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
    filter->describe();
    filter->toSql(now);
    filter->matches(Replicall::Recording(), now);
    QString again;
    const auto reread = Replicall::Filter::fromJson(filter->toJson(), &again);
    if (!reread || reread->toJson() != filter->toJson())
        __builtin_trap();
    return 0;
}
