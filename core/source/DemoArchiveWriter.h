// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Replicall {

struct DemoOptions {
    QString outDir;
    int calls = 100;
    int days = 7; // calls spread over the days ending at `end`
    QStringList tenants = {QStringLiteral("acme"), QStringLiteral("globex")};
    quint32 seed = 1; // the same seed (and end) writes the same archive
    QDateTime end = QDateTime::currentDateTimeUtc();
    int minDurationSeconds = 5;
    int maxDurationSeconds = 600; // lower it to keep a large demo archive small
    int sampleRate = 8000;        // 8000 or 16000
    bool withAudio = true;        // false: metadata-only calls, for catalog tests
};

struct DemoResult {
    int calls = 0;
    qint64 audioBytes = 0;
};

// Writes a recording archive as a recorder would (docs/archive-format.md):
// per call the audio first, then the sidecar, each under a temporary name
// starting with '.' and renamed into place; users.json last. For demos of
// the desktop app and for tests that need a realistic source.
class DemoArchiveWriter {
public:
    static bool write(const DemoOptions &options, DemoResult *result, QString *error);
    // Empty when the options are usable, else what is wrong with them.
    static QString validate(const DemoOptions &options);
};

} // namespace Replicall
