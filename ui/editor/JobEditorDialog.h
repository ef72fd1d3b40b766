// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/CatalogLoader.h"
#include "engine/ConnectionTest.h"
#include "model/Job.h"

#include <QByteArray>
#include <QDialog>
#include <memory>

namespace Replicall {

namespace Ui {
class JobEditorDialog;
}
class SecretStore;

// Creates or edits one replication job. Tabs: General (name, archive folder,
// access scope, target, TLS, token, "Test connection"), Transfer, Filter,
// Schedule and After success. Save stays disabled while anything is wrong;
// the first problem is shown beside it.
//
// The token never goes into the Job: the caller stores enteredToken() in the
// keychain under job().tokenRef (saveToken() does exactly that). Nothing here
// blocks the UI thread: the archive is indexed and counted in the thread pool
// and the connection test runs in a thread of its own.
//
//   JobEditorDialog dialog(this);
//   dialog.setJob(existing);             // omit for a new job
//   dialog.setStoredToken(fromKeychain); // optional, for "Test connection"
//   if (dialog.exec() == QDialog::Accepted) {
//       dialog.saveToken(secrets, &error);
//       jobs.save(dialog.job());
//   }
class JobEditorDialog : public QDialog {
    Q_OBJECT
public:
    explicit JobEditorDialog(QWidget *parent = nullptr);
    ~JobEditorDialog() override;

    void setJob(const Job &job);
    // The job as entered. Keeps id and tokenRef of the job given to setJob();
    // a new token for a job without tokenRef gets a fresh reference.
    Job job() const;

    // The token the caller keeps for this job, used by "Test connection"
    // when the token field is left empty. Not shown, not returned.
    void setStoredToken(const QByteArray &token);
    // The token typed into the dialog, trimmed; empty = keep the stored one.
    QByteArray enteredToken() const;
    // Writes enteredToken() under job().tokenRef; true (and nothing written)
    // when no token was entered.
    bool saveToken(SecretStore &store, QString *error) const;

    // Everything that keeps the job from being saved; empty when valid.
    QStringList problems() const;
    const CatalogSnapshot &catalog() const { return m_catalog.snapshot(); }

Q_SIGNALS:
    void catalogLoaded();
    void connectionTested();

private:
    void loadCatalog();
    void catalogReady(const CatalogSnapshot &snapshot);
    void browseSourceDir();
    void browseCaFile();
    void tokenEdited();
    void testConnection();
    void connectionFinished(const ConnectionTestResult &result);
    void chunkSizeEdited();
    void setChunkSize(qint64 bytes);
    void validate();
    void updateTokenHint();

    std::unique_ptr<Ui::JobEditorDialog> ui;
    Job m_job;          // what setJob() gave; id and tokenRef come from here
    QString m_tokenRef; // m_job.tokenRef, or a new one once a token is typed
    qint64 m_chunkSize = 0;
    QByteArray m_storedToken;
    QString m_loadedDir;
    CatalogLoader m_catalog;
    ConnectionTest m_connection;
};

} // namespace Replicall
