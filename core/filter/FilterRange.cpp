// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/FilterRange.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Replicall::FilterTime {

qint64 secondsOf(const QDateTime &utc) {
    const qint64 ms = utc.toMSecsSinceEpoch();
    // Round towards minus infinity, like the truncated text does.
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

QString catalogText(qint64 seconds) {
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

bool parseTimeValue(const QString &text, qint64 *first, qint64 *last) {
    static const QRegularExpression dayOnly(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    static const QRegularExpression withZone(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$"_s);
    QDateTime start;
    qint64 span = 1;
    if (dayOnly.match(text).hasMatch()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        start = QDateTime(day, QTime(0, 0), Qt::UTC);
        span = SecondsPerDay;
    } else if (withZone.match(text).hasMatch()) {
        start = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
    } else {
        return false;
    }
    if (!start.isValid() || start.date().year() < 1970 || start.date().year() > 9999)
        return false;
    *first = secondsOf(start);
    *last = *first + span - 1;
    return true;
}

FilterRange effectiveRange(const FilterCondition &condition, const QDateTime &nowUtc) {
    const qint64 cutoff = secondsOf(nowUtc) - condition.days * SecondsPerDay;
    FilterRange range;
    switch (condition.op) {
    case FilterOperator::InLastDays:
        range.low = cutoff;
        return range;
    case FilterOperator::OlderThanDays:
        range.high = cutoff - 1;
        return range;
    default:
        return condition.range;
    }
}

} // namespace Replicall::FilterTime
