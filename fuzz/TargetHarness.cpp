// SPDX-License-Identifier: GPL-3.0-or-later
#include "TargetHarness.h"

#include "Database.h"
#include "FuzzSupport.h"
#include "ReplicationApi.h"
#include "ServerConfig.h"
#include "TokenStore.h"

#include <QDir>
#include <cstdlib>

namespace Replicall::Fuzz {

TargetHarness &TargetHarness::instance() {
    static TargetHarness harness;
    return harness;
}

TargetHarness::TargetHarness() {
    ensureApplication();
    silenceQtMessages();
    // Left behind on purpose: libFuzzer ends the process with exit(), and a crash needs
    // the data directory for its reproduction anyway.
    m_dataDir = QDir::temp().filePath(
        QStringLiteral("replicall-fuzz-target-%1").arg(QCoreApplication::applicationPid()));
    QDir().mkpath(m_dataDir);
    QString error;
    if (!Target::Database::open(m_dataDir, &error))
        qFatal("cannot open the target database: %s", qPrintable(error));
    const QString token = Target::TokenStore::create(
        QStringLiteral("fuzz"), {QStringLiteral("acme")},
        {QStringLiteral("audio"), QStringLiteral("metadata"), QStringLiteral("users")}, 0, &error);
    if (token.isEmpty())
        qFatal("cannot create a token: %s", qPrintable(error));
    m_authorization = "Bearer " + token.toLatin1();
    Target::ServerConfig config;
    config.dataDir = m_dataDir;
    config.reserveBytes = 0;
    config.maxChunkSize = 64 * 1024; // small limits: the fuzzer reaches them
    config.maxUploadSize = 1024 * 1024;
    config.maxJsonSize = 64 * 1024;
    m_api = std::make_unique<Target::ReplicationApi>(config);
}

Target::HttpResponse TargetHarness::play(Target::HttpRequest request, const QByteArray &body) {
    if (!request.headers.contains("authorization"))
        request.headers.insert("authorization", m_authorization);
    if (!request.headers.contains("content-length") && !body.isEmpty())
        request.headers.insert("content-length", QByteArray::number(body.size()));
    bool ok = false;
    request.contentLength = request.header("content-length").trimmed().toLongLong(&ok);
    if (!ok || request.contentLength < 0)
        request.contentLength = -1;
    Target::Routed routed = m_api->route(request);
    if (!routed.handler)
        return routed.response;
    // As libmicrohttpd does: the body in pieces, then the end of it.
    for (qsizetype at = 0; at < body.size(); at += 1000) {
        const QByteArray piece = body.mid(at, 1000);
        if (!routed.handler->receive(piece.constData(), size_t(piece.size()))) {
            routed.handler->abandon();
            return {};
        }
    }
    return routed.handler->finish();
}

QString TargetHarness::openUpload() {
    Target::HttpRequest create;
    create.method = "POST";
    create.path = QStringLiteral("/api/replication/v1/uploads");
    create.headers.insert("tus-resumable", "1.0.0");
    create.headers.insert("upload-length", "100000");
    create.headers.insert("upload-metadata", "tenant " + QByteArray("acme").toBase64());
    const Target::HttpResponse created = play(create, {});
    const QByteArray location = created.header("Location");
    if (location.isEmpty())
        qFatal("the harness cannot create an upload: %s", created.body.constData());
    return QString::fromLatin1(location.mid(location.lastIndexOf('/') + 1));
}

void splitRequest(const QByteArray &input, Target::HttpRequest *request, QByteArray *body) {
    const qsizetype end = input.indexOf("\n\n");
    const QByteArray head = end < 0 ? input : input.left(end);
    *body = end < 0 ? QByteArray() : input.mid(end + 2);
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request->headers.insert(line.left(colon).trimmed().toLower(),
                                line.mid(colon + 1).trimmed());
    }
}

} // namespace Replicall::Fuzz
