// SPDX-License-Identifier: GPL-3.0-or-later
#include "UiFixture.h"

#include "engine/Paths.h"
#include "secrets/SecretStore.h"
#include "source/DemoArchiveWriter.h"
#include "store/Database.h"
#include "store/JobStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

UiFixture::UiFixture() = default;

QString UiFixture::databasePath() const {
    return m_dir.path() + u"/state/replicall.sqlite"_s;
}

bool UiFixture::setUp(QString *error) {
    if (!m_dir.isValid()) {
        *error = u"cannot create a temporary folder"_s;
        return false;
    }
    const QString config = m_dir.path() + u"/config"_s;
    const QString runtime = m_dir.path() + u"/runtime"_s;
    QDir().mkpath(config);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    qputenv("REPLICALL_SECRET_BACKEND", "file");
    QDir().mkpath(m_dir.path() + u"/state"_s);
    return Database::open(databasePath(), error);
}

bool UiFixture::writeArchive(const QString &folder, int calls, int days, QString *error) {
    DemoOptions options;
    options.outDir = folder;
    options.calls = calls;
    options.days = days;
    options.maxDurationSeconds = 20; // small audio keeps the runs quick
    DemoResult result;
    if (!DemoArchiveWriter::write(options, &result, error))
        return false;
    // A file modified a moment ago may still be being written, and runs defer
    // it; these are finished, so make them look an hour old.
    const QDateTime anHourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QDirIterator files(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (!file.open(QIODevice::ReadWrite) ||
            !file.setFileTime(anHourAgo, QFileDevice::FileModificationTime)) {
            *error = u"cannot age %1: %2"_s.arg(file.fileName(), file.errorString());
            return false;
        }
    }
    return true;
}

std::optional<Job> UiFixture::addJob(const QString &name, const QString &archive,
                                     const QUrl &target, const QByteArray &token, QString *error) {
    Job job;
    job.name = name;
    job.sourceDir = archive;
    job.targetUrl = target;
    job.parallel = 2;
    job.tokenRef = u"token-"_s + name;
    SecretStore secrets(Paths::secretsDirFor(databasePath()), SecretStore::Backend::File);
    if (!secrets.write(job.tokenRef, token, error))
        return std::nullopt;
    if (!JobStore::add(job, error))
        return std::nullopt;
    return job;
}

} // namespace Replicall::Test
