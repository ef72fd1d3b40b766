// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaultSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <sys/time.h>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

namespace {

QByteArray sha256Hex(const QByteArray &bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// The engine takes only files untouched for two seconds; a minute old is surely settled.
bool age(const QString &path) {
    const struct timeval past[2] = {{::time(nullptr) - 60, 0}, {::time(nullptr) - 60, 0}};
    return ::utimes(QFile::encodeName(path).constData(), past) == 0;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error) {
    // Through a dot name and a rename, as a recorder writes (docs/archive-format.md).
    const QFileInfo info(path);
    const QString temporary = info.absolutePath() + u"/."_s + info.fileName();
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        *error = u"cannot write %1: %2"_s.arg(temporary, file.errorString());
        return false;
    }
    file.close();
    if (!age(temporary) || !QFile::rename(temporary, path)) {
        *error = u"cannot rename %1 to %2"_s.arg(temporary, path);
        return false;
    }
    return true;
}

// Recording id -> metadata SHA-256 as the target's database holds it.
QHash<QString, QByteArray> storedMetadata(const QString &targetDataDir, QString *error) {
    QHash<QString, QByteArray> stored;
    const QString name = u"faults-target-%1"_s.arg(quintptr(&stored));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(targetDataDir + u"/target.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        QSqlQuery query(db);
        if (!db.open() || !query.exec(u"SELECT id, metadata_sha256 FROM recordings"_s))
            *error = u"cannot read the target's recordings: %1"_s.arg(query.lastError().text());
        while (query.next())
            stored.insert(query.value(0).toString(), query.value(1).toString().toLatin1());
    }
    QSqlDatabase::removeDatabase(name);
    return stored;
}

} // namespace

QByteArray fileSha256(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

FaultArchive::FaultArchive(const QString &dir)
    : m_dir(dir) {}

bool FaultArchive::addCalls(const QString &prefix, int count, qint64 minSize, qint64 maxSize,
                            quint32 seed, QString *error, int days) {
    QRandomGenerator random(seed);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    for (int n = 0; n < count; ++n) {
        SourceCall call;
        call.id = u"%1-%2"_s.arg(prefix).arg(n, 5, 10, QChar(u'0'));
        call.day = today.addDays(-(n % qMax(1, days)));
        call.size = minSize + qint64(random.bounded(quint32(maxSize - minSize + 1)));
        const QString folder = m_dir + u"/acme/"_s + call.day.toString(u"yyyy/MM/dd"_s);
        if (!QDir().mkpath(folder)) {
            *error = u"cannot create %1"_s.arg(folder);
            return false;
        }
        QByteArray audio(call.size, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(audio.data()), audio.size() / 4);
        const QJsonObject sidecar{
            {u"id"_s, call.id},
            {u"tenant"_s, u"acme"_s},
            {u"start"_s,
             QDateTime(call.day, QTime(8, 0).addSecs(n % 36000), Qt::UTC).toString(Qt::ISODate)},
            {u"durationMs"_s, call.size / 16},
            {u"direction"_s, u"inbound"_s},
            {u"caller"_s, QJsonObject{{u"number"_s, u"+4930123456"_s}, {u"name"_s, u""_s}}},
            {u"callee"_s, QJsonObject{{u"number"_s, u"201"_s}, {u"name"_s, u"Alice Smith"_s}}},
            {u"categories"_s, QJsonArray{u"fault-test"_s}},
            {u"audio"_s, QString(call.id + u".wav"_s)}};
        call.audioPath = folder + u'/' + call.id + u".wav"_s;
        call.sidecarPath = folder + u'/' + call.id + u".json"_s;
        call.audioSha256 = sha256Hex(audio);
        call.metadataSha256 = sha256Hex(QJsonDocument(sidecar).toJson(QJsonDocument::Compact));
        if (!writeFile(call.audioPath, audio, error) ||
            !writeFile(call.sidecarPath, QJsonDocument(sidecar).toJson(), error))
            return false;
        m_calls.append(call);
    }
    return true;
}

qint64 FaultArchive::totalBytes() const {
    qint64 total = 0;
    for (const SourceCall &call : m_calls)
        total += call.size;
    return total;
}

QHash<QString, QList<StoredAudio>> storedAudio(const QString &targetDataDir) {
    QHash<QString, QList<StoredAudio>> stored;
    // Unfinished uploads live in .uploads and are not stored recordings.
    QDirIterator it(targetDataDir, QDir::Files | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(targetDataDir).relativeFilePath(path);
        if (relative.startsWith(u'.') || relative.contains(u"/."_s) ||
            !relative.endsWith(u".wav"_s))
            continue;
        stored[QFileInfo(path).completeBaseName()].append({relative, fileSha256(path)});
    }
    return stored;
}

QString compareTarget(const QList<SourceCall> &calls, const QString &targetDataDir,
                      bool requireAll) {
    // The database first: a commit still running at the target moves the file before it
    // writes the row, so reading in this order never sees a row without its file.
    QString error;
    const QHash<QString, QByteArray> metadata = storedMetadata(targetDataDir, &error);
    const QHash<QString, QList<StoredAudio>> stored = storedAudio(targetDataDir);
    QStringList problems;
    QHash<QString, const SourceCall *> byId;
    for (const SourceCall &call : calls)
        byId.insert(call.id, &call);
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        const SourceCall *call = byId.value(it.key());
        if (!call) {
            problems << u"the target holds %1, which is no source call"_s.arg(it.key());
            continue;
        }
        if (it->size() > 1)
            problems << u"%1 is stored %2 times"_s.arg(it.key()).arg(it->size());
        for (const StoredAudio &audio : *it) {
            if (audio.sha256 != call->audioSha256)
                problems << u"%1 is corrupted at the target: SHA-256 %2, source %3"_s.arg(
                    audio.relativePath, QString::fromLatin1(audio.sha256),
                    QString::fromLatin1(call->audioSha256));
            const QString expectedFolder = u"acme/"_s + call->day.toString(u"yyyy/MM/dd"_s);
            if (!audio.relativePath.startsWith(expectedFolder))
                problems << u"%1 is stored under the wrong day"_s.arg(audio.relativePath);
        }
    }
    if (!error.isEmpty())
        problems << error;
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        const SourceCall *call = byId.value(it.key());
        if (call && it.value() != call->metadataSha256)
            problems << u"the metadata of %1 is corrupted at the target"_s.arg(it.key());
        if (call && !stored.contains(it.key()))
            problems << u"the target's database holds %1 without its audio"_s.arg(it.key());
    }
    if (requireAll) {
        for (const SourceCall &call : calls) {
            if (!stored.contains(call.id) || !metadata.contains(call.id))
                problems << u"%1 never arrived at the target"_s.arg(call.id);
        }
    }
    if (problems.size() > 20)
        problems = problems.mid(0, 20) << u"(and %1 more)"_s.arg(problems.size() - 20);
    return problems.join(u'\n');
}

Cli::Cli(const QString &workDir)
    : m_workDir(workDir) {}

QString Cli::executable() {
    return QStringLiteral(REPLICALL_CLI_BIN);
}

void Cli::prepare(QProcess *process) const {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"REPLICALL_DB"_s, databasePath());
    environment.insert(u"REPLICALL_SECRET_BACKEND"_s, u"file"_s);
    environment.insert(u"XDG_DATA_HOME"_s, m_workDir + u"/xdg-data"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_workDir + u"/xdg-config"_s);
    process->setProcessEnvironment(environment);
    process->setProgram(executable());
}

int Cli::exec(const QStringList &arguments, QString *output, QString *errors, int timeoutMs) const {
    QProcess process;
    prepare(&process);
    process.setArguments(arguments);
    process.start();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        if (errors)
            *errors = u"replicall-cli %1 did not end within %2 ms"_s.arg(arguments.join(u' '))
                          .arg(timeoutMs);
        return -1;
    }
    if (output)
        *output = QString::fromUtf8(process.readAllStandardOutput());
    if (errors)
        *errors = QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool Cli::addJob(const QString &name, const QString &sourceDir, const QString &targetUrl,
                 const QString &token, const QStringList &options, QString *error) const {
    const QString tokenPath = m_workDir + u"/token-"_s + name;
    QFile tokenFile(tokenPath);
    if (!tokenFile.open(QIODevice::WriteOnly) || tokenFile.write(token.toUtf8()) < 0) {
        *error = u"cannot write %1"_s.arg(tokenPath);
        return false;
    }
    tokenFile.close();
    QString output;
    QString errors;
    const int code =
        exec(QStringList{u"job"_s, u"add"_s, u"--name"_s, name, u"--source"_s, sourceDir,
                         u"--target"_s, targetUrl, u"--token-file"_s, tokenPath} +
                 options,
             &output, &errors);
    if (code != 0)
        *error = u"job add failed (%1): %2%3"_s.arg(code).arg(output, errors);
    return code == 0;
}

QJsonObject Cli::run(const QString &job, QString *error, int timeoutMs) const {
    QString output;
    QString errors;
    exec({u"run"_s, job, u"--json"_s}, &output, &errors, timeoutMs);
    const QJsonObject summary = QJsonDocument::fromJson(output.toUtf8()).object();
    if (summary.isEmpty())
        *error = u"run %1 printed no JSON summary:\n%2\n%3"_s.arg(job, output, errors.right(3000));
    return summary;
}

QJsonObject Cli::status(const QString &job, QString *error) const {
    QString output;
    QString errors;
    exec({u"status"_s, job, u"--json"_s, u"--days"_s, u"60"_s, u"--runs"_s, u"1"_s}, &output,
         &errors);
    const QJsonObject status = QJsonDocument::fromJson(output.toUtf8()).object();
    if (status.isEmpty())
        *error = u"status %1 printed no JSON:\n%2\n%3"_s.arg(job, output, errors);
    return status;
}

std::unique_ptr<QProcess> Cli::startRun(const QString &job) const {
    auto process = std::make_unique<QProcess>();
    prepare(process.get());
    process->setArguments({u"run"_s, job, u"--json"_s});
    process->start();
    return process;
}

QHash<QString, int> replicatedPerDay(const QJsonObject &status) {
    QHash<QString, int> perDay;
    const QJsonArray days = status.value(u"days"_s).toArray();
    for (const QJsonValue &day : days) {
        const int replicated = day[u"replicated"_s].toInt();
        if (replicated > 0)
            perDay.insert(day[u"day"_s].toString(), replicated);
    }
    return perDay;
}

} // namespace Replicall::Test
