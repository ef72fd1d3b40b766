// SPDX-License-Identifier: GPL-3.0-or-later
#include "TusApi.h"

#include "ChunkWriter.h"
#include "Ids.h"

#include <QHash>

namespace Replicall::Target {

namespace {

const QByteArray TusVersion = QByteArrayLiteral("1.0.0");
const QByteArray OffsetStream = QByteArrayLiteral("application/offset+octet-stream");
const QString UploadsPath = QStringLiteral("/api/replication/v1/uploads/");

HttpResponse tusProblem(const Problem &problem) {
    HttpResponse response = HttpResponse::problem(problem);
    TusApi::addTusHeaders(&response);
    return response;
}

void addExpiresHeader(HttpResponse *response, const QDateTime &touched) {
    response->setHeader("Upload-Expires", httpDate(touched.addSecs(UploadStore::ExpirySeconds)));
}

void addOffsetHeaders(HttpResponse *response, qint64 offset, const QDateTime &touched) {
    response->setHeader("Upload-Offset", QByteArray::number(offset));
    addExpiresHeader(response, touched);
}

// Upload-Metadata: "key base64,key base64,key"
bool parseMetadata(const QByteArray &header, QHash<QString, QString> *metadata, QString *error) {
    const QList<QByteArray> pairs = header.split(',');
    for (const QByteArray &pair : pairs) {
        const QList<QByteArray> parts = pair.trimmed().split(' ');
        if (parts.isEmpty() || parts.first().isEmpty() || parts.size() > 2)
            continue;
        const QString key = QString::fromLatin1(parts.first());
        QString value;
        if (parts.size() == 2) {
            const auto decoded = QByteArray::fromBase64Encoding(
                parts.at(1), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                *error = QStringLiteral("the Upload-Metadata value of '%1' is not base64").arg(key);
                return false;
            }
            value = QString::fromUtf8(decoded.decoded);
        }
        metadata->insert(key, value);
    }
    return true;
}

// Feeds a request body into an upload; created per request, after its headers were checked.
class UploadBodyHandler : public BodyHandler {
public:
    UploadBodyHandler(UploadStore &uploads, std::unique_ptr<ChunkWriter> writer,
                      const Upload &upload, bool creating, TusApi::OnUploadComplete onComplete)
        : m_uploads(uploads)
        , m_writer(std::move(writer))
        , m_upload(upload)
        , m_creating(creating)
        , m_onComplete(std::move(onComplete)) {}

    bool receive(const char *data, size_t size) override { return m_writer->write(data, size); }

    HttpResponse finish() override {
        qint64 offset = 0;
        if (auto problem = m_writer->finish(&offset)) {
            dropCreatedUpload();
            return tusProblem(*problem);
        }
        HttpResponse response = HttpResponse::noContent(m_creating ? 201 : 204);
        bool committed = false;
        if (m_onComplete && offset == m_upload.length) {
            // Only this request knows the new upload's id, and its writer still holds the
            // upload's lock: nothing comes between the last byte and the commit.
            response = m_onComplete(m_upload, m_writer->wholeUploadSha256().value_or(QByteArray()));
            if (response.status >= 300) {
                dropCreatedUpload();
                TusApi::addTusHeaders(&response);
                return response;
            }
            response.status = 201;
            committed = true;
        }
        if (m_creating)
            response.setHeader("Location", (UploadsPath + m_upload.id).toLatin1());
        response.setHeader("Upload-Offset", QByteArray::number(offset));
        // Upload-Expires is the deadline of an unfinished upload; a committed one has
        // none. (Qt's HTTP client reads response headers one byte per read() call,
        // so every header on this path costs the sender a syscall per byte.)
        if (!committed)
            addExpiresHeader(&response, QDateTime::currentDateTimeUtc());
        TusApi::addTusHeaders(&response);
        return response;
    }

    void abandon() override {
        // A client that never learnt the new upload's Location cannot resume it.
        if (m_creating)
            dropCreatedUpload();
        else
            m_writer->keepPartial();
    }

private:
    void dropCreatedUpload() {
        QString error;
        if (m_creating)
            m_uploads.remove(m_upload.id, &error);
    }

    UploadStore &m_uploads;
    std::unique_ptr<ChunkWriter> m_writer; // holds the upload's lock
    Upload m_upload;
    bool m_creating;
    TusApi::OnUploadComplete m_onComplete;
};

} // namespace

TusApi::TusApi(const ServerConfig &config, UploadStore &uploads, const Storage &storage,
               RecordingApi &recordings)
    : m_config(config)
    , m_uploads(uploads)
    , m_storage(storage)
    , m_recordings(recordings) {}

void TusApi::addTusHeaders(HttpResponse *response) {
    response->setHeader("Tus-Resumable", TusVersion);
}

std::optional<Problem> TusApi::checkResumable(const HttpRequest &request) {
    const QByteArray version = request.header("tus-resumable").trimmed();
    if (version == TusVersion)
        return std::nullopt;
    return Problem{
        QStringLiteral("precondition-failed"),
        version.isEmpty()
            ? QStringLiteral(
                  "The request has no Tus-Resumable header; this target speaks tus 1.0.0.")
            : QStringLiteral("Tus-Resumable '%1' is not supported; this target speaks tus 1.0.0.")
                  .arg(QString::fromLatin1(version.left(20)))};
}

HttpResponse TusApi::options() const {
    HttpResponse response = HttpResponse::noContent(204);
    addTusHeaders(&response);
    response.setHeader("Tus-Version", TusVersion);
    response.setHeader("Tus-Extension",
                       "creation,creation-with-upload,checksum,termination,expiration");
    response.setHeader("Tus-Max-Size", QByteArray::number(m_config.maxUploadSize));
    response.setHeader("Tus-Checksum-Algorithm", "sha1,sha256");
    return response;
}

Routed TusApi::create(const HttpRequest &request, const Token &token) {
    Routed routed;
    const auto refuse = [&routed](const QString &code, const QString &detail) {
        routed.response = tusProblem(Problem{code, detail});
        return std::move(routed);
    };
    if (!token.allowsData(QStringLiteral("audio")))
        return refuse(QStringLiteral("data-out-of-scope"),
                      QStringLiteral("The token '%1' may not upload audio.").arg(token.name));
    const QByteArray lengthText = request.header("upload-length").trimmed();
    bool ok = false;
    Upload upload;
    upload.length = lengthText.toLongLong(&ok);
    if (lengthText.isEmpty())
        return refuse(
            QStringLiteral("bad-request"),
            QStringLiteral("Upload-Length is missing (deferred lengths are not supported)."));
    if (!ok || upload.length < 0)
        return refuse(QStringLiteral("bad-request"),
                      QStringLiteral("Upload-Length '%1' is not a byte count.")
                          .arg(QString::fromLatin1(lengthText.left(30))));
    if (upload.length > m_config.maxUploadSize) {
        return refuse(QStringLiteral("too-large"),
                      QStringLiteral(
                          "Upload-Length %1 is over this target's maximum upload size of %2 bytes.")
                          .arg(upload.length)
                          .arg(m_config.maxUploadSize));
    }
    QHash<QString, QString> metadata;
    QString error;
    if (!parseMetadata(request.header("upload-metadata"), &metadata, &error))
        return refuse(QStringLiteral("bad-request"), error);
    upload.tenant = metadata.value(QStringLiteral("tenant"));
    upload.recording = metadata.value(QStringLiteral("recording"));
    upload.fileName = metadata.value(QStringLiteral("filename")).left(255);
    upload.sha256 = metadata.value(QStringLiteral("sha256")).toLower();
    upload.token = token.name;
    if (!isValidId(upload.tenant))
        return refuse(QStringLiteral("bad-request"),
                      QStringLiteral("Upload-Metadata must name a valid 'tenant', not '%1'.")
                          .arg(upload.tenant.left(140)));
    if (!token.allowsTenant(upload.tenant))
        return refuse(QStringLiteral("tenant-out-of-scope"),
                      QStringLiteral("The token '%1' may not upload for tenant '%2'.")
                          .arg(token.name, upload.tenant));
    if (!upload.recording.isEmpty() && !isValidId(upload.recording))
        return refuse(QStringLiteral("invalid-id"),
                      QStringLiteral("The recording id '%1' of Upload-Metadata is not valid.")
                          .arg(upload.recording.left(140)));
    if (!upload.sha256.isEmpty() && !isValidSha256Hex(upload.sha256))
        return refuse(QStringLiteral("bad-request"),
                      QStringLiteral("The 'sha256' of Upload-Metadata is not 64 hex characters."));
    if (auto problem = m_storage.checkFree(
            upload.length, QStringLiteral("an upload of %1 bytes").arg(upload.length))) {
        routed.response = tusProblem(*problem);
        return routed;
    }
    RecordingApi::CommitClaim commit;
    const bool commits = metadata.contains(QStringLiteral("commit"));
    if (commits) {
        if (auto problem = readInlineCommit(request, token, upload,
                                            metadata.value(QStringLiteral("commit")), &commit)) {
            routed.response = tusProblem(*problem);
            return routed;
        }
    }
    // An upload that is committed in its own request is never resumed: it needs no row.
    if (!(commits ? m_uploads.createUnregistered(&upload, &error)
                  : m_uploads.create(&upload, &error)))
        return refuse(QStringLiteral("internal"), error);
    if (commits) {
        return receiveBody(request, upload, true,
                           [this, token, commit](const Upload &created, const QByteArray &sha256) {
                               RecordingApi::CommitClaim claim = commit;
                               claim.audio->upload = created.id;
                               Upload complete = created;
                               complete.offset = complete.length;
                               return m_recordings.commitReceived(
                                   token, claim, complete, QString::fromLatin1(sha256.toHex()));
                           });
    }
    if (request.mayHaveBody())
        return receiveBody(request, upload, true); // creation-with-upload
    routed.response = HttpResponse::noContent(201);
    routed.response.setHeader("Location", (UploadsPath + upload.id).toLatin1());
    addOffsetHeaders(&routed.response, 0, upload.touched);
    addTusHeaders(&routed.response);
    return routed;
}

std::optional<Problem> TusApi::findOwned(const QString &id, const Token &token, Upload *upload) {
    const Problem unknown{QStringLiteral("not-found"),
                          QStringLiteral("There is no upload %1 for this token.").arg(id)};
    if (!isValidUploadId(id))
        return Problem{QStringLiteral("invalid-id"),
                       QStringLiteral("'%1' is not an upload id.").arg(id.left(140))};
    bool found = false;
    QString error;
    if (!m_uploads.find(id, upload, &found, &error))
        return Problem{QStringLiteral("internal"), error};
    if (!found || upload->token != token.name)
        return unknown;
    if (!upload->committedRecording.isEmpty()) {
        return Problem{QStringLiteral("not-found"),
                       QStringLiteral("Upload %1 was committed as recording %2 and is gone.")
                           .arg(id, upload->committedRecording)};
    }
    if (upload->expires() <= QDateTime::currentDateTimeUtc()) {
        UploadLock lock(m_uploads, id);
        if (lock.isLocked())
            m_uploads.remove(id, &error);
        return Problem{QStringLiteral("not-found"),
                       QStringLiteral("Upload %1 expired and was deleted.").arg(id)};
    }
    return std::nullopt;
}

HttpResponse TusApi::head(const QString &id, const Token &token) {
    // A HEAD means the client is about to resume: any older request on the upload is one it
    // gave up on, so it is taken over here, and the offset answered cannot move under the
    // client's feet by that request storing what it received.
    std::optional<UploadLock> lock;
    if (isValidUploadId(id))
        lock.emplace(m_uploads, id, UploadLock::Mode::TakeOver);
    Upload upload;
    if (auto problem = findOwned(id, token, &upload))
        return tusProblem(*problem);
    HttpResponse response = HttpResponse::noContent(200);
    addOffsetHeaders(&response, upload.offset, upload.touched);
    response.setHeader("Upload-Length", QByteArray::number(upload.length));
    response.setHeader("Cache-Control", "no-store");
    addTusHeaders(&response);
    return response;
}

std::optional<Problem> TusApi::checkChunk(const HttpRequest &request, const Upload &upload,
                                          qint64 *maxBytes) const {
    const QByteArray contentType =
        request.header("content-type").split(';').first().trimmed().toLower();
    if (contentType != OffsetStream) {
        return Problem{
            QStringLiteral("unsupported-media-type"),
            QStringLiteral(
                "Upload bytes must be sent as application/offset+octet-stream, not '%1'.")
                .arg(QString::fromLatin1(contentType.left(60)))};
    }
    const qint64 left = upload.length - upload.offset;
    *maxBytes = qMin(m_config.maxChunkSize, left);
    if (request.contentLength > *maxBytes) {
        return Problem{
            QStringLiteral("too-large"),
            request.contentLength > left
                ? QStringLiteral(
                      "The body of %1 bytes passes the end of upload %2 (%3 bytes left).")
                      .arg(request.contentLength)
                      .arg(upload.id.isEmpty() ? QStringLiteral("(new)") : upload.id)
                      .arg(left)
                : QStringLiteral(
                      "The body of %1 bytes is over this target's maximum chunk size of %2 bytes.")
                      .arg(request.contentLength)
                      .arg(m_config.maxChunkSize)};
    }
    const qint64 expected = request.contentLength >= 0 ? request.contentLength : *maxBytes;
    return m_storage.checkFree(expected, QStringLiteral("a chunk of %1 bytes").arg(expected));
}

Routed TusApi::patch(const HttpRequest &request, const QString &id, const Token &token) {
    Routed routed;
    Upload upload;
    if (auto problem = findOwned(id, token, &upload)) {
        routed.response = tusProblem(*problem);
        return routed;
    }
    const QByteArray offsetText = request.header("upload-offset").trimmed();
    bool ok = false;
    const qint64 offset = offsetText.toLongLong(&ok);
    if (!ok || offset < 0) {
        routed.response =
            tusProblem({QStringLiteral("bad-request"),
                        QStringLiteral("Upload-Offset '%1' is missing or not a byte count.")
                            .arg(QString::fromLatin1(offsetText.left(30)))});
        return routed;
    }
    if (offset != upload.offset) {
        routed.response = tusProblem(
            {QStringLiteral("offset-mismatch"),
             QStringLiteral(
                 "Upload-Offset is %1 but upload %2 is at %3; HEAD it and resume from there.")
                 .arg(offset)
                 .arg(id)
                 .arg(upload.offset)});
        addOffsetHeaders(&routed.response, upload.offset, upload.touched);
        return routed;
    }
    return receiveBody(request, upload, false);
}

std::optional<Problem> TusApi::readInlineCommit(const HttpRequest &request, const Token &token,
                                                const Upload &upload, const QString &commitJson,
                                                RecordingApi::CommitClaim *claim) const {
    const auto refuse = [](const QString &detail) {
        return Problem{QStringLiteral("bad-request"), detail};
    };
    if (upload.recording.isEmpty())
        return refuse(QStringLiteral("A 'commit' in Upload-Metadata needs the 'recording' too."));
    if (request.contentLength != upload.length) {
        return refuse(QStringLiteral("A 'commit' in Upload-Metadata needs the whole file in the "
                                     "request: the body has %1 bytes, Upload-Length is %2.")
                          .arg(request.contentLength)
                          .arg(upload.length));
    }
    if (auto problem = m_recordings.readCommit(token, upload.recording, commitJson.toUtf8(), claim))
        return Problem{problem->code,
                       QStringLiteral("The 'commit' of Upload-Metadata: %1").arg(problem->detail)};
    if (!claim->audio || claim->tenant != upload.tenant || claim->audio->size != upload.length)
        return refuse(QStringLiteral("The 'commit' of Upload-Metadata must name this upload's "
                                     "tenant and its audio with size %1.")
                          .arg(upload.length));
    return std::nullopt;
}

Routed TusApi::receiveBody(const HttpRequest &request, const Upload &requested, bool creating,
                           OnUploadComplete onComplete) {
    Routed routed;
    // A request still holding the upload is taken over: its client has most likely gone
    // (the sender only resumes after giving up on it), and waiting for the server to notice
    // a half-open connection would block the resume for minutes.
    auto lock = std::make_unique<UploadLock>(m_uploads, requested.id, UploadLock::Mode::TakeOver);
    Upload upload = requested;
    qint64 maxBytes = 0;
    std::optional<Problem> problem;
    if (!creating)
        problem = checkOffsetUnchanged(requested, &upload);
    if (!problem)
        problem = checkChunk(request, upload, &maxBytes);
    auto writer = std::make_unique<ChunkWriter>(m_uploads, std::move(lock), upload, maxBytes);
    if (onComplete)
        writer->keepWholeUploadSha256();
    if (!problem)
        problem = writer->begin(request.header("upload-checksum"));
    if (problem) {
        if (creating) {
            QString error;
            m_uploads.remove(upload.id, &error);
        }
        routed.response = tusProblem(*problem);
        if (problem->code == QLatin1String("offset-mismatch"))
            addOffsetHeaders(&routed.response, upload.offset, upload.touched);
        return routed;
    }
    routed.handler = std::make_unique<UploadBodyHandler>(m_uploads, std::move(writer), upload,
                                                         creating, std::move(onComplete));
    return routed;
}

std::optional<Problem> TusApi::checkOffsetUnchanged(const Upload &requested, Upload *current) {
    // The request that held the upload until now may have stored more bytes after the
    // offset was checked.
    bool found = false;
    QString error;
    if (!m_uploads.find(requested.id, current, &found, &error))
        return Problem{QStringLiteral("internal"), error};
    if (!found || !current->committedRecording.isEmpty())
        return Problem{QStringLiteral("not-found"),
                       QStringLiteral("Upload %1 is gone.").arg(requested.id)};
    if (current->offset == requested.offset)
        return std::nullopt;
    return Problem{QStringLiteral("offset-mismatch"),
                   QStringLiteral("Upload %1 moved on to offset %2 while this request waited; "
                                  "HEAD it and resume from there.")
                       .arg(requested.id)
                       .arg(current->offset)};
}

HttpResponse TusApi::terminate(const QString &id, const Token &token) {
    Upload upload;
    if (auto problem = findOwned(id, token, &upload))
        return tusProblem(*problem);
    UploadLock lock(m_uploads, id);
    QString error;
    if (!lock.isLocked()) {
        return tusProblem(
            {QStringLiteral("offset-mismatch"),
             QStringLiteral("Upload %1 is being written; terminate it once that request ended.")
                 .arg(id)});
    }
    if (!m_uploads.remove(id, &error))
        return tusProblem({QStringLiteral("internal"), error});
    HttpResponse response = HttpResponse::noContent(204);
    addTusHeaders(&response);
    return response;
}

} // namespace Replicall::Target
