// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChunkWriter.h"

#include "Storage.h"

#include <QFile>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Replicall::Target {

ChunkWriter::ChunkWriter(UploadStore &store, std::unique_ptr<UploadLock> lock, const Upload &upload,
                         qint64 maxBytes)
    : m_store(store)
    , m_lock(std::move(lock))
    , m_upload(upload)
    , m_maxBytes(maxBytes) {}

ChunkWriter::~ChunkWriter() {
    if (m_fd >= 0)
        ::close(m_fd);
}

std::optional<Problem> ChunkWriter::parseChecksum(const QByteArray &header) {
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    const qsizetype space = value.indexOf(' ');
    const QByteArray algorithm = value.left(space).toLower();
    const auto decoded = QByteArray::fromBase64Encoding(value.mid(space + 1).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    m_checksumAlgorithm = QString::fromLatin1(algorithm);
    if (space < 0 || (algorithm != "sha1" && algorithm != "sha256")) {
        return Problem{
            QStringLiteral("bad-request"),
            QStringLiteral("Upload-Checksum '%1' is not '<sha1|sha256> <base64 digest>'.")
                .arg(QString::fromLatin1(value.left(80)))};
    }
    const int digestSize = algorithm == "sha1" ? 20 : 32;
    if (!decoded || decoded.decoded.size() != digestSize) {
        return Problem{QStringLiteral("bad-request"),
                       QStringLiteral("The %1 digest of Upload-Checksum is not %2 bytes of base64.")
                           .arg(m_checksumAlgorithm)
                           .arg(digestSize)};
    }
    m_expectedChecksum = decoded.decoded;
    m_checksum.emplace(algorithm == "sha1" ? Hasher::Algorithm::Sha1 : Hasher::Algorithm::Sha256);
    return std::nullopt;
}

std::optional<Problem> ChunkWriter::begin(const QByteArray &checksumHeader) {
    if (auto problem = parseChecksum(checksumHeader))
        return problem;
    const QString path = m_store.filePath(m_upload.id);
    m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (m_fd < 0) {
        return Problem{QStringLiteral("internal"),
                       QStringLiteral("The file of upload %1 cannot be opened.").arg(m_upload.id)};
    }
    std::optional<Problem> problem;
    if (!m_lock->whileHeld([&] { problem = beginHeld(); }))
        return takenOver();
    return problem;
}

std::optional<Problem> ChunkWriter::beginHeld() {
    struct stat info {};
    if (::fstat(m_fd, &info) != 0) {
        return Problem{QStringLiteral("internal"),
                       QStringLiteral("The file of upload %1 cannot be read.").arg(m_upload.id)};
    }
    if (info.st_size < m_upload.offset) {
        // The disk lost acknowledged bytes; let the sender resume from what is there.
        QString error;
        m_store.setOffset(m_upload.id, info.st_size, &error);
        return Problem{QStringLiteral("offset-mismatch"),
                       QStringLiteral("Upload %1 holds only %2 bytes; resume from there.")
                           .arg(m_upload.id)
                           .arg(qint64(info.st_size))};
    }
    // Bytes past the stored offset are from a request that was never acknowledged.
    if ((info.st_size > m_upload.offset && ::ftruncate(m_fd, m_upload.offset) != 0) ||
        ::lseek(m_fd, m_upload.offset, SEEK_SET) != m_upload.offset) {
        return Storage::writeFailed(errno, QStringLiteral("upload %1").arg(m_upload.id));
    }
    if (m_wantWhole && m_upload.offset == 0 && !checksumIsSha256())
        m_whole.emplace();
    return std::nullopt;
}

bool ChunkWriter::write(const char *data, size_t size) {
    if (m_written + qint64(size) > m_maxBytes)
        return false;
    m_written += qint64(size);
    if (m_writeError != 0)
        return true; // the rest of the body is read and dropped so that the 507 can be sent
    if (m_checksum)
        m_checksum->add(data, size);
    return m_lock->whileHeld([&] {
        while (size > 0) {
            const ssize_t done = ::write(m_fd, data, size);
            if (done < 0 && errno == EINTR)
                continue;
            if (done <= 0) {
                m_writeError = done < 0 ? errno : EIO;
                return;
            }
            if (m_whole)
                m_whole->add(data, size_t(done)); // only what reached the file
            data += done;
            size -= size_t(done);
        }
    });
}

std::optional<Problem> ChunkWriter::finish(qint64 *newOffset) {
    std::optional<Problem> problem;
    if (m_lock->whileHeld([&] { problem = finishHeld(newOffset); }))
        return problem;
    return takenOver();
}

std::optional<Problem> ChunkWriter::takenOver() const {
    const QString dropped =
        m_written == 0 ? QStringLiteral(" before this one wrote anything")
                       : QStringLiteral("; the %1 bytes of this one were dropped").arg(m_written);
    return Problem{QStringLiteral("offset-mismatch"),
                   QStringLiteral("A newer request took upload %1 over%2. HEAD it and resume "
                                  "from there.")
                       .arg(m_upload.id, dropped)};
}

std::optional<Problem> ChunkWriter::finishHeld(qint64 *newOffset) {
    if (m_writeError != 0) {
        cutBack();
        return Storage::writeFailed(m_writeError, QStringLiteral("upload %1").arg(m_upload.id));
    }
    if (m_checksum && m_checksum->result() != m_expectedChecksum) {
        cutBack();
        return Problem{
            QStringLiteral("checksum-mismatch"),
            QStringLiteral("The %1 of the %2 bytes received for upload %3 does not match "
                           "Upload-Checksum; the chunk was discarded.")
                .arg(m_checksumAlgorithm)
                .arg(m_written)
                .arg(m_upload.id)};
    }
    QString error;
    if (!persist(m_upload.offset + m_written, &error)) {
        cutBack();
        if (m_writeError != 0)
            return Storage::writeFailed(m_writeError, QStringLiteral("upload %1").arg(m_upload.id));
        return Problem{QStringLiteral("internal"), error};
    }
    *newOffset = m_upload.offset + m_written;
    if (m_wantWhole && m_upload.offset == 0 && *newOffset == m_upload.length)
        m_wholeSha256 = m_whole ? m_whole->result() : m_expectedChecksum; // checked above
    return std::nullopt;
}

bool ChunkWriter::checksumIsSha256() const {
    return m_checksum && m_checksumAlgorithm == QLatin1String("sha256");
}

std::optional<QByteArray> ChunkWriter::wholeUploadSha256() const {
    if (!m_wholeSha256 || !m_lock->whileHeld([] {}))
        return std::nullopt;
    return m_wholeSha256;
}

void ChunkWriter::keepPartial() {
    m_lock->whileHeld([this] {
        QString error;
        if (m_checksum || m_writeError != 0 || m_written == 0 ||
            !persist(m_upload.offset + m_written, &error))
            cutBack();
    });
}

bool ChunkWriter::persist(qint64 offset, QString *error) {
    // The bytes reach the disk before the offset that acknowledges them is stored.
    if (::fdatasync(m_fd) != 0) {
        m_writeError = errno;
        *error = QStringLiteral("cannot flush upload %1 to disk").arg(m_upload.id);
        return false;
    }
    // An unregistered upload has no row: its one request is its whole life.
    return !m_upload.registered || m_store.setOffset(m_upload.id, offset, error);
}

void ChunkWriter::cutBack() {
    if (m_fd >= 0 && ::ftruncate(m_fd, m_upload.offset) != 0) {
        // The next request truncates again before writing; nothing is lost by failing here.
    }
}

} // namespace Replicall::Target
