// SPDX-License-Identifier: GPL-3.0-or-later
#include "UploadStore.h"

#include "Database.h"
#include "Ids.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

namespace Replicall::Target {

namespace {

const QString SelectColumns = QStringLiteral(
    "id, token, tenant, recording, file_name, sha256, length, upload_offset, created, touched_ms, "
    "committed_recording");

Upload uploadFromQuery(const QSqlQuery &query) {
    Upload upload;
    upload.id = query.value(0).toString();
    upload.token = query.value(1).toString();
    upload.tenant = query.value(2).toString();
    upload.recording = query.value(3).toString();
    upload.fileName = query.value(4).toString();
    upload.sha256 = query.value(5).toString();
    upload.length = query.value(6).toLongLong();
    upload.offset = query.value(7).toLongLong();
    upload.created = parseIsoUtc(query.value(8).toString());
    upload.touched = QDateTime::fromMSecsSinceEpoch(query.value(9).toLongLong(), Qt::UTC);
    upload.committedRecording = query.value(10).toString();
    return upload;
}

} // namespace

QDateTime Upload::expires() const {
    return touched.addSecs(UploadStore::ExpirySeconds);
}

UploadStore::UploadStore(const QString &dataDir)
    : m_uploadDir(QDir(dataDir).absoluteFilePath(QStringLiteral(".uploads"))) {
    QDir().mkpath(m_uploadDir);
}

QString UploadStore::filePath(const QString &id) const {
    Q_ASSERT(isValidUploadId(id)); // callers validate; never a path from client input
    return m_uploadDir + u'/' + id;
}

bool UploadStore::createUnregistered(Upload *upload, QString *error) {
    unsigned char random[16];
    if (RAND_bytes(random, sizeof random) != 1) {
        *error = QStringLiteral("the system's random number generator failed");
        return false;
    }
    upload->id = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex());
    upload->offset = 0;
    upload->created = upload->touched = QDateTime::currentDateTimeUtc();

    const QString path = filePath(upload->id);
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot create the upload file %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    ::close(fd);
    upload->registered = false;
    return true;
}

bool UploadStore::create(Upload *upload, QString *error) {
    if (!createUnregistered(upload, error))
        return false;
    upload->registered = true;
    const QString path = filePath(upload->id);
    const QSqlDatabase db = Database::connection();
    const RelaxedSync relaxed(db);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO uploads (id, token, tenant, recording, file_name, sha256, "
        "length, upload_offset, created, touched_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"));
    query.addBindValue(upload->id);
    query.addBindValue(upload->token);
    query.addBindValue(upload->tenant);
    query.addBindValue(upload->recording);
    query.addBindValue(upload->fileName);
    query.addBindValue(upload->sha256);
    query.addBindValue(upload->length);
    query.addBindValue(isoUtc(upload->created));
    query.addBindValue(upload->touched.toMSecsSinceEpoch());
    if (!Database::exec(query, QStringLiteral("creating the upload"), error)) {
        QFile::remove(path);
        return false;
    }
    return true;
}

bool UploadStore::find(const QString &id, Upload *upload, bool *found, QString *error) {
    *found = false;
    CachedQuery query(QStringLiteral("SELECT ") + SelectColumns +
                      QStringLiteral(" FROM uploads WHERE id = ?"));
    query->bindValue(0, id);
    if (!Database::exec(*query, QStringLiteral("reading the upload"), error))
        return false;
    if (query->next()) {
        *upload = uploadFromQuery(*query);
        *found = true;
    }
    return true;
}

bool UploadStore::setOffset(const QString &id, qint64 offset, QString *error) {
    const RelaxedSync relaxed(Database::connection());
    CachedQuery query(
        QStringLiteral("UPDATE uploads SET upload_offset = ?, touched_ms = ? WHERE id = ?"));
    query->bindValue(0, offset);
    query->bindValue(1, QDateTime::currentMSecsSinceEpoch());
    query->bindValue(2, id);
    return Database::exec(*query, QStringLiteral("storing the upload offset"), error);
}

bool UploadStore::remove(const QString &id, QString *error) {
    QFile::remove(filePath(id));
    const WriteLock lock;
    QSqlQuery query(Database::connection());
    query.prepare(QStringLiteral("DELETE FROM uploads WHERE id = ?"));
    query.addBindValue(id);
    return Database::exec(query, QStringLiteral("deleting the upload"), error);
}

int UploadStore::removeExpired(QString *error) {
    QSqlQuery query(Database::connection());
    query.prepare(QStringLiteral("SELECT id FROM uploads WHERE touched_ms < ?"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch() - ExpirySeconds * 1000);
    if (!Database::exec(query, QStringLiteral("finding expired uploads"), error))
        return 0;
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    // Files without a row: unregistered uploads whose request died with the process.
    const QDateTime expired = QDateTime::currentDateTimeUtc().addSecs(-ExpirySeconds);
    const QFileInfoList files = QDir(m_uploadDir).entryInfoList(QDir::Files);
    for (const QFileInfo &file : files) {
        const QString id = file.fileName();
        Upload upload;
        bool found = true;
        QString lookupError;
        if (file.lastModified().toUTC() < expired && isValidUploadId(id) &&
            find(id, &upload, &found, &lookupError) && !found)
            ids.append(id);
    }
    int removed = 0;
    for (const QString &id : std::as_const(ids)) {
        // An upload being written right now is not expired, whatever its row says.
        UploadLock lock(*this, id);
        if (lock.isLocked() && isValidUploadId(id) && remove(id, error))
            ++removed;
    }
    return removed;
}

quint64 UploadStore::tryLock(const QString &id, std::shared_ptr<WriteGuard> *guard) {
    QMutexLocker locker(&m_mutex);
    if (m_guards.contains(id))
        return 0;
    *guard = std::make_shared<WriteGuard>();
    (*guard)->holder = ++m_lastTicket;
    m_guards.insert(id, *guard);
    return (*guard)->holder;
}

quint64 UploadStore::takeOver(const QString &id, std::shared_ptr<WriteGuard> *guard) {
    for (;;) {
        if (const quint64 ticket = tryLock(id, guard))
            return ticket;
        {
            QMutexLocker locker(&m_mutex);
            *guard = m_guards.value(id);
        }
        if (!*guard)
            continue; // released in between
        QMutexLocker writing(&(*guard)->mutex);
        QMutexLocker locker(&m_mutex);
        // The old holder may have released the upload while we waited for its write.
        if (m_guards.value(id) == *guard) {
            (*guard)->holder = ++m_lastTicket;
            return (*guard)->holder;
        }
    }
}

void UploadStore::unlock(const QString &id, quint64 ticket) {
    QMutexLocker locker(&m_mutex);
    const auto guard = m_guards.constFind(id);
    if (guard != m_guards.cend() && (*guard)->holder == ticket)
        m_guards.erase(guard);
}

} // namespace Replicall::Target
