// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/LedgerStore.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QDate>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// Which counters one outcome increments: a day_stats column and a runs column.
struct Outcome {
    const char *dayColumn;
    const char *runColumn;
};
constexpr Outcome replicated{"replicated", "uploaded"};
constexpr Outcome skipped{"skipped", "skipped"};
constexpr Outcome failed{"failed", "failed"};

bool checkKey(qint64 jobId, const QString &recordingId, const QString &day, const QString &context,
              QString *error) {
    if (jobId <= 0)
        return Sql::fail(error, u"%1: no job id given"_s.arg(context));
    if (recordingId.isEmpty())
        return Sql::fail(error, u"%1: no recording id given"_s.arg(context));
    if (day.size() != 10 || !QDate::fromString(day, Qt::ISODate).isValid())
        return Sql::fail(error, u"%1: day '%2' is not a YYYY-MM-DD date"_s.arg(context, day));
    return true;
}

// Inside the caller's transaction: one more outcome on the day and in the run.
bool countOutcome(const Outcome &outcome, qint64 jobId, qint64 runId, const QString &day,
                  qint64 bytes, const QString &context, QString *error) {
    const QString dayColumn = QString::fromLatin1(outcome.dayColumn);
    const QString runColumn = QString::fromLatin1(outcome.runColumn);
    if (!Sql::run(u"INSERT INTO day_stats(job_id, day, %1, bytes) VALUES(?, ?, 1, ?) "
                  u"ON CONFLICT(job_id, day) DO UPDATE SET %1 = %1 + 1, "
                  u"bytes = bytes + excluded.bytes"_s.arg(dayColumn),
                  {jobId, day, bytes}, context, error))
        return false;
    if (runId <= 0)
        return true;
    const std::optional<QSqlQuery> run = Sql::run(
        u"UPDATE runs SET %1 = %1 + 1, bytes = bytes + ? WHERE id = ? AND job_id = ?"_s.arg(
            runColumn),
        {bytes, runId, jobId}, context, error);
    if (!run)
        return false;
    if (run->numRowsAffected() != 1)
        return Sql::fail(
            error, u"%1: run %2 of job %3 does not exist"_s.arg(context).arg(runId).arg(jobId));
    return true;
}

// Text columns of the ledger are NOT NULL; a value that was never set (a
// skipped recording has no target path, a metadata-only job no audio hash)
// is stored as empty text.
QString text(const QString &value) {
    return value.isNull() ? u""_s : value;
}

bool upsertLedger(const SuccessRecord &r, const QString &context, QString *error) {
    return Sql::run(u"INSERT INTO ledger(job_id, recording_id, tenant, day, audio_sha256, "
                    u"audio_size, audio_mtime_ns, metadata_sha256, target_path, replicated_at) "
                    u"VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    u"ON CONFLICT(job_id, recording_id) DO UPDATE SET tenant = excluded.tenant, "
                    u"day = excluded.day, audio_sha256 = excluded.audio_sha256, "
                    u"audio_size = excluded.audio_size, audio_mtime_ns = excluded.audio_mtime_ns, "
                    u"metadata_sha256 = excluded.metadata_sha256, "
                    u"target_path = excluded.target_path, replicated_at = excluded.replicated_at"_s,
                    {r.jobId, r.recordingId, text(r.tenant), text(r.day), text(r.audioSha256),
                     r.audioSize, r.audioMtimeNs, text(r.metadataSha256), text(r.targetPath),
                     Database::timeText(QDateTime::currentDateTimeUtc())},
                    context, error)
        .has_value();
}

// The recording is settled: a half-done upload or an old failure no longer applies.
bool settle(qint64 jobId, const QString &recordingId, const QString &context, QString *error) {
    for (const QString &table : {u"uploads"_s, u"failures"_s}) {
        if (!Sql::run(u"DELETE FROM %1 WHERE job_id = ? AND recording_id = ?"_s.arg(table),
                      {jobId, recordingId}, context, error))
            return false;
    }
    return true;
}

bool recordInLedger(const SuccessRecord &r, const Outcome &outcome, qint64 bytes,
                    const QString &context, QString *error) {
    if (!checkKey(r.jobId, r.recordingId, r.day, context, error))
        return false;
    if (r.tenant.isEmpty())
        return Sql::fail(error, u"%1: no tenant given"_s.arg(context));
    WriteTransaction transaction;
    return transaction.begin(context, error) && upsertLedger(r, context, error) &&
           countOutcome(outcome, r.jobId, r.runId, r.day, bytes, context, error) &&
           settle(r.jobId, r.recordingId, context, error) && transaction.commit(error);
}

QString recordContext(const QString &what, const QString &recordingId, qint64 jobId) {
    return u"cannot record recording '%1' of job %2 as %3"_s.arg(recordingId).arg(jobId).arg(what);
}

} // namespace

bool LedgerStore::recordSuccess(const SuccessRecord &r, QString *error) {
    return recordInLedger(r, replicated, r.bytesSent,
                          recordContext(u"replicated"_s, r.recordingId, r.jobId), error);
}

bool LedgerStore::recordSkipped(const SuccessRecord &r, QString *error) {
    return recordInLedger(r, skipped, 0,
                          recordContext(u"already at the target"_s, r.recordingId, r.jobId), error);
}

bool LedgerStore::recordFailure(qint64 jobId, qint64 runId, const QString &recordingId,
                                const QString &day, FailureKind kind, const QString &cause,
                                const QDateTime &nextRetryAt, QString *error) {
    const QString context = recordContext(u"failed"_s, recordingId, jobId);
    if (!checkKey(jobId, recordingId, day, context, error))
        return false;
    const QVariant retry =
        nextRetryAt.isValid() ? QVariant(Database::timeText(nextRetryAt)) : Sql::nullText();
    const QVariant run = runId > 0 ? QVariant(runId) : QVariant(QMetaType::fromType<qint64>());
    WriteTransaction transaction;
    return transaction.begin(context, error) &&
           Sql::run(u"INSERT INTO failures(job_id, recording_id, run_id, day, kind, cause, "
                    u"attempts, last_at, next_retry_at) VALUES(?, ?, ?, ?, ?, ?, 1, ?, ?) "
                    u"ON CONFLICT(job_id, recording_id) DO UPDATE SET run_id = excluded.run_id, "
                    u"day = excluded.day, kind = excluded.kind, cause = excluded.cause, "
                    u"attempts = attempts + 1, last_at = excluded.last_at, "
                    u"next_retry_at = excluded.next_retry_at"_s,
                    {jobId, recordingId, run, day, failureKindToString(kind), cause,
                     Database::timeText(QDateTime::currentDateTimeUtc()), retry},
                    context, error) &&
           countOutcome(failed, jobId, runId, day, 0, context, error) && transaction.commit(error);
}

bool LedgerStore::updateMetadataSha256(qint64 jobId, const QString &recordingId,
                                       const QString &metadataSha256, QString *error) {
    const QString context =
        u"cannot update the metadata hash of recording '%1' in job %2"_s.arg(recordingId)
            .arg(jobId);
    const std::optional<QSqlQuery> query =
        Sql::run(u"UPDATE ledger SET metadata_sha256 = ? WHERE job_id = ? AND recording_id = ?"_s,
                 {metadataSha256, jobId, recordingId}, context, error);
    if (!query)
        return false;
    if (query->numRowsAffected() != 1)
        return Sql::fail(error, context + u": it is not in the ledger"_s);
    return true;
}

bool LedgerStore::contains(qint64 jobId, const QString &recordingId, QString *error) {
    if (error)
        error->clear();
    std::optional<QSqlQuery> query = Sql::run(
        u"SELECT 1 FROM ledger WHERE job_id = ? AND recording_id = ?"_s, {jobId, recordingId},
        u"cannot look up recording '%1' in the ledger of job %2"_s.arg(recordingId).arg(jobId),
        error);
    return query && query->next();
}

std::optional<LedgerEntry> LedgerStore::entry(qint64 jobId, const QString &recordingId,
                                              QString *error) {
    if (error)
        error->clear();
    std::optional<QSqlQuery> query = Sql::run(
        u"SELECT tenant, day, audio_sha256, audio_size, audio_mtime_ns, metadata_sha256, "
        u"target_path, replicated_at FROM ledger WHERE job_id = ? AND recording_id = ?"_s,
        {jobId, recordingId},
        u"cannot read recording '%1' from the ledger of job %2"_s.arg(recordingId).arg(jobId),
        error);
    if (!query || !query->next())
        return std::nullopt;
    LedgerEntry e;
    e.jobId = jobId;
    e.recordingId = recordingId;
    e.tenant = query->value(0).toString();
    e.day = query->value(1).toString();
    e.audioSha256 = query->value(2).toString();
    e.audioSize = query->value(3).toLongLong();
    e.audioMtimeNs = query->value(4).toLongLong();
    e.metadataSha256 = query->value(5).toString();
    e.targetPath = query->value(6).toString();
    e.replicatedAt = Database::timeFromText(query->value(7).toString());
    return e;
}

qint64 LedgerStore::count(qint64 jobId, QString *error) {
    std::optional<QSqlQuery> query =
        Sql::run(u"SELECT count(*) FROM ledger WHERE job_id = ?"_s, {jobId},
                 u"cannot count the ledger of job %1"_s.arg(jobId), error);
    if (!query || !query->next())
        return -1;
    return query->value(0).toLongLong();
}

std::optional<QSet<QString>> LedgerStore::recordingIds(qint64 jobId, QString *error) {
    std::optional<QSqlQuery> query =
        Sql::run(u"SELECT recording_id FROM ledger WHERE job_id = ?"_s, {jobId},
                 u"cannot read the ledger of job %1"_s.arg(jobId), error);
    if (!query)
        return std::nullopt;
    QSet<QString> ids;
    while (query->next())
        ids.insert(query->value(0).toString());
    return ids;
}

} // namespace Replicall
