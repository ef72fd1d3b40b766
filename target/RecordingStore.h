// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Replicall::Target {

// A committed recording as the target's database holds it.
struct StoredRecording {
    QString id;
    QString tenant;
    QDateTime start;
    QString audioPath; // relative to the data directory; empty without audio
    qint64 audioSize = 0;
    QString audioSha256;
    QString audioUpload;
    QString metadata; // compact JSON; empty without metadata
    QString metadataSha256;
    QDateTime committedAt;

    bool hasAudio() const { return !audioSha256.isEmpty(); }
    // The commit answer of docs/wire-protocol.md.
    QJsonObject toCommitJson(bool created) const;
};

class RecordingStore {
public:
    static bool find(const QString &id, StoredRecording *recording, bool *found, QString *error);
    // Those of ids the target holds, by id: one query for a whole lookup batch.
    static bool findMany(const QStringList &ids, QHash<QString, StoredRecording> *found,
                         QString *error);
    // Upserts the recording and, when given, marks the upload it came from as committed,
    // in one transaction.
    static bool save(const StoredRecording &recording, const QString &committedUpload,
                     QString *error);
};

} // namespace Replicall::Target
