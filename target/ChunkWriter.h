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
//   any step after a newer request took the upload over (UploadLock::Mode::TakeOver):
//                      write fails, finish answers offset-mismatch, nothing is stored
//
// The running SHA-256 of the whole upload is continued on a copy, which replaces the
// cached one only when the new offset is stored.
class ChunkWriter {
public:
    // Writes only while `lock` is held; a newer request may take the upload over.
    ChunkWriter(UploadStore &store, std::unique_ptr<UploadLock> lock, const Upload &upload,
                qint64 maxBytes);
    ~ChunkWriter();
    ChunkWriter(const ChunkWriter &) = delete;
    ChunkWriter &operator=(const ChunkWriter &) = delete;

    // checksumHeader: the Upload-Checksum value ("sha256 <base64>"), may be empty.
    std::optional<Problem> begin(const QByteArray &checksumHeader);
    // False once more than maxBytes arrived or the upload was taken over (the caller then
    // drops the connection).
    bool write(const char *data, size_t size);
    std::optional<Problem> finish(qint64 *newOffset);
    void keepPartial();

private:
    std::optional<Problem> parseChecksum(const QByteArray &header);
    std::optional<Problem> finishHeld(qint64 *newOffset);
    bool persist(qint64 offset, QString *error);
    void cutBack();

    UploadStore &m_store;
    std::unique_ptr<UploadLock> m_lock;
    Upload m_upload;
    qint64 m_maxBytes;
    int m_fd = -1;
    qint64 m_written = 0;
    int m_writeError = 0;
    Hasher m_running;
    std::optional<Hasher> m_checksum;
    QByteArray m_expectedChecksum;
    QString m_checksumAlgorithm;
};

} // namespace Replicall::Target
