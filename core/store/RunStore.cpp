// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RunStore.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QCoreApplication>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

const QString selectRuns = u"SELECT id, job_id, started_at, finished_at, status, trigger, matched, "
                           u"uploaded, skipped, failed, bytes, message, pid, host FROM runs "_s;

const RunStatus allStatuses[] = {RunStatus::Running, RunStatus::Succeeded, RunStatus::Partial,
                                 RunStatus::Failed,  RunStatus::Stopped,   RunStatus::Interrupted};

QString thisHost() {
    return QSysInfo::machineHostName();
}

QString nowText() {
    return Database::timeText(QDateTime::currentDateTimeUtc());
}

bool processAlive(qint64 pid) {
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    // Signal 0 only checks: EPERM means it exists but belongs to someone else.
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#else
    return true; // cannot tell: never declare a run dead by mistake
#endif
}

// A run that says 'running' but whose process on this host is gone.
bool isOrphan(const RunRecord &run) {
    return run.status == RunStatus::Running && run.host == thisHost() && !processAlive(run.pid);
}

std::optional<QList<RunRecord>> select(const QString &where, const QVariantList &values,
                                       const QString &context, QString *error) {
    std::optional<QSqlQuery> query = Sql::run(selectRuns + where, values, context, error);
    if (!query)
        return std::nullopt;
    QList<RunRecord> runs;
    while (query->next()) {
        RunRecord run;
        run.id = query->value(0).toLongLong();
        run.jobId = query->value(1).toLongLong();
        run.startedAt = Database::timeFromText(query->value(2).toString());
        run.finishedAt = Database::timeFromText(query->value(3).toString());
        QString why;
        if (!runStatusFromString(query->value(4).toString(), &run.status, &why)) {
            Sql::fail(error, u"%1: run %2: %3"_s.arg(context).arg(run.id).arg(why));
            return std::nullopt;
        }
        run.trigger = query->value(5).toString();
        run.matched = query->value(6).toLongLong();
        run.uploaded = query->value(7).toLongLong();
        run.skipped = query->value(8).toLongLong();
        run.failed = query->value(9).toLongLong();
        run.bytes = query->value(10).toLongLong();
        run.message = query->value(11).toString();
        run.pid = query->value(12).toLongLong();
        run.host = query->value(13).toString();
        runs.append(run);
    }
    return runs;
}

// Inside the caller's write transaction. jobId 0: every job. Returns the
// runs still running in a live process, or std::nullopt on error; counts
// the interrupted ones in *interrupted.
std::optional<QList<RunRecord>> interruptOrphans(qint64 jobId, const QString &context,
                                                 int *interrupted, QString *error) {
    const std::optional<QList<RunRecord>> running =
        jobId > 0 ? select(u"WHERE status = 'running' AND job_id = ?"_s, {jobId}, context, error)
                  : select(u"WHERE status = 'running'"_s, {}, context, error);
    if (!running)
        return std::nullopt;
    QList<RunRecord> alive;
    for (const RunRecord &run : *running) {
        if (!isOrphan(run)) {
            alive.append(run);
            continue;
        }
        const QString message =
            u"interrupted: the process (pid %1) ended before the run finished"_s.arg(run.pid);
        if (!Sql::run(u"UPDATE runs SET status = 'interrupted', finished_at = ?, message = ? "
                      u"WHERE id = ?"_s,
                      {nowText(), message, run.id}, context, error))
            return std::nullopt;
        ++*interrupted;
    }
    return alive;
}

bool updateOneRun(const QString &set, const QVariantList &values, qint64 runId,
                  const QString &context, QString *error) {
    const std::optional<QSqlQuery> query =
        Sql::run(u"UPDATE runs SET "_s + set + u" WHERE id = ?"_s, QVariantList(values) << runId,
                 context, error);
    if (!query)
        return false;
    if (query->numRowsAffected() != 1)
        return Sql::fail(error, u"%1: there is no run %2"_s.arg(context).arg(runId));
    return true;
}

} // namespace

QString runStatusToString(RunStatus status) {
    switch (status) {
    case RunStatus::Running:
        return u"running"_s;
    case RunStatus::Succeeded:
        return u"succeeded"_s;
    case RunStatus::Partial:
        return u"partial"_s;
    case RunStatus::Failed:
        return u"failed"_s;
    case RunStatus::Stopped:
        return u"stopped"_s;
    case RunStatus::Interrupted:
        return u"interrupted"_s;
    }
    return {};
}

bool runStatusFromString(const QString &text, RunStatus *out, QString *error) {
    for (RunStatus status : allStatuses) {
        if (text == runStatusToString(status)) {
            *out = status;
            return true;
        }
    }
    return Sql::fail(error, u"unknown run status '%1'"_s.arg(text));
}

qint64 RunStore::begin(qint64 jobId, const QString &trigger, QString *error) {
    const QString context = u"cannot start a run of job %1"_s.arg(jobId);
    WriteTransaction transaction;
    if (!transaction.begin(context, error))
        return 0;
    int interrupted = 0;
    const std::optional<QList<RunRecord>> alive =
        interruptOrphans(jobId, context, &interrupted, error);
    if (!alive)
        return 0;
    if (!alive->isEmpty()) {
        const RunRecord &other = alive->constFirst();
        Sql::fail(error, u"%1: it is already running (run %2, started %3 by process %4 on %5)"_s
                             .arg(context)
                             .arg(other.id)
                             .arg(Database::timeText(other.startedAt))
                             .arg(other.pid)
                             .arg(other.host));
        return 0;
    }
    const std::optional<QSqlQuery> insert =
        Sql::run(u"INSERT INTO runs(job_id, started_at, status, trigger, pid, host) "
                 u"VALUES(?, ?, 'running', ?, ?, ?)"_s,
                 {jobId, nowText(), trigger.isEmpty() ? u"manual"_s : trigger,
                  QCoreApplication::applicationPid(), thisHost()},
                 context, error);
    if (!insert || !transaction.commit(error))
        return 0;
    return insert->lastInsertId().toLongLong();
}

bool RunStore::finish(qint64 runId, RunStatus status, const QString &message, qint64 matched,
                      QString *error) {
    const QString context = u"cannot finish run %1"_s.arg(runId);
    if (status == RunStatus::Running)
        return Sql::fail(error, context + u": a finished run cannot be 'running'"_s);
    return updateOneRun(
        u"status = ?, finished_at = ?, message = ?, matched = ?"_s,
        {runStatusToString(status), nowText(), message.isNull() ? u""_s : message, matched}, runId,
        context, error);
}

bool RunStore::setMatched(qint64 runId, qint64 matched, QString *error) {
    return updateOneRun(u"matched = ?"_s, {matched}, runId, u"cannot update run %1"_s.arg(runId),
                        error);
}

std::optional<RunRecord> RunStore::byId(qint64 runId, QString *error) {
    const QString context = u"cannot read run %1"_s.arg(runId);
    const std::optional<QList<RunRecord>> runs = select(u"WHERE id = ?"_s, {runId}, context, error);
    if (!runs)
        return std::nullopt;
    if (runs->isEmpty()) {
        Sql::fail(error, u"there is no run %1"_s.arg(runId));
        return std::nullopt;
    }
    return runs->constFirst();
}

std::optional<QList<RunRecord>> RunStore::recent(qint64 jobId, int limit, QString *error) {
    const QString context = u"cannot list the runs of job %1"_s.arg(jobId);
    if (jobId > 0)
        return select(u"WHERE job_id = ? ORDER BY id DESC LIMIT ?"_s, {jobId, limit}, context,
                      error);
    return select(u"ORDER BY id DESC LIMIT ?"_s, {limit}, context, error);
}

int RunStore::markInterrupted(QString *error) {
    const QString context = u"cannot mark interrupted runs"_s;
    WriteTransaction transaction;
    if (!transaction.begin(context, error))
        return -1;
    int interrupted = 0;
    if (!interruptOrphans(0, context, &interrupted, error) || !transaction.commit(error))
        return -1;
    return interrupted;
}

} // namespace Replicall
