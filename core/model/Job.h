// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Replicall {

// What a job copies to the target.
enum class DataKind { Audio = 0x1, Metadata = 0x2, Users = 0x4 };
Q_DECLARE_FLAGS(DataKinds, DataKind)
Q_DECLARE_OPERATORS_FOR_FLAGS(DataKinds)

enum class ReplicationMode { Incremental, Full };

// Every setting of a replication job (DESIGN.md, "Job settings").
// The token itself is never held here: tokenRef names its keychain entry.
struct Job {
    qint64 id = 0;
    QString name;
    bool enabled = true;
    QString sourceDir;   // the recording archive folder
    QStringList tenants; // access scope; empty = every tenant the source holds
    QUrl targetUrl;      // e.g. https://archive.example.com:8443
    bool sslVerify = true;
    QString caFile;                     // optional CA bundle pinned for the target
    QString tokenRef;                   // key of the token in the secret store
    int parallel = 4;                   // parallel upload workers, 1..32
    qint64 chunkSize = 8 * 1024 * 1024; // upload chunk size in bytes
    ReplicationMode mode = ReplicationMode::Incremental;
    DataKinds data = DataKind::Audio | DataKind::Metadata | DataKind::Users;
    bool removeAfter = false; // delete source copy once verified at the target
    QJsonObject filter;       // filter tree (empty = everything in scope)
    QString schedule = QStringLiteral("manual");
    QString window;       // run window spec, empty = always
    qint64 bandwidth = 0; // bytes/s cap, 0 = none
    QStringList assignCategories;
    QStringList unassignCategories;

    static constexpr int MaxParallel = 32;
    static constexpr qint64 MinChunkSize = 64 * 1024;
    static constexpr qint64 MaxChunkSize = 1024LL * 1024 * 1024;
};

QString dataKindsToString(DataKinds kinds); // "audio,metadata,users"
bool dataKindsFromString(const QString &text, DataKinds *out, QString *error);
QString modeToString(ReplicationMode mode);
bool modeFromString(const QString &text, ReplicationMode *out, QString *error);
// "8M", "512k", "1G", "65536" -> bytes; false with a message on bad input.
bool parseSize(const QString &text, qint64 *out, QString *error);
QString formatSize(qint64 bytes); // "8.0 MiB"

// Checks every field; returns human-readable problems naming the field.
QStringList validateJob(const Job &job);

// True for a tenant or recording id: [A-Za-z0-9][A-Za-z0-9._-]{0,127}, the
// pattern the target accepts too (docs/wire-protocol.md).
bool isValidId(const QString &text);

// Field-by-field equality (used by tests and to detect unsaved edits).
bool operator==(const Job &a, const Job &b);
inline bool operator!=(const Job &a, const Job &b) {
    return !(a == b);
}

// JSON of a job for export/import. Never contains the token.
QJsonObject jobToJson(const Job &job);
bool jobFromJson(const QJsonObject &json, Job *out, QString *error);

} // namespace Replicall
