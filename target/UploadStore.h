// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Hasher.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <optional>

namespace Replicall::Target {

// One tus upload: a file <data-dir>/.uploads/<id> plus a row in the database.
struct Upload {
    QString id;
    QString token; // name of the token that created it; other tokens never see it
    QString tenant;
    QString recording;
    QString fileName;
    QString sha256; // claimed by the sender, lower-case hex, may be empty
    qint64 length = 0;
    qint64 offset = 0;
    QDateTime created;
    QDateTime touched;
    QString committedRecording; // set once the upload was moved into storage

    bool isComplete() const { return offset == length; }
    QDateTime expires() const;
};

class UploadStore {
public:
    static constexpr qint64 ExpirySeconds = 24 * 60 * 60;

    explicit UploadStore(const QString &dataDir);

    QString filePath(const QString &id) const;

    // Mints the id, creates the empty file and the row.
    bool create(Upload *upload, QString *error);
    // False with an error on a database failure; *found tells whether it exists.
    bool find(const QString &id, Upload *upload, bool *found, QString *error);
    bool setOffset(const QString &id, qint64 offset, QString *error);
    // Deletes file, row and cached hash.
    bool remove(const QString &id, QString *error);
    // Deletes uploads not touched for ExpirySeconds; returns how many.
    int removeExpired(QString *error);

    // One request at a time per upload: a second PATCH while one runs is refused.
    bool tryLock(const QString &id);
    void unlock(const QString &id);

    // The running SHA-256 of the upload's first `offset` bytes; computed from the file
    // when it is not cached (after a restart).
    bool hasherAt(const Upload &upload, Hasher *hasher, QString *error);
    void keepHasher(const QString &id, qint64 offset, const Hasher &hasher);
    // Lower-case hex SHA-256 of the complete upload.
    bool sha256Of(const Upload &upload, QString *hex, QString *error);

private:
    struct CachedHash {
        qint64 offset = 0;
        Hasher hasher;
    };

    QString m_uploadDir;
    QMutex m_mutex;
    QSet<QString> m_locked;
    QHash<QString, CachedHash> m_hashes;
};

// Holds an upload's lock for the lifetime of a request.
class UploadLock {
public:
    UploadLock(UploadStore &store, const QString &id)
        : m_store(store)
        , m_id(id)
        , m_locked(store.tryLock(id)) {}
    ~UploadLock() {
        if (m_locked)
            m_store.unlock(m_id);
    }
    UploadLock(const UploadLock &) = delete;
    UploadLock &operator=(const UploadLock &) = delete;
    bool isLocked() const { return m_locked; }

private:
    UploadStore &m_store;
    QString m_id;
    bool m_locked;
};

} // namespace Replicall::Target
