// SPDX-License-Identifier: GPL-3.0-or-later
// Job definitions are imported from files (`replicall-cli job import`).
#include "FuzzSupport.h"
#include "model/Job.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QJsonDocument doc = QJsonDocument::fromJson(Replicall::Fuzz::bytes(data, size));
    if (!doc.isObject())
        return 0;
    Replicall::Job job;
    QString error;
    if (!Replicall::jobFromJson(doc.object(), &job, &error)) {
        if (error.isEmpty())
            __builtin_trap(); // a refusal always says why
        return 0;
    }
    // An accepted job exports and imports again.
    Replicall::Job again;
    if (!Replicall::jobFromJson(Replicall::jobToJson(job), &again, &error))
        __builtin_trap();
    return 0;
}
