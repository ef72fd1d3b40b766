// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Schema.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// Version 1: the catalog of the source, the jobs and everything a run writes.
// Column meanings are in docs/state-database.md.
QStringList version1() {
    return {
        uR"(CREATE TABLE sources(
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            scanned_at TEXT))"_s,
        uR"(CREATE TABLE source_dirs(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            rel_path TEXT NOT NULL,
            mtime_ns INTEGER NOT NULL,
            PRIMARY KEY(source_id, rel_path)))"_s,
        uR"(CREATE TABLE recordings(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            tenant TEXT NOT NULL,
            start_utc TEXT NOT NULL,
            day TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            direction TEXT NOT NULL,
            caller_number TEXT NOT NULL DEFAULT '',
            caller_name TEXT NOT NULL DEFAULT '',
            callee_number TEXT NOT NULL DEFAULT '',
            callee_name TEXT NOT NULL DEFAULT '',
            users TEXT NOT NULL DEFAULT '[]',
            groups TEXT NOT NULL DEFAULT '[]',
            categories TEXT NOT NULL DEFAULT '[]',
            sidecar_path TEXT NOT NULL,
            sidecar_mtime_ns INTEGER NOT NULL,
            sidecar_size INTEGER NOT NULL,
            audio_path TEXT NOT NULL DEFAULT '',
            audio_size INTEGER NOT NULL DEFAULT 0,
            audio_mtime_ns INTEGER NOT NULL DEFAULT 0,
            metadata_sha256 TEXT NOT NULL,
            metadata TEXT NOT NULL,
            PRIMARY KEY(source_id, id)))"_s,
        u"CREATE INDEX recordings_tenant_day ON recordings(source_id, tenant, day)"_s,
        u"CREATE INDEX recordings_sidecar ON recordings(source_id, sidecar_path)"_s,
        uR"(CREATE TABLE source_problems(
            source_id INTEGER NOT NULL,
            sidecar_path TEXT NOT NULL,
            problem TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY(source_id, sidecar_path)))"_s,
        uR"(CREATE TABLE jobs(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            enabled INTEGER NOT NULL DEFAULT 1,
            settings TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))"_s,
        uR"(CREATE TABLE ledger(
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            recording_id TEXT NOT NULL,
            tenant TEXT NOT NULL,
            day TEXT NOT NULL,
            audio_sha256 TEXT NOT NULL DEFAULT '',
            audio_size INTEGER NOT NULL DEFAULT 0,
            audio_mtime_ns INTEGER NOT NULL DEFAULT 0,
            metadata_sha256 TEXT NOT NULL DEFAULT '',
            target_path TEXT NOT NULL DEFAULT '',
            replicated_at TEXT NOT NULL,
            PRIMARY KEY(job_id, recording_id)))"_s,
        u"CREATE INDEX ledger_day ON ledger(job_id, day)"_s,
        uR"(CREATE TABLE uploads(
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            recording_id TEXT NOT NULL,
            upload_url TEXT NOT NULL,
            audio_sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY(job_id, recording_id)))"_s,
        uR"(CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            trigger TEXT NOT NULL DEFAULT 'manual',
            matched INTEGER NOT NULL DEFAULT 0,
            uploaded INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            bytes INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL DEFAULT '',
            pid INTEGER NOT NULL DEFAULT 0,
            host TEXT NOT NULL DEFAULT ''))"_s,
        u"CREATE INDEX runs_job ON runs(job_id, id)"_s,
        u"CREATE INDEX runs_running ON runs(job_id) WHERE status = 'running'"_s,
        uR"(CREATE TABLE day_stats(
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            replicated INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            bytes INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(job_id, day)))"_s,
        uR"(CREATE TABLE failures(
            job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            recording_id TEXT NOT NULL,
            run_id INTEGER,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            cause TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            last_at TEXT NOT NULL,
            next_retry_at TEXT,
            PRIMARY KEY(job_id, recording_id)))"_s,
        u"CREATE INDEX failures_retry ON failures(job_id, next_retry_at)"_s,
    };
}

const QString createVersionTable = u"CREATE TABLE IF NOT EXISTS schema_version("
                                   u"version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"_s;

// Applies the step after the file's current version. *done is set when the
// file is already at the latest version.
bool applyNextStep(bool *done, QString *error) {
    WriteTransaction transaction;
    if (!transaction.begin(u"cannot upgrade the state database"_s, error))
        return false;
    const int current = Schema::currentVersion(error);
    const int latest = Schema::latestVersion();
    if (current < 0)
        return false;
    if (current > latest)
        return Sql::fail(error, u"the state database has schema version %1, newer than this "
                                u"Replicall understands (%2); use a newer Replicall"_s.arg(current)
                                    .arg(latest));
    *done = current == latest;
    if (*done)
        return true;

    const Migration &step = Schema::migrations().at(current);
    const QString context = u"cannot upgrade the state database to version %1"_s.arg(step.version);
    for (const QString &statement : step.statements) {
        if (!Sql::run(statement, {}, context, error))
            return false;
    }
    return Sql::run(u"INSERT INTO schema_version(version, applied_at) VALUES(?, ?)"_s,
                    {step.version, Database::timeText(QDateTime::currentDateTimeUtc())}, context,
                    error) &&
           transaction.commit(error);
}

} // namespace

const QList<Migration> &Schema::migrations() {
    static const QList<Migration> steps = {
        {1, QStringList{createVersionTable} + version1()},
        // Planning a run reads, for every catalogued call, the columns the ledger is
        // compared with. Without this covering index each of those reads touched the
        // call's whole row (its metadata included): 2.3 s for a million-call no-op
        // instead of well under 2.
        {2,
         {u"CREATE INDEX recordings_plan ON recordings(source_id, id, audio_size, "
          u"audio_mtime_ns, metadata_sha256, start_utc)"_s}},
    };
    return steps;
}

int Schema::latestVersion() {
    return migrations().constLast().version;
}

int Schema::currentVersion(QString *error) {
    const QString context = u"cannot read the schema version"_s;
    std::optional<QSqlQuery> query =
        Sql::run(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"_s,
                 {u"schema_version"_s}, context, error);
    if (!query || !query->next())
        return -1;
    if (query->value(0).toInt() == 0)
        return 0;
    query = Sql::run(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s, {}, context, error);
    if (!query || !query->next())
        return -1;
    return query->value(0).toInt();
}

bool Schema::migrate(QString *error) {
    bool done = false;
    while (!done) {
        if (!applyNextStep(&done, error))
            return false;
    }
    return true;
}

} // namespace Replicall
