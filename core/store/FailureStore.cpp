// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/FailureStore.h"

#include "store/Database.h"
#include "store/Sql.h"

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

const QString selectFailures = u"SELECT job_id, recording_id, run_id, day, kind, cause, attempts, "
                               u"last_at, next_retry_at FROM failures "_s;

std::optional<QList<FailureRecord>> select(const QString &where, const QVariantList &values,
                                           qint64 jobId, QString *error) {
    const QString context = u"cannot read the failures of job %1"_s.arg(jobId);
    std::optional<QSqlQuery> query = Sql::run(selectFailures + where, values, context, error);
    if (!query)
        return std::nullopt;
    QList<FailureRecord> failures;
    while (query->next()) {
        FailureRecord f;
        f.jobId = query->value(0).toLongLong();
        f.recordingId = query->value(1).toString();
        f.runId = query->value(2).toLongLong();
        f.day = query->value(3).toString();
        QString why;
        if (!failureKindFromString(query->value(4).toString(), &f.kind, &why)) {
            Sql::fail(error, u"%1: recording '%2': %3"_s.arg(context, f.recordingId, why));
            return std::nullopt;
        }
        f.cause = query->value(5).toString();
        f.attempts = query->value(6).toInt();
        f.lastAt = Database::timeFromText(query->value(7).toString());
        f.nextRetryAt = Database::timeFromText(query->value(8).toString());
        failures.append(f);
    }
    return failures;
}

} // namespace

QString failureKindToString(FailureKind kind) {
    switch (kind) {
    case FailureKind::Recording:
        return u"recording"_s;
    case FailureKind::Transient:
        return u"transient"_s;
    case FailureKind::Fatal:
        return u"fatal"_s;
    }
    return {};
}

bool failureKindFromString(const QString &text, FailureKind *out, QString *error) {
    for (FailureKind kind : {FailureKind::Recording, FailureKind::Transient, FailureKind::Fatal}) {
        if (text == failureKindToString(kind)) {
            *out = kind;
            return true;
        }
    }
    return Sql::fail(
        error, u"unknown failure kind '%1' (expected recording, transient or fatal)"_s.arg(text));
}

std::optional<QList<FailureRecord>> FailureStore::list(qint64 jobId, QString *error) {
    return select(u"WHERE job_id = ? ORDER BY last_at DESC, recording_id"_s, {jobId}, jobId, error);
}

std::optional<QList<FailureRecord>> FailureStore::due(qint64 jobId, const QDateTime &now,
                                                      QString *error) {
    return select(u"WHERE job_id = ? AND kind = 'transient' AND next_retry_at IS NOT NULL "
                  u"AND next_retry_at <= ? ORDER BY next_retry_at, recording_id"_s,
                  {jobId, Database::timeText(now)}, jobId, error);
}

bool FailureStore::clear(qint64 jobId, const QString &recordingId, QString *error) {
    return Sql::run(u"DELETE FROM failures WHERE job_id = ? AND recording_id = ?"_s,
                    {jobId, recordingId},
                    u"cannot clear the failure of recording '%1' in job %2"_s.arg(recordingId)
                        .arg(jobId),
                    error)
        .has_value();
}

bool FailureStore::clearAll(qint64 jobId, QString *error) {
    return Sql::run(u"DELETE FROM failures WHERE job_id = ?"_s, {jobId},
                    u"cannot clear the failures of job %1"_s.arg(jobId), error)
        .has_value();
}

} // namespace Replicall
