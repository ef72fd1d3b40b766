// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/ConnectionTest.h"
#include "model/Job.h"

#include <QCoreApplication>
#include <QString>

namespace Replicall {

// "Test connection" as an administrator reads it: rich text naming the
// server, the token's scope and the free space, or the failure and what to
// check next; plus warnings where the job asks for more than the token allows.
class ConnectionReport {
    Q_DECLARE_TR_FUNCTIONS(Replicall::ConnectionReport)
public:
    static QString html(const Job &job, const ConnectionTestResult &result);
    static QString busyHtml(const QUrl &url);

private:
    static QString success(const Job &job, const TargetInfo &info);
    static QString failure(const TransferError &error);
    static QStringList warnings(const Job &job, const TargetInfo &info);
};

} // namespace Replicall
