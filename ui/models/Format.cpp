// SPDX-License-Identifier: GPL-3.0-or-later
#include "Format.h"

#include "model/Job.h"
#include "schedule/Schedule.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace Replicall {

QString Format::time(const QDateTime &utc) {
    if (!utc.isValid())
        return tr("—");
    return utc.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

QString Format::duration(qint64 seconds) {
    if (seconds < 0)
        return tr("—");
    if (seconds >= 3600)
        return tr("%1 h %2 min")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(seconds);
}

QString Format::rate(double bytesPerSecond) {
    return tr("%1/s").arg(formatSize(qint64(bytesPerSecond)));
}

QString Format::runStatus(RunStatus status) {
    switch (status) {
    case RunStatus::Running:
        return tr("running");
    case RunStatus::Succeeded:
        return tr("succeeded");
    case RunStatus::Partial:
        return tr("partial");
    case RunStatus::Failed:
        return tr("failed");
    case RunStatus::Stopped:
        return tr("stopped");
    case RunStatus::Interrupted:
        return tr("interrupted");
    }
    return QString();
}

QString Format::runStatus(const QString &status) {
    RunStatus known;
    return runStatusFromString(status, &known) ? runStatus(known) : status;
}

QString Format::failureKind(FailureKind kind) {
    switch (kind) {
    case FailureKind::Recording:
        return tr("recording");
    case FailureKind::Transient:
        return tr("transient");
    case FailureKind::Fatal:
        return tr("fatal");
    }
    return QString();
}

QString Format::schedule(const QString &spec) {
    Schedule schedule;
    QString error;
    if (!Schedule::parse(spec, &schedule, &error))
        return spec;
    QStringList times;
    for (int minute : schedule.times())
        times << QTime(minute / 60, minute % 60).toString(u"HH:mm"_s);
    switch (schedule.kind()) {
    case Schedule::Kind::Manual:
        return tr("manual");
    case Schedule::Kind::Continuous:
        return tr("continuous");
    case Schedule::Kind::Every:
        if (schedule.intervalMinutes() == 60)
            return tr("every hour");
        if (schedule.intervalMinutes() % 60 == 0)
            return tr("every %1 hours").arg(schedule.intervalMinutes() / 60);
        if (schedule.intervalMinutes() == 1)
            return tr("every minute");
        return tr("every %1 minutes").arg(schedule.intervalMinutes());
    case Schedule::Kind::Daily:
        return tr("daily at %1").arg(times.join(u", "_s));
    case Schedule::Kind::Weekly: {
        QStringList days;
        for (int day = 1; day <= 7; ++day) {
            if (schedule.weekdays().contains(day))
                days << QLocale().dayName(day, QLocale::ShortFormat);
        }
        return tr("weekly on %1 at %2").arg(days.join(u", "_s), times.join(u", "_s));
    }
    }
    return spec;
}

QString Format::trigger(const QString &trigger) {
    if (trigger == u"manual"_s)
        return tr("by hand");
    if (trigger == u"schedule"_s)
        return tr("schedule");
    if (trigger == u"catch-up"_s)
        return tr("missed run caught up");
    if (trigger == u"continuous"_s)
        return tr("new calls");
    if (trigger == u"resume"_s)
        return tr("resumed");
    return trigger;
}

} // namespace Replicall
