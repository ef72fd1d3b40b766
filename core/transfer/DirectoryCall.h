// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/NetworkCall.h"

namespace Replicall {

// How many entries of each kind the target upserted.
struct DirectoryCounts {
    int tenants = 0;
    int groups = 0;
    int users = 0;
};

// PUT /directory: the users configuration (already limited to the job's tenants).
class DirectoryCall : public NetworkCall {
    Q_OBJECT
public:
    DirectoryCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                  const QJsonObject &directory, QObject *parent = nullptr);

    void start();
    const DirectoryCounts &counts() const { return m_counts; }

private:
    QJsonObject m_directory;
    DirectoryCounts m_counts;
};

} // namespace Replicall
