// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/CommitCall.h"
#include "transfer/InfoCall.h"
#include "transfer/LookupCall.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Replicall {

// The target's JSON answers read without a network: the calls use these, and so do the
// fuzzers (fuzz/), since an answer is input from another machine. Each returns false and
// says in *problem what is wrong with the body; none trusts a field's type or range.
namespace Answers {

// GET /info.
bool readInfo(const QByteArray &body, TargetInfo *info, QString *problem);
// One batch of POST /recordings/lookup: `asked` are the ids of the batch, in order.
bool readLookup(const QByteArray &body, const QList<LookupEntry> &asked,
                QHash<QString, HeldRecording> *result, QString *problem);
// PUT /recordings/{id}; `status` is the HTTP status (201 means created).
bool readCommit(const QByteArray &body, int status, CommitResult *result, QString *problem);

// A JSON number as a byte count: `fallback` unless it is a finite number that fits into
// qint64 (a double out of range must not be cast: that is undefined behaviour).
qint64 byteCount(const QJsonValue &value, qint64 fallback);

} // namespace Answers

} // namespace Replicall
