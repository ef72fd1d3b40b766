// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/TusUpload.h"

#include "model/FileStat.h"
#include "model/Sha256.h"
#include "transfer/FileWindow.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

const QByteArray OctetStream = QByteArrayLiteral("application/offset+octet-stream");

qint64 headerNumber(QNetworkReply *reply, const QByteArray &name, bool *ok) {
    const QByteArray value = reply->rawHeader(name);
    const qint64 number = value.toLongLong(ok);
    *ok = *ok && number >= 0;
    return number;
}

// Streams [offset, offset + length) of path as the body of a request.
QNetworkReply *sendWindow(QNetworkAccessManager *network, QNetworkRequest request,
                          const QByteArray &verb, std::unique_ptr<FileWindow> window) {
    request.setHeader(QNetworkRequest::ContentTypeHeader, OctetStream);
    request.setHeader(QNetworkRequest::ContentLengthHeader, window->size());
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    QNetworkReply *reply = network->sendCustomRequest(request, verb, window.get());
    window.release()->setParent(reply); // the body must live as long as the reply
    return reply;
}

} // namespace

TusUpload::TusUpload(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                     const UploadSource &source, QObject *parent)
    : NetworkCall(network, endpoint, parent)
    , m_source(source) {}

QString TusUpload::uploadId() const {
    return m_uploadUrl.path().section(u'/', -1);
}

void TusUpload::start() {
    if (m_source.chunkSize <= 0) {
        finish(TransferError::recording(
            u"bad-request"_s,
            u"upload chunk size must be positive, not %1"_s.arg(m_source.chunkSize)));
        return;
    }
    const FileStat info = FileStat::of(m_source.path);
    if (!info.isFile()) {
        finish(fileError(u"it does not exist or is not a file"_s));
        return;
    }
    if (info.size != m_source.size) {
        finish(fileError(
            u"it is %1 bytes long, %2 were expected"_s.arg(info.size).arg(m_source.size)));
        return;
    }
    const qint64 mtime = info.mtimeMs();
    if (m_source.mtimeMs == 0) {
        m_source.mtimeMs = mtime;
    } else if (mtime != m_source.mtimeMs) {
        finish(fileError(u"it was modified after it was hashed"_s));
        return;
    }

    if (m_source.sha256.isEmpty())
        m_sendingHash = std::make_unique<SendingHash>(m_source.path);

    // The token may only go to the target itself, never to a stored URL elsewhere.
    if (m_source.resumeUrl.isValid() && endpoint().isSameOrigin(m_source.resumeUrl))
        probe(m_source.resumeUrl, true);
    else
        create();
}

void TusUpload::create() {
    if (m_source.size <= m_source.chunkSize) {
        createWithBody();
        return;
    }
    exchange(
        [this] {
            QNetworkRequest request = tusRequest(endpoint().apiUrl(u"/uploads"_s));
            request.setRawHeader("Upload-Length", QByteArray::number(m_source.size));
            request.setRawHeader("Upload-Metadata", uploadMetadata());
            request.setHeader(QNetworkRequest::ContentLengthHeader, 0);
            return network()->post(request, QByteArray());
        },
        [this](QNetworkReply *reply, const QByteArray &) {
            if (!acceptLocation(reply))
                return;
            ++m_creations;
            m_offset = 0;
            m_resumedFrom = 0;
            Q_EMIT created(m_uploadUrl);
            patchNext();
        });
}

// A small file goes in one request: creation-with-upload, checked with the
// SHA-256 already computed for the whole file.
void TusUpload::createWithBody() {
    if (!fileUnchanged())
        return;
    afterPacing(m_source.size, [this] { sendWholeFile(); });
}

void TusUpload::sendWholeFile() {
    exchange(
        [this]() -> QNetworkReply * {
            auto window = openWindow(0, m_source.size);
            if (!window)
                return nullptr;
            QNetworkRequest request = tusRequest(endpoint().apiUrl(u"/uploads"_s));
            request.setRawHeader("Upload-Length", QByteArray::number(m_source.size));
            request.setRawHeader("Upload-Metadata", uploadMetadata());
            if (!m_source.sha256.isEmpty())
                request.setRawHeader("Upload-Checksum",
                                     "sha256 " + QByteArray::fromHex(m_source.sha256).toBase64());
            // No progress on the way: a file this small is done before anyone would look.
            return sendWindow(network(), request, "POST", std::move(window));
        },
        [this](QNetworkReply *reply, const QByteArray &body) {
            if (!acceptLocation(reply))
                return;
            ++m_creations;
            if (!m_source.commit.isEmpty())
                m_commitAnswer = body;
            bool ok = false;
            const qint64 offset = headerNumber(reply, "Upload-Offset", &ok);
            if (!ok || offset != m_source.size) {
                finish(badAnswer(u"POST /uploads"_s,
                                 u"Upload-Offset is \"%1\" after a %2-byte body"_s
                                     .arg(QString::fromLatin1(reply->rawHeader("Upload-Offset")))
                                     .arg(m_source.size)));
                return;
            }
            m_offset = offset;
            m_bytesSent = offset;
            if (fileUnchanged())
                finishSending();
        });
}

void TusUpload::probe(const QUrl &url, bool resuming) {
    exchange([this, url] { return network()->head(tusRequest(url)); },
             [this, url, resuming](QNetworkReply *reply, const QByteArray &) {
                 bool offsetOk = false, lengthOk = false;
                 const qint64 offset = headerNumber(reply, "Upload-Offset", &offsetOk);
                 const qint64 length = headerNumber(reply, "Upload-Length", &lengthOk);
                 if (!offsetOk) {
                     finish(badAnswer(u"HEAD on an upload"_s, u"Upload-Offset is missing"_s));
                     return;
                 }
                 // An upload of another length is not this file's: start over.
                 if ((lengthOk && length != m_source.size) || offset > m_source.size) {
                     create();
                     return;
                 }
                 m_uploadUrl = url;
                 m_offset = offset;
                 if (resuming) {
                     m_resumedFrom = offset;
                     Q_EMIT progress(offset);
                 }
                 patchNext();
             },
             [this](QNetworkReply *reply, const TransferError &) {
                 // The upload expired, never existed or is not this token's: a new one
                 // is made, and should that be refused too, its answer says why.
                 const int status =
                     reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                 if (status != 400 && status != 403 && status != 404 && status != 410)
                     return false;
                 create();
                 return true;
             });
}

void TusUpload::patchNext() {
    if (!fileUnchanged())
        return;
    if (m_offset >= m_source.size) {
        finishSending();
        return;
    }
    const qint64 offset = m_offset;
    const qint64 length = qMin(m_source.chunkSize, m_source.size - offset);
    afterPacing(length, [this, offset, length] { sendChunk(offset, length); });
}

void TusUpload::sendChunk(qint64 offset, qint64 length) {
    exchange(
        [this, offset, length]() -> QNetworkReply * {
            auto window = openWindow(offset, length);
            if (!window)
                return nullptr;
            QNetworkRequest request = tusRequest(m_uploadUrl);
            request.setRawHeader("Upload-Offset", QByteArray::number(offset));
            if (m_source.checksumChunks) {
                Sha256 chunk;
                char block[64 * 1024];
                for (qint64 got; (got = window->read(block, sizeof block)) > 0;)
                    chunk.addData(block, got);
                if (!window->atEnd() || !window->seek(0)) {
                    finish(fileError(window->errorString(), u"file-unreadable"_s));
                    return nullptr;
                }
                request.setRawHeader("Upload-Checksum", "sha256 " + chunk.result().toBase64());
            }
            QNetworkReply *reply = sendWindow(network(), request, "PATCH", std::move(window));
            connect(reply, &QNetworkReply::uploadProgress, this,
                    [this, offset](qint64 sent, qint64) { Q_EMIT progress(offset + sent); });
            return reply;
        },
        [this, offset, length](QNetworkReply *reply, const QByteArray &) {
            bool ok = false;
            const qint64 newOffset = headerNumber(reply, "Upload-Offset", &ok);
            if (!ok || newOffset <= offset || newOffset > offset + length) {
                finish(badAnswer(u"PATCH on an upload"_s,
                                 u"Upload-Offset is \"%1\" after sending bytes %2 to %3"_s
                                     .arg(QString::fromLatin1(reply->rawHeader("Upload-Offset")))
                                     .arg(offset)
                                     .arg(offset + length)));
                return;
            }
            m_bytesSent += newOffset - offset;
            m_offset = newOffset;
            resetRetries();
            Q_EMIT progress(m_offset);
            patchNext();
        },
        [this](QNetworkReply *, const TransferError &error) {
            if (error.kind != TransferError::Kind::Transient)
                return false;
            // Part of the chunk may have arrived: ask the target where to go on.
            retryLater([this] { probe(m_uploadUrl, false); }, error);
            return true;
        });
}

std::unique_ptr<FileWindow> TusUpload::openWindow(qint64 offset, qint64 length) {
    QString error;
    if (m_sendingHash && !m_sendingHash->catchUp(offset, &error)) {
        finish(fileError(error, u"file-unreadable"_s));
        return nullptr;
    }
    auto window = std::make_unique<FileWindow>(m_source.path, offset, length);
    if (!window->open(QIODevice::ReadOnly)) {
        finish(fileError(window->errorString(), u"file-unreadable"_s));
        return nullptr;
    }
    if (m_sendingHash) {
        // Lives in this thread, as the window is read here (Qt forwards the bytes).
        window->setReadObserver(
            [hash = m_sendingHash.get()](qint64 at, const char *data, qint64 size) {
                hash->read(at, data, size);
            });
    }
    return window;
}

void TusUpload::finishSending() {
    if (m_sendingHash) {
        QString error;
        const std::optional<QByteArray> sha = m_sendingHash->finish(m_source.size, &error);
        if (!sha) {
            finish(fileError(error, u"file-unreadable"_s));
            return;
        }
        m_source.sha256 = *sha;
    }
    finish();
}

void TusUpload::afterPacing(qint64 bytes, const std::function<void()> &send) {
    const std::chrono::milliseconds wait =
        m_source.pace ? m_source.pace(bytes) : std::chrono::milliseconds(0);
    if (wait.count() <= 0) {
        send();
        return;
    }
    QTimer::singleShot(wait, this, [this, send] {
        if (!isFinished()) // aborted while waiting
            send();
    });
}

bool TusUpload::acceptLocation(QNetworkReply *reply) {
    const QByteArray location = reply->rawHeader("Location");
    const QUrl url = reply->url().resolved(QUrl::fromEncoded(location));
    if (location.isEmpty() || !url.isValid() || url.path().section(u'/', -1).isEmpty()) {
        finish(badAnswer(u"POST /uploads"_s, u"the Location of the new upload is missing"_s));
        return false;
    }
    if (!endpoint().isSameOrigin(url)) {
        finish(TransferError::fatal(
            u"redirect"_s,
            u"target placed the upload on another host (%1); the token is not sent there"_s.arg(
                url.host())));
        return false;
    }
    m_uploadUrl = url;
    return true;
}

bool TusUpload::fileUnchanged() {
    const FileStat info = FileStat::of(m_source.path);
    if (!info.isFile()) {
        finish(fileError(u"it disappeared during the upload"_s));
        return false;
    }
    if (info.size != m_source.size || info.mtimeMs() != m_source.mtimeMs) {
        finish(
            fileError(u"it changed during the upload (now %1 bytes, was %2)"_s.arg(info.size).arg(
                m_source.size)));
        return false;
    }
    return true;
}

QNetworkRequest TusUpload::tusRequest(const QUrl &url) const {
    QNetworkRequest request = endpoint().request(url);
    request.setRawHeader("Tus-Resumable", "1.0.0");
    return request;
}

QByteArray TusUpload::uploadMetadata() const {
    const std::pair<const char *, QString> pairs[] = {
        {"recording", m_source.recordingId},
        {"tenant", m_source.tenant},
        {"filename", m_source.fileName},
        {"sha256", QString::fromLatin1(m_source.sha256)},
    };
    QByteArrayList items;
    for (const auto &[key, value] : pairs) {
        if (!value.isEmpty())
            items << QByteArray(key) + ' ' + value.toUtf8().toBase64();
    }
    // Only a request with the whole file may commit it.
    if (!m_source.commit.isEmpty() && m_source.size <= m_source.chunkSize)
        items << "commit " + m_source.commit.toBase64();
    return items.join(',');
}

TransferError TusUpload::fileError(const QString &problem, const QString &code) const {
    return TransferError::recording(code, u"cannot upload audio file %1 of recording %2: %3"_s.arg(
                                              m_source.path, m_source.recordingId, problem));
}

} // namespace Replicall
