// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineTestSupport.h"

#include "engine/JobRunner.h"
#include "model/Sha256.h"
#include "store/Database.h"
#include "store/JobStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

bool setModificationTime(const QString &path, const QDateTime &time) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) &&
           file.setFileTime(time, QFileDevice::FileModificationTime);
}

void ageFiles(const QString &dir, int seconds) {
    const QDateTime then = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        setModificationTime(it.next(), then);
}

QByteArray sha256Hex(const QString &path) {
    QString error;
    return Sha256::ofFile(path, &error).value_or(QByteArray());
}

QHash<QString, QByteArray> fileHashes(const QString &root, const QString &suffix) {
    QHash<QString, QByteArray> hashes;
    const QDir base(root);
    // Without QDir::Hidden the iterator skips dot folders such as .uploads.
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(suffix))
            hashes.insert(base.relativeFilePath(path), sha256Hex(path));
    }
    return hashes;
}

bool writeWav(const QString &path, qint64 size, quint32 seed, QString *error) {
    constexpr int HeaderSize = 44;
    constexpr int Block = 1024 * 1024;
    QFile file(path);
    if (size < HeaderSize || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    auto le32 = [](quint32 v) {
        QByteArray b(4, '\0');
        qToLittleEndian(v, b.data());
        return b;
    };
    auto le16 = [](quint16 v) {
        QByteArray b(2, '\0');
        qToLittleEndian(v, b.data());
        return b;
    };
    const quint32 dataSize = quint32(size - HeaderSize);
    QByteArray header = "RIFF" + le32(dataSize + 36) + "WAVEfmt " + le32(16) + le16(1) + le16(1) +
                        le32(8000) + le32(16000) + le16(2) + le16(16) + "data" + le32(dataSize);
    file.write(header);
    QRandomGenerator random(seed);
    QByteArray block(Block, Qt::Uninitialized);
    for (qint64 left = dataSize; left > 0;) {
        random.fillRange(reinterpret_cast<quint32 *>(block.data()), Block / 4);
        const qint64 length = qMin<qint64>(Block, left);
        if (file.write(block.constData(), length) != length) {
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
            return false;
        }
        left -= length;
    }
    return true;
}

bool writeSidecar(const QString &path, const QJsonObject &sidecar, QString *error) {
    const QString temporary =
        QFileInfo(path).absolutePath() + u"/."_s + QFileInfo(path).fileName() + u".part"_s;
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(sidecar).toJson()) < 0) {
        *error = u"cannot write %1: %2"_s.arg(temporary, file.errorString());
        return false;
    }
    file.close();
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        *error = u"cannot rename %1 to %2"_s.arg(temporary, path);
        return false;
    }
    return true;
}

QJsonObject readJson(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

TargetDb::TargetDb(const QString &dataDir)
    : m_connection(u"target-db-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces)) {
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(QDir(dataDir).filePath(u"target.sqlite"_s));
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    if (!db.open())
        m_error = db.lastError().text();
}

TargetDb::~TargetDb() {
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

QVariantList TargetDb::column(const QString &sql, const QVariantList &values) {
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    QVariantList rows;
    if (!query.exec()) {
        m_error = sql + u": "_s + query.lastError().text();
        return rows;
    }
    while (query.next())
        rows.append(query.value(0));
    return rows;
}

QVariant TargetDb::value(const QString &sql, const QVariantList &values) {
    const QVariantList rows = column(sql, values);
    return rows.isEmpty() ? QVariant() : rows.first();
}

bool TargetDb::exec(const QString &sql, const QVariantList &values) {
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_error = sql + u": "_s + query.lastError().text();
        return false;
    }
    return true;
}

SenderWorkspace::SenderWorkspace() {
    m_secrets = std::make_unique<SecretStore>(m_dir.filePath(u"secrets"_s));
    m_valid = m_dir.isValid() && activate();
}

SenderWorkspace::~SenderWorkspace() {
    // Later tests open other files; this thread's connection must not hold this one.
    Database::closeConnection();
}

bool SenderWorkspace::activate(QString *error) {
    QString reason;
    if (!Database::open(databasePath(), &reason)) {
        qWarning().noquote() << u"cannot open %1: %2"_s.arg(databasePath(), reason);
        if (error)
            *error = reason;
        return false;
    }
    return true;
}

bool SenderWorkspace::writeArchive(int calls, QString *error, const QStringList &tenants,
                                   quint32 seed) {
    DemoOptions options;
    options.outDir = archiveDir();
    options.calls = calls;
    options.days = 3;
    options.tenants = tenants;
    options.seed = seed;
    options.end = QDateTime::currentDateTimeUtc().addSecs(-3600);
    options.minDurationSeconds = 1;
    options.maxDurationSeconds = 2;
    DemoResult result;
    if (!DemoArchiveWriter::write(options, &result, error))
        return false;
    ageFiles(archiveDir());
    return true;
}

Job SenderWorkspace::addJob(const QString &name, const QUrl &target, const QString &token,
                            const std::function<void(Job &)> &adjust) {
    Job job;
    job.name = name;
    job.sourceDir = archiveDir();
    job.targetUrl = target;
    job.tokenRef = u"token-"_s + name;
    job.parallel = 2;
    job.chunkSize = 1024 * 1024;
    if (adjust)
        adjust(job);
    QString error;
    if (!m_secrets->write(job.tokenRef, token.toUtf8(), &error))
        qWarning().noquote() << u"cannot store the token of %1: %2"_s.arg(name, error);
    if (!JobStore::add(job, &error))
        qWarning().noquote() << u"cannot add job %1: %2"_s.arg(name, error);
    return job;
}

RunSummary SenderWorkspace::run(const Job &job, int timeoutMs,
                                const std::function<void(JobRunner &)> &hook) {
    JobRunner runner(databasePath(), m_secrets.get());
    QSignalSpy finished(&runner, &JobRunner::finished);
    if (hook)
        hook(runner);
    runner.start(job);
    // finished() may already have come from inside start() (a refused lock).
    if (finished.isEmpty() && !finished.wait(timeoutMs)) {
        runner.stop();
        finished.wait(10000);
    }
    if (finished.isEmpty())
        return {};
    return finished.first().first().value<RunSummary>();
}

QHash<QString, QString> SenderWorkspace::sidecarsById() const {
    QHash<QString, QString> sidecars;
    QDirIterator it(archiveDir(), {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).fileName() != u"users.json"_s)
            sidecars.insert(readJson(path).value(u"id"_s).toString(), path);
    }
    return sidecars;
}

QString describeFailures(const RunSummary &summary) {
    QStringList lines{u"status %1, message '%2'"_s.arg(summary.status, summary.message)};
    for (const RecordingFailure &failure : summary.failures)
        lines.append(u"%1 (%2): %3"_s.arg(failure.recordingId, failure.kind, failure.cause));
    return lines.join(u"\n  "_s);
}

} // namespace Replicall::Test
