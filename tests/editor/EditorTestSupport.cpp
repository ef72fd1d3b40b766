// SPDX-License-Identifier: GPL-3.0-or-later
#include "EditorTestSupport.h"

#include "source/ArchiveIndexer.h"
#include "source/DemoArchiveWriter.h"
#include "store/Database.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Replicall::Test {

DemoCatalog makeDemoCatalog(const QTemporaryDir &dir, int calls) {
    DemoCatalog catalog;
    catalog.archiveDir = dir.filePath(u"archive"_s);
    if (!Database::open(dir.filePath(u"state.sqlite"_s), &catalog.error))
        return catalog;
    DemoOptions options;
    options.outDir = catalog.archiveDir;
    options.calls = calls;
    options.days = 5;
    options.maxDurationSeconds = 120;
    options.withAudio = true;
    options.end = QDateTime(QDate(2026, 11, 20), QTime(18, 0), QTimeZone::utc());
    DemoResult result;
    if (!DemoArchiveWriter::write(options, &result, &catalog.error))
        return catalog;
    const IndexResult index = ArchiveIndexer(catalog.archiveDir).index();
    if (!index.ok) {
        catalog.error = index.error;
        return catalog;
    }
    catalog.sourceId = index.sourceId;
    return catalog;
}

} // namespace Replicall::Test
