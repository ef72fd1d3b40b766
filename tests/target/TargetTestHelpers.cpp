// SPDX-License-Identifier: GPL-3.0-or-later
#include "TargetTestHelpers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>

namespace Replicall::Test {

QString TusSteps::create(qint64 length, const QString &tenant, const QString &recording,
                         HttpResult *result, const QByteArray &firstBytes, const Headers &extra) {
    QByteArray metadata = "tenant " + tenant.toUtf8().toBase64();
    if (!recording.isEmpty())
        metadata += ",recording " + recording.toUtf8().toBase64() + ",filename " +
                    QByteArray(recording.toUtf8() + ".wav").toBase64();
    Headers headers =
        tusHeaders({{"Upload-Length", QByteArray::number(length)}, {"Upload-Metadata", metadata}});
    if (!firstBytes.isEmpty())
        headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/offset+octet-stream")));
    headers += extra;
    const HttpResult answer =
        client.send("POST", target.apiUrl(QStringLiteral("/uploads")), firstBytes, headers);
    if (result)
        *result = answer;
    if (answer.status != 201)
        return {};
    return QString::fromLatin1(answer.header("Location")).section(u'/', -1);
}

HttpResult TusSteps::patch(const QString &uploadId, qint64 offset, const QByteArray &bytes,
                           const Headers &extra) {
    Headers headers = tusHeaders({{"Upload-Offset", QByteArray::number(offset)},
                                  {"Content-Type", "application/offset+octet-stream"}});
    headers += extra;
    return client.send("PATCH", target.apiUrl(QStringLiteral("/uploads/") + uploadId), bytes,
                       headers);
}

HttpResult TusSteps::head(const QString &uploadId) {
    return client.send("HEAD", target.apiUrl(QStringLiteral("/uploads/") + uploadId), QByteArray(),
                       tusHeaders());
}

HttpResult TusSteps::commit(const QString &recording, const QJsonObject &body) {
    return client.send("PUT", target.apiUrl(QStringLiteral("/recordings/") + recording),
                       QJsonDocument(body).toJson(QJsonDocument::Compact),
                       {{"Content-Type", "application/json"}});
}

QByteArray sha256Hex(const QByteArray &data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray checksumHeader(const QByteArray &algorithm, const QByteArray &data) {
    const auto kind = algorithm == "sha1" ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256;
    return algorithm + ' ' + QCryptographicHash::hash(data, kind).toBase64();
}

QByteArray testBytes(qint64 size, int seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = quint32(seed) * 2654435761u + 1;
    for (qint64 i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes[i] = char(state >> 24);
    }
    return bytes;
}

QJsonObject commitBody(const QString &tenant, const QString &uploadId, const QByteArray &audio,
                       const QJsonObject &metadata, const QString &start) {
    QJsonObject body{{QStringLiteral("tenant"), tenant}, {QStringLiteral("start"), start}};
    if (!metadata.isEmpty())
        body.insert(QStringLiteral("metadata"), metadata);
    if (!audio.isNull()) {
        QJsonObject audioObject{{QStringLiteral("size"), audio.size()},
                                {QStringLiteral("sha256"), QString::fromLatin1(sha256Hex(audio))},
                                {QStringLiteral("fileName"), QStringLiteral("call.wav")}};
        if (!uploadId.isEmpty())
            audioObject.insert(QStringLiteral("upload"), uploadId);
        body.insert(QStringLiteral("audio"), audioObject);
    }
    return body;
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace Replicall::Test
