// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/LedgerStore.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QDate>
#include <QMap>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

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

// Inside the caller's transaction: adds to a run's counters (`set`, with its values).
bool updateRun(const QString &set, QVariantList values, qint64 jobId, qint64 runId,
               const QString &context, QString *error) {
    values << runId << jobId;
    const std::optional<QSqlQuery> run = Sql::run(
        u"UPDATE runs SET %1 WHERE id = ? AND job_id = ?"_s.arg(set), values, context, error);
    if (!run)
        return false;
    if (run->numRowsAffected() != 1)
        return Sql::fail(
            error, u"%1: run %2 of job %3 does not exist"_s.arg(context).arg(runId).arg(jobId));
    return true;
}

// Inside the caller's transaction: one more failure on the day and in the run.
bool countFailure(qint64 jobId, qint64 runId, const QString &day, const QString &context,
                  QString *error) {
    if (!Sql::run(u"INSERT INTO day_stats(job_id, day, failed) VALUES(?, ?, 1) "
                  u"ON CONFLICT(job_id, day) DO UPDATE SET failed = failed + 1"_s,
                  {jobId, day}, context, error))
        return false;
    if (runId <= 0)
        return true;
    return updateRun(u"failed = failed + 1"_s, {}, jobId, runId, context, error);
}

// Text columns of the ledger are NOT NULL; a value that was never set (a
// skipped recording has no target path, a metadata-only job no audio hash)
// is stored as empty text.
QString text(const QString &value) {
    return value.isNull() ? u""_s : value;
}

QString recordContext(const QString &what, const QString &recordingId, qint64 jobId) {
    return u"cannot record recording '%1' of job %2 as %3"_s.arg(recordingId).arg(jobId).arg(what);
}

QString batchContext(const QList<SuccessRecord> &records) {
    const SuccessRecord &first = records.first();
    if (records.size() == 1)
        return recordContext(first.alreadyHeld ? u"already at the target"_s : u"replicated"_s,
                             first.recordingId, first.jobId);
    return u"cannot record %1 recordings of job %2 in the ledger"_s.arg(records.size())
        .arg(first.jobId);
}

// What a batch adds to one day's or one run's counters.
struct Tally {
    qint64 replicated = 0;
    qint64 skipped = 0;
    qint64 bytes = 0;

    void add(const SuccessRecord &r) {
        if (r.alreadyHeld) {
            ++skipped;
        } else {
            ++replicated;
            bytes += r.bytesSent;
        }
    }
};

bool upsertLedgerRows(const QList<SuccessRecord> &records, const QString &context, QString *error) {
    std::optional<QSqlQuery> upsert = Sql::prepare(
        u"INSERT INTO ledger(job_id, recording_id, tenant, day, audio_sha256, "
        u"audio_size, audio_mtime_ns, metadata_sha256, target_path, replicated_at) "
        u"VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        u"ON CONFLICT(job_id, recording_id) DO UPDATE SET tenant = excluded.tenant, "
        u"day = excluded.day, audio_sha256 = excluded.audio_sha256, "
        u"audio_size = excluded.audio_size, audio_mtime_ns = excluded.audio_mtime_ns, "
        u"metadata_sha256 = excluded.metadata_sha256, "
        u"target_path = excluded.target_path, replicated_at = excluded.replicated_at"_s,
        context, error);
    if (!upsert)
        return false;
    const QString now = Database::timeText(QDateTime::currentDateTimeUtc());
    for (const SuccessRecord &r : records) {
        if (!Sql::exec(*upsert,
                       {r.jobId, r.recordingId, text(r.tenant), text(r.day), text(r.audioSha256),
                        r.audioSize, r.audioMtimeNs, text(r.metadataSha256), text(r.targetPath),
                        now},
                       context, error))
            return false;
    }
    return true;
}

bool countTallies(const QList<SuccessRecord> &records, const QString &context, QString *error) {
    QMap<std::pair<qint64, QString>, Tally> days;
    QMap<std::pair<qint64, qint64>, Tally> runs;
    for (const SuccessRecord &r : records) {
        days[{r.jobId, r.day}].add(r);
        if (r.runId > 0)
            runs[{r.jobId, r.runId}].add(r);
    }
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        if (!Sql::run(u"INSERT INTO day_stats(job_id, day, replicated, skipped, bytes) "
                      u"VALUES(?, ?, ?, ?, ?) ON CONFLICT(job_id, day) DO UPDATE SET "
                      u"replicated = replicated + excluded.replicated, "
                      u"skipped = skipped + excluded.skipped, bytes = bytes + excluded.bytes"_s,
                      {it.key().first, it.key().second, it->replicated, it->skipped, it->bytes},
                      context, error))
            return false;
    }
    for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
        const auto [jobId, runId] = it.key();
        if (!updateRun(u"uploaded = uploaded + ?, skipped = skipped + ?, bytes = bytes + ?"_s,
                       {it->replicated, it->skipped, it->bytes}, jobId, runId, context, error))
            return false;
    }
    return true;
}

// The recordings are settled: a half-done upload or an old failure no longer applies.
bool settle(const QList<SuccessRecord> &records, const QString &context, QString *error) {
    QMap<qint64, QStringList> idsByJob;
    for (const SuccessRecord &r : records)
        idsByJob[r.jobId].append(r.recordingId);
    for (auto it = idsByJob.cbegin(); it != idsByJob.cend(); ++it) {
        const QString ids = Sql::jsonList(*it);
        for (const QString &table : {u"uploads"_s, u"failures"_s}) {
            if (!Sql::run(u"DELETE FROM %1 WHERE job_id = ? AND recording_id IN "
                          u"(SELECT value FROM json_each(?))"_s.arg(table),
                          {it.key(), ids}, context, error))
                return false;
        }
    }
    return true;
}

} // namespace

bool LedgerStore::recordSuccess(const SuccessRecord &r, QString *error) {
    SuccessRecord record = r;
    record.alreadyHeld = false;
    return recordAll({record}, error);
}

bool LedgerStore::recordSkipped(const SuccessRecord &r, QString *error) {
    SuccessRecord record = r;
    record.alreadyHeld = true;
    return recordAll({record}, error);
}

bool LedgerStore::recordAll(const QList<SuccessRecord> &records, QString *error) {
    if (records.isEmpty())
        return true;
    const QString context = batchContext(records);
    for (const SuccessRecord &r : records) {
        if (!checkKey(r.jobId, r.recordingId, r.day, context, error))
            return false;
        if (r.tenant.isEmpty())
            return Sql::fail(
                error, u"%1: no tenant given for recording '%2'"_s.arg(context, r.recordingId));
    }
    WriteTransaction transaction;
    return transaction.begin(context, error) && upsertLedgerRows(records, context, error) &&
           countTallies(records, context, error) && settle(records, context, error) &&
           transaction.commit(error);
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
           countFailure(jobId, runId, day, context, error) && transaction.commit(error);
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

namespace {
constexpr QStringView EntryColumns = u"recording_id, tenant, day, audio_sha256, audio_size, "
                                     u"audio_mtime_ns, metadata_sha256, target_path, replicated_at";

LedgerEntry entryFrom(qint64 jobId, const QSqlQuery &row) {
    LedgerEntry e;
    e.jobId = jobId;
    e.recordingId = row.value(0).toString();
    e.tenant = row.value(1).toString();
    e.day = row.value(2).toString();
    e.audioSha256 = row.value(3).toString();
    e.audioSize = row.value(4).toLongLong();
    e.audioMtimeNs = row.value(5).toLongLong();
    e.metadataSha256 = row.value(6).toString();
    e.targetPath = row.value(7).toString();
    e.replicatedAt = Database::timeFromText(row.value(8).toString());
    return e;
}
} // namespace

std::optional<LedgerEntry> LedgerStore::entry(qint64 jobId, const QString &recordingId,
                                              QString *error) {
    if (error)
        error->clear();
    std::optional<QSqlQuery> query = Sql::run(
        u"SELECT %1 FROM ledger WHERE job_id = ? AND recording_id = ?"_s.arg(EntryColumns),
        {jobId, recordingId},
        u"cannot read recording '%1' from the ledger of job %2"_s.arg(recordingId).arg(jobId),
        error);
    if (!query || !query->next())
        return std::nullopt;
    return entryFrom(jobId, *query);
}

std::optional<QHash<QString, LedgerEntry>>
LedgerStore::entries(qint64 jobId, const QStringList &ids, QString *error) {
    const QString list = Sql::jsonList(ids);
    std::optional<QSqlQuery> query =
        Sql::run(u"SELECT %1 FROM ledger WHERE job_id = ? AND recording_id IN "
                 u"(SELECT value FROM json_each(?))"_s.arg(EntryColumns),
                 {jobId, list}, u"cannot read the ledger of job %1"_s.arg(jobId), error);
    if (!query)
        return std::nullopt;
    QHash<QString, LedgerEntry> found;
    while (query->next()) {
        LedgerEntry e = entryFrom(jobId, *query);
        found.insert(e.recordingId, e);
    }
    return found;
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
