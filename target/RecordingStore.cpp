// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordingStore.h"

#include "Database.h"
#include "Ids.h"

#include <QJsonValue>
#include <QSqlQuery>

namespace Replicall::Target {

QJsonObject StoredRecording::toCommitJson(bool created) const {
    QJsonValue audio = QJsonValue::Null;
    if (hasAudio()) {
        audio = QJsonObject{{QStringLiteral("size"), audioSize},
                            {QStringLiteral("sha256"), audioSha256},
                            {QStringLiteral("path"), audioPath}};
    }
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("tenant"), tenant},
        {QStringLiteral("created"), created},
        {QStringLiteral("audio"), audio},
        {QStringLiteral("metadataSha256"),
         metadataSha256.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(metadataSha256)},
        {QStringLiteral("committedAt"), isoUtc(committedAt)},
    };
}

bool RecordingStore::find(const QString &id, StoredRecording *recording, bool *found,
                          QString *error) {
    *found = false;
    QSqlQuery query(Database::connection());
    query.prepare(QStringLiteral(
        "SELECT id, tenant, start, audio_path, audio_size, audio_sha256, audio_upload, metadata, "
        "metadata_sha256, committed_at FROM recordings WHERE id = ?"));
    query.addBindValue(id);
    if (!Database::exec(query, QStringLiteral("reading recording %1").arg(id), error))
        return false;
    if (!query.next())
        return true;
    *found = true;
    recording->id = query.value(0).toString();
    recording->tenant = query.value(1).toString();
    recording->start = parseIsoUtc(query.value(2).toString());
    recording->audioPath = query.value(3).toString();
    recording->audioSize = query.value(4).toLongLong();
    recording->audioSha256 = query.value(5).toString();
    recording->audioUpload = query.value(6).toString();
    recording->metadata = query.value(7).toString();
    recording->metadataSha256 = query.value(8).toString();
    recording->committedAt = parseIsoUtc(query.value(9).toString());
    return true;
}

bool RecordingStore::save(const StoredRecording &recording, const QString &committedUpload,
                          QString *error) {
    QSqlDatabase db = Database::connection();
    Transaction transaction(db);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO recordings (id, tenant, start, audio_path, audio_size, audio_sha256, "
        "audio_upload, metadata, metadata_sha256, committed_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET start = excluded.start, audio_path = excluded.audio_path, "
        "audio_size = excluded.audio_size, audio_sha256 = excluded.audio_sha256, "
        "audio_upload = excluded.audio_upload, metadata = excluded.metadata, "
        "metadata_sha256 = excluded.metadata_sha256, updated_at = excluded.updated_at"));
    const auto orNull = [](const QString &text) {
        return text.isEmpty() ? QVariant() : QVariant(text);
    };
    query.addBindValue(recording.id);
    query.addBindValue(recording.tenant);
    query.addBindValue(isoUtc(recording.start));
    query.addBindValue(orNull(recording.audioPath));
    query.addBindValue(recording.hasAudio() ? QVariant(recording.audioSize) : QVariant());
    query.addBindValue(orNull(recording.audioSha256));
    query.addBindValue(orNull(recording.audioUpload));
    query.addBindValue(orNull(recording.metadata));
    query.addBindValue(orNull(recording.metadataSha256));
    query.addBindValue(isoUtc(recording.committedAt));
    query.addBindValue(isoUtc(QDateTime::currentDateTimeUtc()));
    if (!transaction.isActive()) {
        *error = QStringLiteral("cannot begin a database transaction for recording %1")
                     .arg(recording.id);
        return false;
    }
    if (!Database::exec(query, QStringLiteral("storing recording %1").arg(recording.id), error))
        return false;
    if (!committedUpload.isEmpty()) {
        QSqlQuery mark(db);
        mark.prepare(QStringLiteral(
            "UPDATE uploads SET committed_recording = ?, touched_ms = ? WHERE id = ?"));
        mark.addBindValue(recording.id);
        mark.addBindValue(QDateTime::currentMSecsSinceEpoch());
        mark.addBindValue(committedUpload);
        if (!Database::exec(
                mark, QStringLiteral("marking upload %1 committed").arg(committedUpload), error))
            return false;
    }
    return transaction.commit(error);
}

} // namespace Replicall::Target
