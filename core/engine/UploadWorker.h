// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkItem.h"
#include "transfer/TargetEndpoint.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace Replicall {

class RecordingTransfer;

// Uploads one recording at a time in its own thread.
//
// Each worker owns its QNetworkAccessManager: Qt 6.4 opens at most six
// connections per host and manager, so parallel workers need managers of
// their own to be truly parallel.
class UploadWorker : public QObject {
    Q_OBJECT
public:
    UploadWorker(const TargetEndpoint &endpoint, qint64 jobId, int index);
    ~UploadWorker() override;

    int index() const { return m_index; }

public Q_SLOTS:
    void process(const Replicall::WorkItem &item);
    void abort();

Q_SIGNALS:
    void progress(int worker, const QString &recordingId, qint64 bytesSent);
    void finished(int worker, const Replicall::WorkResult &result);

private:
    void startTransfer(const WorkItem &item);
    void finish(WorkResult result);

    TargetEndpoint m_endpoint;
    qint64 m_jobId;
    int m_index;
    QNetworkAccessManager *m_network = nullptr; // created in the worker's thread
    QPointer<RecordingTransfer> m_transfer;
};

} // namespace Replicall
