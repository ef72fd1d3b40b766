// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Recording.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Replicall {

// The JSON sidecar of one call (docs/archive-format.md). Parsing is strict:
// every missing or wrong-typed required field is named in the error, because
// a sidecar that does not parse is never replicated and the administrator
// has to find out why.
class Sidecar {
public:
    // The recording the sidecar describes; the audio path is resolved against
    // the sidecar's folder but not checked on disk (the indexer does that).
    // Errors start with the sidecar's file name: "c-1.json: field 'start' ...".
    static std::optional<Recording> parse(const QByteArray &json, const QString &sidecarPath,
                                          QString *error);
    // The same, with the reason alone so callers can prefix their own path.
    static std::optional<Recording> read(const QByteArray &json, const QString &sidecarPath,
                                         QString *reason);
    // Reads the file and parses it; I/O errors are named like parse errors.
    static std::optional<Recording> load(const QString &sidecarPath, QString *error);
    static std::optional<Recording> readFile(const QString &sidecarPath, QString *reason);

    // A sidecar is a few kilobytes; anything over this is refused unread.
    static constexpr qint64 MaxSize = 1024 * 1024;

    // A plain file name: not empty, no path separators, no "..".
    static bool isPlainFileName(const QString &name);
};

} // namespace Replicall
