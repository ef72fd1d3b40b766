// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkItem.h"
#include "transfer/TargetEndpoint.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace Replicall {

class RecordingTransfer;

// Uploads one recording at a time, in a thread it may share with other workers
// (see WorkerPool), through that thread's QNetworkAccessManager.
class UploadWorker : public QObject {
    Q_OBJECT
public:
    UploadWorker(const TargetEndpoint &endpoint, qint64 jobId, int index,
                 QNetworkAccessManager *network);
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
    QNetworkAccessManager *m_network; // its thread's, shared with the other workers there
    QPointer<RecordingTransfer> m_transfer;
};

} // namespace Replicall
