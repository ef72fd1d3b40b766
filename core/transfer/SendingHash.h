// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Sha256.h"

#include <QString>
#include <optional>

namespace Replicall {

// The SHA-256 of a file taken from the bytes read to send it, so that a large
// recording is read once rather than twice (hash, then send). Bytes count only
// in file order: a chunk that is sent again is not hashed again, and what was
// never read for sending (the part before a resumed upload's offset) is read
// from the file when the upload moves past it.
class SendingHash {
public:
    explicit SendingHash(const QString &path)
        : m_path(path) {}

    // Bytes of the file at `offset` as they were read for sending.
    void read(qint64 offset, const char *data, qint64 size);
    // Hashes [hashedTo(), offset) from the file, before sending from offset on.
    bool catchUp(qint64 offset, QString *error);
    qint64 hashedTo() const { return m_hashedTo; }
    // The hex digest of the file's first `size` bytes (reading what is missing).
    std::optional<QByteArray> finish(qint64 size, QString *error);

private:
    QString m_path;
    Sha256 m_sha;
    qint64 m_hashedTo = 0;
};

} // namespace Replicall
