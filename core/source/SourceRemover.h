// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Recording.h"

#include <QString>

namespace Replicall {

// Removes the source copy of a replicated recording ("remove after
// replication"). The caller has already made sure the target acknowledged
// it and the ledger recorded it.
//
// Order: audio, then sidecar, then the catalog row. The sidecar is the
// "call completed" event, so it goes after the audio: a crash in between
// leaves a sidecar whose audio is missing, which the indexer reports as a
// problem instead of an orphaned audio file nobody sees. The catalog row goes
// last so that a crash leaves a row pointing at missing files (the next scan
// drops it) rather than files the catalog forgot.
class SourceRemover {
public:
    // Refuses when the audio changed since it was indexed (size or mtime),
    // since the replicated copy would then not be the file being deleted.
    // Uses this thread's Database::connection().
    static bool remove(const Recording &r, QString *error);
};

} // namespace Replicall
