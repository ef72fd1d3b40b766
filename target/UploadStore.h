// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>
#include <memory>
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
    // False for an upload that lives for its one request only (a small recording sent
    // with its commit): it has a file but no database row.
    bool registered = true;

    bool isComplete() const { return offset == length; }
    QDateTime expires() const;
};

class UploadStore {
    friend class UploadLock;

public:
    static constexpr qint64 ExpirySeconds = 24 * 60 * 60;

    explicit UploadStore(const QString &dataDir);

    QString filePath(const QString &id) const;

    // Mints the id, creates the empty file and the row.
    bool create(Upload *upload, QString *error);
    // Mints the id and creates the empty file of an upload without a row (registered false).
    bool createUnregistered(Upload *upload, QString *error);
    // False with an error on a database failure; *found tells whether it exists.
    bool find(const QString &id, Upload *upload, bool *found, QString *error);
    bool setOffset(const QString &id, qint64 offset, QString *error);
    // Deletes file and row.
    bool remove(const QString &id, QString *error);
    // Deletes uploads not touched for ExpirySeconds, and files of unregistered uploads
    // left by a crash; returns how many.
    int removeExpired(QString *error);

    // Who may write an upload's file: one request at a time. `mutex` is held around every
    // write to the file and every change of its offset; `holder` is the ticket of the
    // request that owns the upload now.
    struct WriteGuard {
        QMutex mutex;
        quint64 holder = 0;
    };
    // Returns a ticket, or 0 while another request holds the upload.
    quint64 tryLock(const QString &id, std::shared_ptr<WriteGuard> *guard);
    // Takes the upload over from a request that still holds it: that request's client may be
    // gone without the server having noticed yet (a half-open connection, an abort not yet
    // processed), and a resume must not wait for it. Waits for a write of the old holder in
    // progress; from then on its writes fail and it leaves file and offset alone.
    quint64 takeOver(const QString &id, std::shared_ptr<WriteGuard> *guard);
    void unlock(const QString &id, quint64 ticket);

private:
    QString m_uploadDir;
    QMutex m_mutex; // guards m_guards, m_lastTicket and WriteGuard::holder
    QHash<QString, std::shared_ptr<WriteGuard>> m_guards;
    quint64 m_lastTicket = 0;
};

// Holds an upload's lock for the lifetime of a request.
class UploadLock {
public:
    enum class Mode { IfFree, TakeOver };

    UploadLock(UploadStore &store, const QString &id, Mode mode = Mode::IfFree)
        : m_store(store)
        , m_id(id)
        , m_ticket(mode == Mode::TakeOver ? store.takeOver(id, &m_guard)
                                          : store.tryLock(id, &m_guard)) {}
    ~UploadLock() {
        if (m_ticket != 0)
            m_store.unlock(m_id, m_ticket);
    }
    UploadLock(const UploadLock &) = delete;
    UploadLock &operator=(const UploadLock &) = delete;
    bool isLocked() const { return m_ticket != 0; }

    // Runs `change` (a write to the file, an offset change) with the write guard held and
    // returns true, or returns false without running it once a newer request took over.
    template <typename Change> bool whileHeld(Change change) {
        if (!m_guard)
            return false;
        QMutexLocker locker(&m_guard->mutex);
        if (!stillHeld())
            return false;
        change();
        return true;
    }

private:
    bool stillHeld() {
        QMutexLocker locker(&m_store.m_mutex);
        return m_guard->holder == m_ticket;
    }

    UploadStore &m_store;
    QString m_id;
    std::shared_ptr<UploadStore::WriteGuard> m_guard;
    quint64 m_ticket;
};

} // namespace Replicall::Target
