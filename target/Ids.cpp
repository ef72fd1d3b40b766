// SPDX-License-Identifier: GPL-3.0-or-later
#include "Ids.h"

#include <QLocale>
#include <QRegularExpression>

namespace Replicall::Target {

bool isValidId(const QString &id) {
    static const QRegularExpression pattern(
        QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z"));
    return pattern.match(id).hasMatch();
}

bool isValidUploadId(const QString &id) {
    static const QRegularExpression pattern(QStringLiteral("\\A[0-9a-f]{32}\\z"));
    return pattern.match(id).hasMatch();
}

bool isValidSha256Hex(const QString &hex) {
    static const QRegularExpression pattern(QStringLiteral("\\A[0-9A-Fa-f]{64}\\z"));
    return pattern.match(hex).hasMatch();
}

QString isoUtc(const QDateTime &time) {
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODate);
}

QDateTime parseIsoUtc(const QString &text) {
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QByteArray httpDate(const QDateTime &time) {
    // The C locale keeps day and month names English whatever the host's locale is.
    return QLocale::c()
        .toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace Replicall::Target
