// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Hasher.h"
#include "Problem.h"
#include "UploadStore.h"

#include <memory>
#include <optional>

namespace Replicall::Target {

// Appends one request body to an upload at its stored offset.
//
//   begin ─▶ write… ─▶ finish ──(checksum ok, fdatasync, offset stored)──▶ new offset
//                        └────(checksum wrong / write failed)──▶ file cut back, offset kept
//   begin ─▶ write… ─▶ keepPartial (client hung up): the bytes that arrived are kept when
//                                   no checksum was announced, as tus allows
//   any step after a newer request took the upload over (UploadLock::Mode::TakeOver),
//   begin included: it fails and leaves file and offset alone, finish answers
//   offset-mismatch
//
// Every change to the file or the offset happens under UploadLock::whileHeld: the offset a
// request read after taking the upload is only current while nobody took it over since,
// and truncating by a stale one cut bytes another request had written and acknowledged.
class ChunkWriter {
public:
    // Writes only while `lock` is held; a newer request may take the upload over.
    ChunkWriter(UploadStore &store, std::unique_ptr<UploadLock> lock, const Upload &upload,
                qint64 maxBytes);
    ~ChunkWriter();
    ChunkWriter(const ChunkWriter &) = delete;
    ChunkWriter &operator=(const ChunkWriter &) = delete;

    // Asks for wholeUploadSha256(); call before begin(). Costs a hash of the body unless
    // its Upload-Checksum is a SHA-256 (verified anyway, so it is that).
    void keepWholeUploadSha256() { m_wantWhole = true; }
    // checksumHeader: the Upload-Checksum value ("sha256 <base64>"), may be empty.
    std::optional<Problem> begin(const QByteArray &checksumHeader);
    // False once more than maxBytes arrived or the upload was taken over (the caller then
    // drops the connection).
    bool write(const char *data, size_t size);
    std::optional<Problem> finish(qint64 *newOffset);
    void keepPartial();

    // The raw SHA-256 of the whole upload, when this request wrote all of it: it began at
    // offset 0, finish() stored the upload's full length, and no newer request has taken
    // the upload over (checked now). std::nullopt otherwise; then hash the file.
    std::optional<QByteArray> wholeUploadSha256() const;

private:
    std::optional<Problem> parseChecksum(const QByteArray &header);
    std::optional<Problem> beginHeld();
    std::optional<Problem> finishHeld(qint64 *newOffset);
    std::optional<Problem> takenOver() const;
    bool checksumIsSha256() const;
    bool persist(qint64 offset, QString *error);
    void cutBack();

    UploadStore &m_store;
    std::unique_ptr<UploadLock> m_lock;
    Upload m_upload;
    qint64 m_maxBytes;
    int m_fd = -1;
    qint64 m_written = 0;
    int m_writeError = 0;
    bool m_wantWhole = false;
    std::optional<Hasher> m_whole; // of the bytes written, when the request began at offset 0
    std::optional<QByteArray> m_wholeSha256;
    std::optional<Hasher> m_checksum;
    QByteArray m_expectedChecksum;
    QString m_checksumAlgorithm;
};

} // namespace Replicall::Target
