// SPDX-License-Identifier: GPL-3.0-or-later
#include "service/JobPreview.h"

#include "engine/Planner.h"
#include "filter/Filter.h"
#include "filter/FilterPreview.h"
#include "source/ArchiveIndexer.h"
#include "store/Database.h"

using namespace Qt::StringLiterals;

namespace Replicall {

JobPreviewResult JobPreview::compute(const Job &job, int sampleSize, const QDateTime &nowUtc) {
    JobPreviewResult result;
    QString error;
    const std::optional<Filter> filter = Filter::fromJson(job.filter, &error);
    if (!filter) {
        result.error = u"job '%1': its filter is not usable: %2"_s.arg(job.name, error);
        return result;
    }
    ArchiveIndexer indexer(job.sourceDir);
    const IndexResult indexed = indexer.index();
    if (!indexed.ok) {
        result.error = u"job '%1': cannot read the recording archive %2: %3"_s.arg(
            job.name, job.sourceDir, indexed.error);
        return result;
    }
    result.problems = indexed.problems;

    const FilterPreviewResult matching = FilterPreview::count(
        Database::connection(), indexed.sourceId, job.tenants, *filter, nowUtc, 0);
    if (!matching.ok()) {
        result.error = u"job '%1': %2"_s.arg(job.name, matching.error);
        return result;
    }
    result.matching = matching.count;
    result.matchingBytes = matching.bytes;

    const Planner planner(job, indexed.sourceId);
    QList<PlanEntry> plan;
    if (!planner.plan(nowUtc, &plan, &error)) {
        result.error = u"job '%1': %2"_s.arg(job.name, error);
        return result;
    }
    result.toSend = plan.size();
    const bool sendsAudio = job.data.testFlag(DataKind::Audio);
    QStringList sampleIds;
    for (const PlanEntry &entry : std::as_const(plan)) {
        if (sendsAudio)
            result.toSendBytes += entry.audioSize;
        if (sampleIds.size() < sampleSize)
            sampleIds << entry.id;
    }
    if (!sampleIds.isEmpty() && !planner.load(sampleIds, &result.sample, &error))
        result.error = u"job '%1': %2"_s.arg(job.name, error);
    if (!sendsAudio)
        result.matchingBytes = 0;
    return result;
}

} // namespace Replicall
