// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Replicall::Target {

// The limits and places `replicall-target serve` runs with (see docs/target.md).
struct ServerConfig {
    QString dataDir;
    QString name = QStringLiteral("replicall-target");
    qint64 maxChunkSize = 64LL * 1024 * 1024;
    qint64 maxUploadSize = 16LL * 1024 * 1024 * 1024;
    qint64 maxJsonSize = 1024 * 1024;
    int maxLookupBatch = 1000;
    // Free space kept on the data disk beyond what an upload needs, so that the database
    // and the log can still be written when uploads fill the disk.
    qint64 reserveBytes = 64LL * 1024 * 1024;
};

// "64M", "512k", "16G", "1048576" -> bytes (binary multiples); false with a message.
bool parseByteSize(const QString &text, qint64 *bytes, QString *error);

} // namespace Replicall::Target
