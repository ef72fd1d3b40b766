// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpClient.h"
#include "TargetProcess.h"

#include <QJsonObject>

namespace Replicall::Test {

// A sender's side of the wire protocol, kept small and explicit for the target's tests.
struct TusSteps {
    TargetProcess &target;
    HttpClient &client;

    // POST /uploads; returns the upload id (empty on failure, with the result in *result).
    QString create(qint64 length, const QString &tenant, const QString &recording,
                   HttpResult *result = nullptr, const QByteArray &firstBytes = {},
                   const Headers &extra = {});
    HttpResult patch(const QString &uploadId, qint64 offset, const QByteArray &bytes,
                     const Headers &extra = {});
    HttpResult head(const QString &uploadId);
    HttpResult commit(const QString &recording, const QJsonObject &body);
};

QByteArray sha256Hex(const QByteArray &data);
QByteArray checksumHeader(const QByteArray &algorithm, const QByteArray &data); // "sha256 <base64>"
QByteArray testBytes(qint64 size, int seed = 1); // deterministic content
QJsonObject commitBody(const QString &tenant, const QString &uploadId, const QByteArray &audio,
                       const QJsonObject &metadata = {},
                       const QString &start = QStringLiteral("2026-11-20T08:15:00Z"));
QByteArray readFile(const QString &path);

} // namespace Replicall::Test
