// SPDX-License-Identifier: GPL-3.0-or-later
// The sender reads the target's JSON answers: /info, lookup batches and commits. The first
// byte picks the answer, the rest is its body.
#include "FuzzSupport.h"
#include "transfer/Answers.h"

using namespace Replicall;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const QByteArray body = Fuzz::bytes(data + 1, size - 1);
    QString problem;
    switch (data[0] % 3) {
    case 0: {
        TargetInfo info;
        Answers::readInfo(body, &info, &problem);
        break;
    }
    case 1: {
        const QList<LookupEntry> asked{{QStringLiteral("c-1"), "ab"}, {QStringLiteral("c-2"), {}}};
        QHash<QString, HeldRecording> held;
        if (Answers::readLookup(body, asked, &held, &problem) && held.size() != asked.size())
            __builtin_trap();
        break;
    }
    default: {
        CommitResult result;
        Answers::readCommit(body, 200, &result, &problem);
        break;
    }
    }
    return 0;
}
