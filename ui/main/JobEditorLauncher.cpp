// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobEditorLauncher.h"

#include "editor/JobEditorDialog.h"
#include "engine/Paths.h"
#include "secrets/SecretStore.h"
#include "store/JobStore.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Replicall {

std::optional<EditedJob> JobEditorLauncher::edit(QWidget *parent, const std::optional<Job> &job,
                                                 const QString &databasePath) {
    JobEditorDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("jobEditorDialog"));
    QFutureWatcher<QByteArray> token;
    if (job) {
        dialog.setJob(*job);
        QObject::connect(&token, &QFutureWatcher<QByteArray>::finished, &dialog,
                         [&dialog, &token] { dialog.setStoredToken(token.result()); });
        const QString ref = job->tokenRef;
        token.setFuture(QtConcurrent::run([ref, databasePath] {
            SecretStore secrets(Paths::secretsDirFor(databasePath));
            QString ignored; // "Test connection" names a missing token itself
            return secrets.read(ref, &ignored).value_or(QByteArray());
        }));
    }
    const bool accepted = dialog.exec() == QDialog::Accepted;
    token.waitForFinished();
    if (!accepted)
        return std::nullopt;
    return EditedJob{dialog.job(), dialog.enteredToken()};
}

QString JobEditorLauncher::save(const EditedJob &edited, const QString &databasePath) {
    const Job &job = edited.job;
    SecretStore secrets(Paths::secretsDirFor(databasePath));
    QString error;
    if (!edited.token.isEmpty() && !secrets.write(job.tokenRef, edited.token, &error))
        return tr("Cannot store the token of job '%1': %2").arg(job.name, error);
    if (job.id > 0) {
        if (!JobStore::update(job, &error))
            return tr("Cannot save job '%1': %2").arg(job.name, error);
        return QString();
    }
    Job added = job;
    if (!JobStore::add(added, &error)) {
        QString ignored;
        if (!edited.token.isEmpty())
            secrets.remove(job.tokenRef, &ignored);
        return tr("Cannot create job '%1': %2").arg(job.name, error);
    }
    return QString();
}

} // namespace Replicall
