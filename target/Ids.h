// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Replicall::Target {

// Recording ids, tenant ids, token names: [A-Za-z0-9][A-Za-z0-9._-]{0,127}.
// Everything that ends up in a path or a database key passes through here first.
bool isValidId(const QString &id);

// Upload ids are minted by the target: 32 lowercase hex characters.
bool isValidUploadId(const QString &id);

// 64 hex characters; accepts either case.
bool isValidSha256Hex(const QString &hex);

// "2026-11-20T08:15:00Z"
QString isoUtc(const QDateTime &time);
// Parses ISO-8601; an invalid QDateTime when the text is not a time.
QDateTime parseIsoUtc(const QString &text);
// RFC 9110 date for tus' Upload-Expires: "Wed, 25 Jun 2014 16:00:00 GMT".
QByteArray httpDate(const QDateTime &time);

} // namespace Replicall::Target
