// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceTestHelpers.h"

#include "TargetProcess.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/JobStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

bool ServiceWorkspace::setUp(QString *error) {
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *error = u"cannot create a temporary folder: "_s + m_dir->errorString();
        return false;
    }
    if (!QDir().mkpath(archiveDir()) || !QDir().mkpath(filePath(u"state"_s))) {
        *error = u"cannot create the archive and state folders in "_s + m_dir->path();
        return false;
    }
    return Database::open(databasePath(), error);
}

void ServiceWorkspace::tearDown() {
    Database::closeConnection();
    m_dir.reset();
}

QString callFolder(const QString &archiveDir, const QDateTime &start) {
    const QString folder = archiveDir + u"/acme/"_s + start.toUTC().toString(u"yyyy/MM/dd"_s);
    QDir().mkpath(folder);
    return folder;
}

QByteArray sidecarJson(const QString &id, const QDateTime &start) {
    const QJsonObject sidecar{
        {u"id"_s, id},
        {u"tenant"_s, u"acme"_s},
        {u"start"_s, start.toUTC().toString(Qt::ISODate)},
        {u"durationMs"_s, 1000},
        {u"direction"_s, u"inbound"_s},
        {u"caller"_s, QJsonObject{{u"number"_s, u"+4930123456"_s}, {u"name"_s, u"Max"_s}}},
        {u"callee"_s, QJsonObject{{u"number"_s, u"201"_s}, {u"name"_s, u"Alice"_s}}},
        {u"audio"_s, QString(id + u".wav"_s)}};
    return QJsonDocument(sidecar).toJson();
}

QString writeCall(const QString &archiveDir, const QString &id, qint64 audioBytes,
                  const QDateTime &start) {
    const QString folder = callFolder(archiveDir, start);
    auto writeByRename = [&folder](const QString &name, const QByteArray &content) {
        QFile file(folder + u"/."_s + name);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(content);
        file.close();
        return QFile::rename(file.fileName(), folder + u'/' + name);
    };
    QByteArray audio(audioBytes, '\0');
    for (qint64 i = 0; i < audioBytes; ++i)
        audio[i] = char((i * 31 + id.size()) & 0xff);
    if (!writeByRename(id + u".wav"_s, audio) ||
        !writeByRename(id + u".json"_s, sidecarJson(id, start)))
        return {};
    return folder + u'/' + id + u".json"_s;
}

Job addJob(TargetProcess &target, const QString &databasePath, const QString &archiveDir,
           const QString &name, const QString &schedule, qint64 bandwidth) {
    Job job;
    job.name = name;
    job.sourceDir = archiveDir;
    job.targetUrl = target.baseUrl();
    job.tokenRef = u"token-"_s + name;
    job.parallel = 2;
    job.schedule = schedule;
    job.bandwidth = bandwidth;
    const QString token = target.createToken(name, {u"acme"_s});
    SecretStore secrets(QFileInfo(databasePath).absolutePath() + u"/secrets"_s,
                        SecretStore::Backend::File);
    QString error;
    if (token.isEmpty() || !secrets.write(job.tokenRef, token.toUtf8(), &error) ||
        !JobStore::add(job, &error)) {
        qWarning("cannot add job %s: %s", qPrintable(name), qPrintable(error));
        job.id = 0;
    }
    return job;
}

namespace {
QStringList targetFiles(const TargetProcess &target, const QString &recordingId) {
    QStringList files;
    QDirIterator it(target.dataDir(), {recordingId + u".*"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}
} // namespace

qint64 targetAudioSize(const TargetProcess &target, const QString &recordingId) {
    const QStringList files = targetFiles(target, recordingId);
    return files.isEmpty() ? -1 : QFileInfo(files.first()).size();
}

int targetCopies(const TargetProcess &target, const QString &recordingId) {
    return int(targetFiles(target, recordingId).size());
}

} // namespace Replicall::Test
