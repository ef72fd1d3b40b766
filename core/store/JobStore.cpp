// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/JobStore.h"

#include "store/Database.h"
#include "store/Sql.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

const QString selectJobs = u"SELECT id, name, enabled, settings FROM jobs "_s;

QString settingsText(const Job &job) {
    return QString::fromUtf8(QJsonDocument(jobToJson(job)).toJson(QJsonDocument::Compact));
}

bool checkJob(const Job &job, QString *error) {
    const QStringList problems = validateJob(job);
    if (problems.isEmpty())
        return true;
    const QString name = job.name.trimmed().isEmpty() ? u"the job"_s : u"job '%1'"_s.arg(job.name);
    return Sql::fail(error, u"cannot save %1: %2"_s.arg(name, problems.join(u"; "_s)));
}

// The columns win over the copies inside `settings`.
std::optional<Job> jobFromRow(const QSqlQuery &row, QString *error) {
    const qint64 id = row.value(0).toLongLong();
    const QString name = row.value(1).toString();
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(row.value(3).toString().toUtf8(), &parseError);
    Job job;
    QString why = parseError.errorString();
    if (!doc.isObject() || !jobFromJson(doc.object(), &job, &why)) {
        Sql::fail(
            error,
            u"the settings of job '%1' (id %2) are unreadable: %3"_s.arg(name).arg(id).arg(why));
        return std::nullopt;
    }
    job.id = id;
    job.name = name;
    job.enabled = row.value(2).toBool();
    return job;
}

std::optional<QList<Job>> selectList(const QString &where, const QVariantList &values,
                                     const QString &context, QString *error) {
    std::optional<QSqlQuery> query = Sql::run(selectJobs + where, values, context, error);
    if (!query)
        return std::nullopt;
    QList<Job> jobs;
    while (query->next()) {
        std::optional<Job> job = jobFromRow(*query, error);
        if (!job)
            return std::nullopt;
        jobs.append(*job);
    }
    return jobs;
}

std::optional<Job> selectOne(const QString &where, const QVariantList &values,
                             const QString &context, const QString &missing, QString *error) {
    const std::optional<QList<Job>> jobs = selectList(where, values, context, error);
    if (!jobs)
        return std::nullopt;
    if (jobs->isEmpty()) {
        Sql::fail(error, missing);
        return std::nullopt;
    }
    return jobs->constFirst();
}

// Inside the caller's write transaction, so that the check and the write see the same state.
bool nameFree(const QString &name, qint64 exceptId, const QString &context, QString *error) {
    std::optional<QSqlQuery> query = Sql::run(u"SELECT 1 FROM jobs WHERE name = ? AND id <> ?"_s,
                                              {name, exceptId}, context, error);
    if (!query)
        return false;
    if (query->next())
        return Sql::fail(error, u"a job named '%1' already exists"_s.arg(name));
    return true;
}

bool requireOneRow(const QSqlQuery &query, qint64 id, QString *error) {
    if (query.numRowsAffected() == 1)
        return true;
    return Sql::fail(error, u"there is no job with id %1"_s.arg(id));
}

} // namespace

bool JobStore::add(Job &job, QString *error) {
    if (!checkJob(job, error))
        return false;
    const QString context = u"cannot add job '%1'"_s.arg(job.name);
    WriteTransaction transaction;
    if (!transaction.begin(context, error) || !nameFree(job.name, 0, context, error))
        return false;
    const QString now = Database::timeText(QDateTime::currentDateTimeUtc());
    const std::optional<QSqlQuery> insert = Sql::run(
        u"INSERT INTO jobs(name, enabled, settings, created_at, updated_at) VALUES(?, ?, ?, ?, ?)"_s,
        {job.name, job.enabled ? 1 : 0, settingsText(job), now, now}, context, error);
    if (!insert || !transaction.commit(error))
        return false;
    job.id = insert->lastInsertId().toLongLong();
    return true;
}

bool JobStore::update(const Job &job, QString *error) {
    if (!checkJob(job, error))
        return false;
    const QString context = u"cannot update job '%1'"_s.arg(job.name);
    WriteTransaction transaction;
    if (!transaction.begin(context, error) || !nameFree(job.name, job.id, context, error))
        return false;
    const std::optional<QSqlQuery> query = Sql::run(
        u"UPDATE jobs SET name = ?, enabled = ?, settings = ?, updated_at = ? WHERE id = ?"_s,
        {job.name, job.enabled ? 1 : 0, settingsText(job),
         Database::timeText(QDateTime::currentDateTimeUtc()), job.id},
        context, error);
    return query && requireOneRow(*query, job.id, error) && transaction.commit(error);
}

bool JobStore::remove(qint64 id, QString *error) {
    const std::optional<QSqlQuery> query = Sql::run(u"DELETE FROM jobs WHERE id = ?"_s, {id},
                                                    u"cannot remove job %1"_s.arg(id), error);
    return query && requireOneRow(*query, id, error);
}

bool JobStore::setEnabled(qint64 id, bool enabled, QString *error) {
    // Only the column: a job that fails newer validation rules must still be
    // possible to switch off. Readers take `enabled` from the column.
    const std::optional<QSqlQuery> query =
        Sql::run(u"UPDATE jobs SET enabled = ?, updated_at = ? WHERE id = ?"_s,
                 {enabled ? 1 : 0, Database::timeText(QDateTime::currentDateTimeUtc()), id},
                 u"cannot %1 job %2"_s.arg(enabled ? u"enable"_s : u"disable"_s).arg(id), error);
    return query && requireOneRow(*query, id, error);
}

std::optional<Job> JobStore::byId(qint64 id, QString *error) {
    return selectOne(u"WHERE id = ?"_s, {id}, u"cannot read job %1"_s.arg(id),
                     u"there is no job with id %1"_s.arg(id), error);
}

std::optional<Job> JobStore::byName(const QString &name, QString *error) {
    return selectOne(u"WHERE name = ?"_s, {name}, u"cannot read job '%1'"_s.arg(name),
                     u"there is no job named '%1'"_s.arg(name), error);
}

std::optional<Job> JobStore::resolve(const QString &nameOrId, QString *error) {
    QString why;
    std::optional<Job> job = byName(nameOrId, &why);
    if (job)
        return job;
    bool isNumber = false;
    const qint64 id = nameOrId.trimmed().toLongLong(&isNumber);
    if (isNumber && id > 0 && (job = byId(id, &why)))
        return job;
    Sql::fail(error, why.startsWith(u"there is no job"_s)
                         ? u"there is no job named or numbered '%1'"_s.arg(nameOrId)
                         : why);
    return std::nullopt;
}

std::optional<QList<Job>> JobStore::all(QString *error) {
    return selectList(u"ORDER BY name"_s, {}, u"cannot list the jobs"_s, error);
}

} // namespace Replicall
