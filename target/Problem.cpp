// SPDX-License-Identifier: GPL-3.0-or-later
#include "Problem.h"

namespace Replicall::Target {

namespace {

struct ProblemKind {
    const char16_t *code;
    int status;
    const char16_t *title;
};

// The table of docs/wire-protocol.md, "Common rules".
constexpr ProblemKind kinds[] = {
    {u"token-missing", 401, u"Token missing"},
    {u"token-invalid", 401, u"Token invalid"},
    {u"token-revoked", 401, u"Token revoked"},
    {u"token-expired", 401, u"Token expired"},
    {u"tenant-out-of-scope", 403, u"Tenant out of scope"},
    {u"data-out-of-scope", 403, u"Data type out of scope"},
    {u"bad-request", 400, u"Bad request"},
    {u"invalid-id", 400, u"Invalid id"},
    {u"not-found", 404, u"Not found"},
    {u"offset-mismatch", 409, u"Offset mismatch"},
    {u"upload-incomplete", 409, u"Upload incomplete"},
    {u"checksum-mismatch", 460, u"Checksum mismatch"},
    {u"sha256-mismatch", 422, u"SHA-256 mismatch"},
    {u"conflict", 409, u"Conflict"},
    {u"too-large", 413, u"Too large"},
    {u"headers-too-large", 431, u"Request headers too large"},
    {u"precondition-failed", 412, u"Precondition failed"},
    {u"unsupported-media-type", 415, u"Unsupported media type"},
    {u"insufficient-storage", 507, u"Insufficient storage"},
    {u"too-many-connections", 503, u"Too many connections"},
    {u"internal", 500, u"Internal error"},
};

const ProblemKind &kindOf(const QString &code) {
    for (const ProblemKind &kind : kinds) {
        if (code == QStringView(kind.code))
            return kind;
    }
    return kinds[std::size(kinds) - 1]; // unknown codes are internal errors
}

} // namespace

int Problem::status() const {
    return kindOf(code).status;
}

QString Problem::title() const {
    return QString::fromUtf16(kindOf(code).title);
}

QJsonObject Problem::toJson() const {
    const ProblemKind &kind = kindOf(code);
    const QString kindCode = QString::fromUtf16(kind.code);
    return QJsonObject{
        {QStringLiteral("type"),
         QString(QStringLiteral("https://replicall.org/problems/") + kindCode)},
        {QStringLiteral("title"), QString::fromUtf16(kind.title)},
        {QStringLiteral("status"), kind.status},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("code"), kindCode},
    };
}

} // namespace Replicall::Target
