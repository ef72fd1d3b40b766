// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UploadStateStore.h"

#include "store/Database.h"
#include "store/Sql.h"

using namespace Qt::StringLiterals;

namespace Replicall {

bool UploadStateStore::save(qint64 jobId, const QString &recordingId, const QUrl &uploadUrl,
                            const QString &audioSha256, qint64 size, QString *error) {
    const QString context =
        u"cannot save the upload of recording '%1' in job %2"_s.arg(recordingId).arg(jobId);
    if (recordingId.isEmpty())
        return Sql::fail(error, context + u": no recording id given"_s);
    if (!uploadUrl.isValid() || uploadUrl.isRelative())
        return Sql::fail(error, context + u": upload URL '%1' is not an absolute URL"_s.arg(
                                              uploadUrl.toString()));
    if (size < 0)
        return Sql::fail(error, context + u": size %1 is negative"_s.arg(size));
    return Sql::run(u"INSERT INTO uploads(job_id, recording_id, upload_url, audio_sha256, size, "
                    u"created_at) VALUES(?, ?, ?, ?, ?, ?) "
                    u"ON CONFLICT(job_id, recording_id) DO UPDATE SET "
                    u"upload_url = excluded.upload_url, audio_sha256 = excluded.audio_sha256, "
                    u"size = excluded.size, created_at = excluded.created_at"_s,
                    {jobId, recordingId, uploadUrl.toString(QUrl::FullyEncoded),
                     audioSha256.isNull() ? u""_s : audioSha256, size,
                     Database::timeText(QDateTime::currentDateTimeUtc())},
                    context, error)
        .has_value();
}

namespace {
constexpr QStringView Columns = u"recording_id, upload_url, audio_sha256, size, created_at";

UploadState stateFrom(qint64 jobId, const QSqlQuery &row) {
    UploadState state;
    state.jobId = jobId;
    state.recordingId = row.value(0).toString();
    state.uploadUrl = QUrl(row.value(1).toString(), QUrl::StrictMode);
    state.audioSha256 = row.value(2).toString();
    state.size = row.value(3).toLongLong();
    state.createdAt = Database::timeFromText(row.value(4).toString());
    return state;
}
} // namespace

std::optional<UploadState> UploadStateStore::find(qint64 jobId, const QString &recordingId,
                                                  QString *error) {
    if (error)
        error->clear();
    std::optional<QSqlQuery> query = Sql::run(
        u"SELECT %1 FROM uploads WHERE job_id = ? AND recording_id = ?"_s.arg(Columns),
        {jobId, recordingId},
        u"cannot read the upload of recording '%1' in job %2"_s.arg(recordingId).arg(jobId), error);
    if (!query || !query->next())
        return std::nullopt;
    return stateFrom(jobId, *query);
}

std::optional<QHash<QString, UploadState>> UploadStateStore::forJob(qint64 jobId, QString *error) {
    std::optional<QSqlQuery> query =
        Sql::run(u"SELECT %1 FROM uploads WHERE job_id = ?"_s.arg(Columns), {jobId},
                 u"cannot read the uploads in progress of job %1"_s.arg(jobId), error);
    if (!query)
        return std::nullopt;
    QHash<QString, UploadState> states;
    while (query->next()) {
        UploadState state = stateFrom(jobId, *query);
        states.insert(state.recordingId, state);
    }
    return states;
}

bool UploadStateStore::clear(qint64 jobId, const QString &recordingId, QString *error) {
    return Sql::run(
               u"DELETE FROM uploads WHERE job_id = ? AND recording_id = ?"_s, {jobId, recordingId},
               u"cannot clear the upload of recording '%1' in job %2"_s.arg(recordingId).arg(jobId),
               error)
        .has_value();
}

} // namespace Replicall
