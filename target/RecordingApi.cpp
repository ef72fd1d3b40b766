// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordingApi.h"

#include "Hasher.h"
#include "Ids.h"
#include "JsonFields.h"
#include "RecordingStore.h"
#include "Storage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace Replicall::Target {

namespace {

HttpResponse internalError(const QString &error) {
    return HttpResponse::problem(QStringLiteral("internal"), error);
}

QString storedExtension(const QString &fileName) {
    static const QStringList known = {QStringLiteral("wav"),  QStringLiteral("mp3"),
                                      QStringLiteral("ogg"),  QStringLiteral("opus"),
                                      QStringLiteral("flac"), QStringLiteral("m4a"),
                                      QStringLiteral("gsm")};
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return u'.' + (known.contains(suffix) ? suffix : QStringLiteral("bin"));
}

} // namespace

RecordingApi::RecordingApi(const ServerConfig &config, UploadStore &uploads)
    : m_config(config)
    , m_uploads(uploads) {}

QString RecordingApi::audioPath(const QString &tenant, const QDateTime &start, const QString &id,
                                const QString &fileName) {
    // tenant and id were checked against the id pattern: no '/', no leading '.'.
    const QDate day = start.toUTC().date();
    return QStringLiteral("%1/%2/%3/%4/%5%6")
        .arg(tenant)
        .arg(day.year(), 4, 10, QLatin1Char('0'))
        .arg(day.month(), 2, 10, QLatin1Char('0'))
        .arg(day.day(), 2, 10, QLatin1Char('0'))
        .arg(id, storedExtension(fileName));
}

std::optional<Problem> RecordingApi::readAudioClaim(const QJsonObject &audio,
                                                    AudioClaim *claim) const {
    const JsonFields fields(audio, QStringLiteral("audio"));
    if (auto problem = fields.integer(QStringLiteral("size"), &claim->size))
        return problem;
    if (auto problem = fields.string(QStringLiteral("sha256"), true, &claim->sha256))
        return problem;
    if (!isValidSha256Hex(claim->sha256)) {
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("The field 'audio.sha256' must be 64 hex characters.")};
    }
    claim->sha256 = claim->sha256.toLower();
    if (auto problem = fields.string(QStringLiteral("fileName"), false, &claim->fileName))
        return problem;
    if (auto problem = fields.string(QStringLiteral("upload"), false, &claim->upload))
        return problem;
    if (!claim->upload.isEmpty() && !isValidUploadId(claim->upload)) {
        return Problem{
            QStringLiteral("bad-request"),
            QStringLiteral("The field 'audio.upload' is not an upload id of this target.")};
    }
    return std::nullopt;
}

std::optional<Problem> RecordingApi::readCommit(const Token &token, const QString &id,
                                                const QByteArray &body, CommitClaim *claim) const {
    QJsonObject request;
    if (auto problem = JsonFields::parseObject(body, &request))
        return problem;
    const JsonFields fields(request, QString());
    claim->id = id;
    QString startText;
    if (auto problem = fields.id(QStringLiteral("tenant"), &claim->tenant))
        return problem;
    if (!token.allowsTenant(claim->tenant)) {
        return Problem{QStringLiteral("tenant-out-of-scope"),
                       QStringLiteral("The token '%1' may not store recordings of tenant '%2'.")
                           .arg(token.name, claim->tenant)};
    }
    if (auto problem = fields.string(QStringLiteral("start"), true, &startText))
        return problem;
    claim->start = parseIsoUtc(startText);
    if (!claim->start.isValid()) {
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("The field 'start' ('%1') is not an ISO-8601 time.")
                           .arg(startText.left(40))};
    }
    const bool withMetadata = fields.has(QStringLiteral("metadata"));
    const bool withAudio = fields.has(QStringLiteral("audio"));
    if (!withMetadata && !withAudio) {
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("A commit needs 'metadata', 'audio' or both.")};
    }
    for (const QString &kind : {QStringLiteral("metadata"), QStringLiteral("audio")}) {
        if (fields.has(kind) && !token.allowsData(kind)) {
            return Problem{
                QStringLiteral("data-out-of-scope"),
                QStringLiteral("The token '%1' may not replicate %2.").arg(token.name, kind)};
        }
    }
    if (withMetadata) {
        QJsonObject metadata;
        if (auto problem = fields.object(QStringLiteral("metadata"), &metadata))
            return problem;
        claim->metadata = metadata;
    }
    if (withAudio) {
        QJsonObject audio;
        if (auto problem = fields.object(QStringLiteral("audio"), &audio))
            return problem;
        AudioClaim audioClaim;
        if (auto problem = readAudioClaim(audio, &audioClaim))
            return problem;
        claim->audio = audioClaim;
    }
    return std::nullopt;
}

HttpResponse RecordingApi::commit(const Token &token, const QString &id, const QByteArray &body) {
    CommitClaim claim;
    if (auto problem = readCommit(token, id, body, &claim))
        return HttpResponse::problem(*problem);
    // Serialises commits that use the same upload; the PATCH path holds the same lock.
    std::optional<UploadLock> uploadLock;
    if (claim.audio && !claim.audio->upload.isEmpty()) {
        uploadLock.emplace(m_uploads, claim.audio->upload);
        if (!uploadLock->isLocked()) {
            return HttpResponse::problem(
                QStringLiteral("upload-incomplete"),
                QStringLiteral("Upload %1 is still being written.").arg(claim.audio->upload));
        }
    }
    return store(token, claim, nullptr, QString());
}

HttpResponse RecordingApi::commitReceived(const Token &token, const CommitClaim &claim,
                                          const Upload &received, const QString &receivedSha256) {
    return store(token, claim, &received, receivedSha256);
}

HttpResponse RecordingApi::store(const Token &token, const CommitClaim &claim,
                                 const Upload *received, const QString &receivedSha256) {
    const QString &id = claim.id;
    StoredRecording recording;
    recording.id = id;
    recording.tenant = claim.tenant;
    recording.start = claim.start;
    QString error;
    StoredRecording held;
    bool isHeld = false;
    if (!RecordingStore::find(id, &held, &isHeld, &error))
        return internalError(error);
    if (isHeld && held.tenant != recording.tenant) {
        return HttpResponse::problem(
            QStringLiteral("conflict"),
            QStringLiteral("Recording %1 is stored for another tenant.").arg(id));
    }
    if (isHeld) {
        // What the commit does not mention stays as it is.
        recording.audioPath = held.audioPath;
        recording.audioSize = held.audioSize;
        recording.audioSha256 = held.audioSha256;
        recording.audioUpload = held.audioUpload;
        recording.metadata = held.metadata;
        recording.metadataSha256 = held.metadataSha256;
        recording.committedAt = held.committedAt;
    } else {
        recording.committedAt = QDateTime::currentDateTimeUtc();
    }
    QString committedUpload;
    if (claim.audio) {
        if (auto problem = takeAudio(token, *claim.audio, isHeld, received, receivedSha256,
                                     &recording, &committedUpload))
            return HttpResponse::problem(*problem);
    }
    if (claim.metadata) {
        const QByteArray compact = QJsonDocument(*claim.metadata).toJson(QJsonDocument::Compact);
        recording.metadata = QString::fromUtf8(compact);
        recording.metadataSha256 = QString::fromLatin1(Hasher::sha256Hex(compact));
    }
    // An unregistered upload has no row to mark as committed.
    const bool marks = !received || received->registered;
    if (!RecordingStore::save(recording, marks ? committedUpload : QString(), &error))
        return internalError(error);
    if (!committedUpload.isEmpty() && QFile::exists(m_uploads.filePath(committedUpload)))
        QFile::remove(m_uploads.filePath(committedUpload)); // same audio was already held
    if (isHeld && held.hasAudio() && held.audioPath != recording.audioPath)
        QFile::remove(QDir(m_config.dataDir).absoluteFilePath(held.audioPath)); // replaced audio
    return HttpResponse::json(isHeld ? 200 : 201, recording.toCommitJson(!isHeld));
}

std::optional<Problem> RecordingApi::takeAudio(const Token &token, const AudioClaim &claim,
                                               bool held, const Upload *received,
                                               const QString &receivedSha256,
                                               StoredRecording *recording,
                                               QString *committedUpload) {
    const bool sameAudioHeld =
        held && recording->audioSha256 == claim.sha256 && recording->audioSize == claim.size;
    if (claim.upload.isEmpty()) {
        if (sameAudioHeld)
            return std::nullopt;
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("'audio.upload' is missing and the target holds no audio of "
                                      "recording %1 with SHA-256 %2.")
                           .arg(recording->id, claim.sha256)};
    }
    const Problem unknown{
        QStringLiteral("not-found"),
        QStringLiteral("There is no upload %1 for this token (it may have expired).")
            .arg(claim.upload)};
    Upload upload;
    bool found = received != nullptr;
    QString error;
    if (received)
        upload = *received;
    else if (!m_uploads.find(claim.upload, &upload, &found, &error))
        return Problem{QStringLiteral("internal"), error};
    if (!found || upload.token != token.name)
        return unknown;
    if (!upload.committedRecording.isEmpty()) {
        // A repeated commit: answer as the first one did.
        if (upload.committedRecording == recording->id && sameAudioHeld)
            return std::nullopt;
        return Problem{QStringLiteral("conflict"),
                       QStringLiteral("Upload %1 was already committed as recording %2.")
                           .arg(claim.upload, upload.committedRecording)};
    }
    if (upload.tenant != recording->tenant ||
        (!upload.recording.isEmpty() && upload.recording != recording->id)) {
        return Problem{
            QStringLiteral("bad-request"),
            QStringLiteral("Upload %1 was created for recording '%2' of tenant '%3', not for "
                           "recording '%4' of tenant '%5'.")
                .arg(claim.upload, upload.recording, upload.tenant, recording->id,
                     recording->tenant)};
    }
    if (!upload.isComplete()) {
        return Problem{QStringLiteral("upload-incomplete"),
                       QStringLiteral("Upload %1 holds %2 of %3 bytes.")
                           .arg(claim.upload)
                           .arg(upload.offset)
                           .arg(upload.length)};
    }
    if (upload.length != claim.size) {
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("'audio.size' is %1 but upload %2 holds %3 bytes.")
                           .arg(claim.size)
                           .arg(claim.upload)
                           .arg(upload.length)};
    }
    const QString fileName = claim.fileName.isEmpty() ? upload.fileName : claim.fileName;
    const QString relativePath =
        sameAudioHeld ? recording->audioPath
                      : audioPath(recording->tenant, recording->start, recording->id, fileName);
    const QString storedPath = QDir(m_config.dataDir).absoluteFilePath(relativePath);
    const bool movedBefore =
        !QFile::exists(m_uploads.filePath(upload.id)) && QFile::exists(storedPath);
    // The bytes on disk are what is stored and acknowledged, so they are what
    // is hashed: not the running hash kept while the upload arrived, which an
    // interleaving of abandoned and resumed requests could set apart from the
    // file. (A commit that moved the file but died before its database write
    // finds it in storage already.) The upload lock held here keeps writers out.
    // Only a request that wrote the whole upload itself, and verified it on the
    // way, may hand its SHA-256 in instead.
    QString actual = receivedSha256;
    if (actual.isEmpty() || movedBefore) {
        Hasher hasher;
        if (!Hasher::hashFile(movedBefore ? storedPath : m_uploads.filePath(upload.id),
                              upload.length, &hasher, &error))
            return Problem{QStringLiteral("internal"), error};
        actual = QString::fromLatin1(hasher.result().toHex());
    }
    if (actual != claim.sha256) {
        m_uploads.remove(upload.id, &error);
        return Problem{
            QStringLiteral("sha256-mismatch"),
            QStringLiteral(
                "Upload %1 has SHA-256 %2, not the claimed %3; the upload was discarded.")
                .arg(upload.id, actual, claim.sha256)};
    }
    *committedUpload = upload.id;
    if (sameAudioHeld)
        return std::nullopt; // the file is dropped once the database says so
    if (!movedBefore) {
        if (auto problem = moveIntoStorage(upload, relativePath))
            return problem;
    }
    recording->audioPath = relativePath;
    recording->audioSize = upload.length;
    recording->audioSha256 = actual;
    recording->audioUpload = upload.id;
    return std::nullopt;
}

std::optional<Problem> RecordingApi::moveIntoStorage(const Upload &upload,
                                                     const QString &relativePath) {
    const QString target = QDir(m_config.dataDir).absoluteFilePath(relativePath);
    const QString folder = QFileInfo(target).absolutePath();
    QString error;
    if (!QDir().mkpath(folder))
        return Storage::writeFailed(errno, QStringLiteral("folder %1").arg(folder));
    const QString source = m_uploads.filePath(upload.id);
    // The bytes are on disk already: every chunk was flushed (fdatasync) before it was
    // acknowledged. rename() replaces an older audio of the same name atomically, and
    // the folder's fsync makes the new name durable before the database says so.
    if (std::rename(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) !=
        0)
        return Problem{QStringLiteral("internal"),
                       QStringLiteral("cannot move upload %1 to %2: %3")
                           .arg(upload.id, relativePath, QString::fromLocal8Bit(strerror(errno)))};
    if (!Storage::sync(folder, &error))
        return Problem{QStringLiteral("internal"), error};
    return std::nullopt;
}

HttpResponse RecordingApi::lookup(const Token &token, const QByteArray &body) {
    QJsonObject request;
    if (auto problem = JsonFields::parseObject(body, &request))
        return HttpResponse::problem(*problem);
    QJsonArray entries;
    if (auto problem = JsonFields(request, QString()).array(QStringLiteral("recordings"), &entries))
        return HttpResponse::problem(*problem);
    if (entries.size() > m_config.maxLookupBatch) {
        return HttpResponse::problem(
            QStringLiteral("bad-request"),
            QStringLiteral("The lookup asks for %1 recordings; at most %2 per request.")
                .arg(entries.size())
                .arg(m_config.maxLookupBatch));
    }
    struct Asked {
        QString id;
        QString sha256;
    };
    QList<Asked> asked;
    QStringList ids;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("recordings[%1]").arg(i);
        if (!entries.at(i).isObject())
            return HttpResponse::problem(QStringLiteral("bad-request"),
                                         QStringLiteral("'%1' must be an object.").arg(where));
        const JsonFields entry(entries.at(i).toObject(), where);
        Asked one;
        if (auto problem = entry.id(QStringLiteral("id"), &one.id, QStringLiteral("invalid-id")))
            return HttpResponse::problem(*problem);
        if (auto problem = entry.string(QStringLiteral("sha256"), false, &one.sha256))
            return HttpResponse::problem(*problem);
        ids.append(one.id);
        asked.append(one);
    }
    QHash<QString, StoredRecording> stored;
    QString error;
    if (!RecordingStore::findMany(ids, &stored, &error))
        return internalError(error);
    QJsonArray answers;
    for (const Asked &one : std::as_const(asked)) {
        const auto it = stored.constFind(one.id);
        // Recordings of tenants outside the token's scope are not revealed.
        const bool held = it != stored.cend() && token.allowsTenant(it->tenant);
        const StoredRecording recording = held ? *it : StoredRecording();
        const auto textOrNull = [held](const QString &text) {
            return held && !text.isEmpty() ? QJsonValue(text) : QJsonValue(QJsonValue::Null);
        };
        answers.append(QJsonObject{
            {QStringLiteral("id"), one.id},
            {QStringLiteral("held"), held},
            {QStringLiteral("tenant"), textOrNull(recording.tenant)},
            {QStringLiteral("sha256"), textOrNull(recording.audioSha256)},
            {QStringLiteral("size"), held && recording.hasAudio() ? QJsonValue(recording.audioSize)
                                                                  : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("metadataSha256"), textOrNull(recording.metadataSha256)},
            {QStringLiteral("match"),
             held && recording.hasAudio() && !one.sha256.isEmpty() &&
                 one.sha256.compare(recording.audioSha256, Qt::CaseInsensitive) == 0},
        });
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("recordings"), answers}});
}

} // namespace Replicall::Target
