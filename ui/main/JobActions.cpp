// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobActions.h"

#include "engine/Paths.h"
#include "secrets/SecretStore.h"
#include "store/JobStore.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace Replicall {

QString JobActions::remove(const Job &job, const QString &databasePath) {
    QString error;
    if (!JobStore::remove(job.id, &error))
        return tr("Cannot delete job '%1': %2").arg(job.name, error);
    if (job.tokenRef.isEmpty())
        return QString();
    SecretStore secrets(Paths::secretsDirFor(databasePath));
    if (!secrets.remove(job.tokenRef, &error))
        return tr("Job '%1' was deleted, but its token could not be removed from the "
                  "keychain: %2")
            .arg(job.name, error);
    return QString();
}

QString JobActions::copyName(const QString &name, const QStringList &takenNames) {
    QString candidate = tr("%1 (copy)").arg(name);
    for (int n = 2; takenNames.contains(candidate); ++n)
        candidate = tr("%1 (copy %2)").arg(name).arg(n);
    return candidate;
}

QString JobActions::duplicate(const Job &job, const QString &databasePath) {
    QString error;
    const std::optional<QList<Job>> jobs = JobStore::all(&error);
    if (!jobs)
        return tr("Cannot duplicate job '%1': %2").arg(job.name, error);
    QStringList names;
    for (const Job &other : *jobs)
        names.append(other.name);

    Job copy = job;
    copy.id = 0;
    copy.name = copyName(job.name, names);
    copy.tokenRef.clear();
    SecretStore secrets(Paths::secretsDirFor(databasePath));
    if (!job.tokenRef.isEmpty()) {
        const std::optional<QByteArray> token = secrets.read(job.tokenRef, &error);
        if (!token)
            return tr("Cannot duplicate job '%1': its token cannot be read: %2")
                .arg(job.name, error);
        copy.tokenRef = u"token-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!secrets.write(copy.tokenRef, *token, &error))
            return tr("Cannot duplicate job '%1': the token cannot be stored: %2")
                .arg(job.name, error);
    }
    if (!JobStore::add(copy, &error)) {
        QString ignored;
        if (!copy.tokenRef.isEmpty())
            secrets.remove(copy.tokenRef, &ignored);
        return tr("Cannot duplicate job '%1': %2").arg(job.name, error);
    }
    return QString();
}

QString JobActions::setEnabled(const Job &job, bool enabled) {
    QString error;
    if (!JobStore::setEnabled(job.id, enabled, &error))
        return enabled ? tr("Cannot enable job '%1': %2").arg(job.name, error)
                       : tr("Cannot disable job '%1': %2").arg(job.name, error);
    return QString();
}

} // namespace Replicall
