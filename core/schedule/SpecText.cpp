// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/SpecText.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

bool isDigits(QStringView text) {
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return !text.isEmpty();
}

} // namespace

std::optional<int> parseTimeOfDay(QStringView text, bool allowEndOfDay, QString *error) {
    const QStringView trimmed = text.trimmed();
    const qsizetype colon = trimmed.indexOf(u':');
    const QStringView hourText = colon < 0 ? QStringView() : trimmed.left(colon);
    const QStringView minuteText = colon < 0 ? QStringView() : trimmed.mid(colon + 1);
    if (isDigits(hourText) && hourText.size() <= 2 && isDigits(minuteText) &&
        minuteText.size() == 2) {
        const int hour = hourText.toInt();
        const int minute = minuteText.toInt();
        if (hour < 24 && minute < 60)
            return hour * 60 + minute;
        if (allowEndOfDay && hour == 24 && minute == 0)
            return MinutesPerDay;
    }
    if (error) {
        *error = u"'"_s + trimmed.toString() + u"' is not a time of day (HH:MM"_s +
                 (allowEndOfDay ? u", 00:00 to 24:00)"_s : u", 00:00 to 23:59)"_s);
    }
    return std::nullopt;
}

QString formatTimeOfDay(int minutes) {
    return u"%1:%2"_s.arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0'));
}

QStringList specWords(const QString &spec) {
    // A '-' only joins when spaced on both sides, so "every -5m" stays visible
    // as a negative number and "mon- 08:00" as a range without its end.
    static const QRegularExpression spacedComma(u"\\s*,\\s*"_s);
    static const QRegularExpression spacedDash(u"\\s+-\\s+"_s);
    QString text = spec.simplified();
    text.replace(spacedComma, u","_s).replace(spacedDash, u"-"_s);
    return text.split(u' ', Qt::SkipEmptyParts);
}

bool failWith(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

} // namespace Replicall
