// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordingStore.h"

#include "Database.h"
#include "Ids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMutex>
#include <QSqlQuery>
#include <QWaitCondition>
#include <utility>

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

namespace {
const QString SelectColumns =
    QStringLiteral("SELECT id, tenant, start, audio_path, audio_size, audio_sha256, audio_upload, "
                   "metadata, metadata_sha256, committed_at FROM recordings ");

StoredRecording recordingFrom(const QSqlQuery &query) {
    StoredRecording recording;
    recording.id = query.value(0).toString();
    recording.tenant = query.value(1).toString();
    recording.start = parseIsoUtc(query.value(2).toString());
    recording.audioPath = query.value(3).toString();
    recording.audioSize = query.value(4).toLongLong();
    recording.audioSha256 = query.value(5).toString();
    recording.audioUpload = query.value(6).toString();
    recording.metadata = query.value(7).toString();
    recording.metadataSha256 = query.value(8).toString();
    recording.committedAt = parseIsoUtc(query.value(9).toString());
    return recording;
}
} // namespace

bool RecordingStore::find(const QString &id, StoredRecording *recording, bool *found,
                          QString *error) {
    *found = false;
    CachedQuery query(SelectColumns + QStringLiteral("WHERE id = ?"));
    query->bindValue(0, id);
    if (!Database::exec(*query, QStringLiteral("reading recording %1").arg(id), error))
        return false;
    if (!query->next())
        return true;
    *found = true;
    *recording = recordingFrom(*query);
    return true;
}

bool RecordingStore::findMany(const QStringList &ids, QHash<QString, StoredRecording> *found,
                              QString *error) {
    QSqlQuery query(Database::connection());
    query.setForwardOnly(true);
    query.prepare(SelectColumns + QStringLiteral("WHERE id IN (SELECT value FROM json_each(?))"));
    query.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact)));
    if (!Database::exec(query, QStringLiteral("reading %1 recordings").arg(ids.size()), error))
        return false;
    while (query.next()) {
        StoredRecording recording = recordingFrom(query);
        found->insert(recording.id, recording);
    }
    return true;
}

namespace {

// One save inside the open transaction.
bool writeSave(const StoredRecording &recording, const QString &committedUpload, QString *error) {
    CachedQuery query(QStringLiteral(
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
    const QVariantList values = {recording.id,
                                 recording.tenant,
                                 isoUtc(recording.start),
                                 orNull(recording.audioPath),
                                 recording.hasAudio() ? QVariant(recording.audioSize) : QVariant(),
                                 orNull(recording.audioSha256),
                                 orNull(recording.audioUpload),
                                 orNull(recording.metadata),
                                 orNull(recording.metadataSha256),
                                 isoUtc(recording.committedAt),
                                 isoUtc(QDateTime::currentDateTimeUtc())};
    for (int i = 0; i < values.size(); ++i)
        query->bindValue(i, values.at(i));
    if (!Database::exec(*query, QStringLiteral("storing recording %1").arg(recording.id), error))
        return false;
    if (committedUpload.isEmpty())
        return true;
    CachedQuery mark(
        QStringLiteral("UPDATE uploads SET committed_recording = ?, touched_ms = ? WHERE id = ?"));
    mark->bindValue(0, recording.id);
    mark->bindValue(1, QDateTime::currentMSecsSinceEpoch());
    mark->bindValue(2, committedUpload);
    return Database::exec(*mark, QStringLiteral("marking upload %1 committed").arg(committedUpload),
                          error);
}

// Group commit. Every save must be on disk before its request is answered, and
// the fsync that makes a SQLite transaction durable costs milliseconds while
// SQLite lets one writer in at a time: one transaction per save capped the
// target at a few hundred recordings a second. So the saves that arrive while
// one transaction is being written wait and go together into the next one —
// one transaction and one fsync for all of them.
class SaveQueue {
public:
    bool save(const StoredRecording &recording, const QString &committedUpload, QString *error) {
        Pending pending{&recording, &committedUpload};
        QMutexLocker locker(&m_mutex);
        m_waiting.append(&pending);
        while (!pending.done) {
            if (m_writing) {
                m_written.wait(&m_mutex);
                continue;
            }
            // This thread writes the batch of everyone waiting, itself included.
            m_writing = true;
            const QList<Pending *> batch = std::exchange(m_waiting, {});
            locker.unlock();
            write(batch);
            locker.relock();
            m_writing = false;
            for (Pending *done : batch)
                done->done = true;
            m_written.wakeAll();
        }
        if (!pending.ok)
            *error = pending.error;
        return pending.ok;
    }

private:
    struct Pending {
        const StoredRecording *recording;
        const QString *committedUpload;
        bool done = false;
        bool ok = false;
        QString error;
    };

    static void write(const QList<Pending *> &batch) {
        QSqlDatabase db = Database::connection();
        if (batch.size() > 1 && writeTogether(db, batch))
            return;
        // One bad save must not fail the others: each goes alone then.
        for (Pending *pending : batch)
            pending->ok = writeTogether(db, {pending});
    }

    static bool writeTogether(const QSqlDatabase &db, const QList<Pending *> &batch) {
        Transaction transaction(db);
        QString error;
        bool ok = transaction.isActive();
        if (!ok)
            error = QStringLiteral("cannot begin a database transaction");
        for (Pending *pending : batch) {
            if (ok)
                ok = writeSave(*pending->recording, *pending->committedUpload, &error);
        }
        ok = ok && transaction.commit(&error);
        for (Pending *pending : batch) {
            pending->ok = ok;
            pending->error = error;
        }
        return ok;
    }

    QMutex m_mutex;
    QWaitCondition m_written;
    QList<Pending *> m_waiting;
    bool m_writing = false;
};

} // namespace

bool RecordingStore::save(const StoredRecording &recording, const QString &committedUpload,
                          QString *error) {
    static SaveQueue queue;
    return queue.save(recording, committedUpload, error);
}

} // namespace Replicall::Target
