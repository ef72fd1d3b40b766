// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Replicall {

// One call of the source as the catalog knows it.
struct Recording {
    QString id;
    QString tenant;
    QDateTime start; // UTC
    qint64 durationMs = 0;
    QString direction; // inbound / outbound / internal
    QString callerNumber, callerName, calleeNumber, calleeName;
    QStringList users, groups, categories;
    QString sidecarPath; // absolute
    QString audioPath;   // absolute, empty when the call has no audio
    qint64 audioSize = 0;
    qint64 audioMtimeMs = 0;
    qint64 audioMtimeNs = 0;   // as the catalog stores it; incremental runs compare it
    QByteArray metadataSha256; // hex, of the compact sorted-key JSON of the sidecar object
    QJsonObject metadata;      // the sidecar object, as sent to the target

    QString day() const { return start.toUTC().date().toString(Qt::ISODate); }

    // The SHA-256 (hex) that sender and target both compute for call metadata:
    // of its compact JSON, keys sorted (QJsonObject keeps them sorted).
    static QByteArray metadataSha256Of(const QJsonObject &metadata);
};

} // namespace Replicall
