// SPDX-License-Identifier: GPL-3.0-or-later
//
// The floor of Qt's HTTP client on this machine: uploads each file named in
// a list to replicall-target as one tus creation-with-upload request through a
// bare QNetworkAccessManager, PARALLEL requests at a time, with nothing else
// around it: no hashing, no catalog, no ledger, no commit. bench/run.sh runs it
// on the same data as Replicall's sender, so the CPU it takes is the part of
// the sender's CPU that belongs to QNetworkAccessManager itself.
//
// Usage: replicall-qnam-floor URL TOKEN_FILE LIST_FILE PARALLEL
//   (a file's tenant is the list's first path component below ARCHIVE_ROOT,
//    given as the environment variable of that name)

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <cstdio>

namespace {

struct Upload {
    QString path;
    QString tenant;
    QString recording;
};

QByteArray metadataOf(const Upload &upload) {
    return "recording " + upload.recording.toUtf8().toBase64() + ",tenant " +
           upload.tenant.toUtf8().toBase64() + ",filename " +
           QFileInfo(upload.path).fileName().toUtf8().toBase64();
}

class Uploader : public QObject {
public:
    Uploader(const QUrl &endpoint, const QByteArray &token, QList<Upload> uploads)
        : m_endpoint(endpoint)
        , m_token(token)
        , m_uploads(std::move(uploads)) {}

    void start(int parallel) {
        for (int i = 0; i < parallel; ++i)
            sendNext();
    }
    int failures() const { return m_failures; }

private:
    void sendNext() {
        if (m_next >= m_uploads.size()) {
            if (m_inFlight == 0)
                QCoreApplication::quit();
            return;
        }
        const Upload &upload = m_uploads.at(m_next++);
        auto *file = new QFile(upload.path);
        if (!file->open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(upload.path));
            ++m_failures;
            delete file;
            sendNext();
            return;
        }
        QNetworkRequest request(m_endpoint);
        request.setRawHeader("Authorization", "Bearer " + m_token);
        request.setRawHeader("Tus-Resumable", "1.0.0");
        request.setRawHeader("Upload-Length", QByteArray::number(file->size()));
        request.setRawHeader("Upload-Metadata", metadataOf(upload));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/offset+octet-stream"));
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        QNetworkReply *reply = m_network.post(request, file);
        file->setParent(reply);
        ++m_inFlight;
        connect(reply, &QNetworkReply::finished, this, [this, reply, path = upload.path] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 201) {
                std::fprintf(stderr, "%s: HTTP %d %s\n", qPrintable(path), status,
                             reply->readAll().constData());
                ++m_failures;
            }
            reply->deleteLater();
            --m_inFlight;
            sendNext();
        });
    }

    QNetworkAccessManager m_network;
    QUrl m_endpoint;
    QByteArray m_token;
    QList<Upload> m_uploads;
    qsizetype m_next = 0;
    int m_inFlight = 0;
    int m_failures = 0;
};

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString root = qEnvironmentVariable("ARCHIVE_ROOT");
    if (args.size() != 5 || args.at(4).toInt() < 1 || root.isEmpty()) {
        std::fprintf(stderr, "usage: ARCHIVE_ROOT=DIR replicall-qnam-floor URL TOKEN_FILE "
                             "LIST_FILE PARALLEL\n");
        return 2;
    }
    QFile tokenFile(args.at(2)), listFile(args.at(3));
    if (!tokenFile.open(QIODevice::ReadOnly) || !listFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the token file or the list\n");
        return 2;
    }
    const QDir archive(root);
    QList<Upload> uploads;
    for (const QByteArray &line : listFile.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        Upload upload;
        upload.path = QString::fromLocal8Bit(line);
        upload.tenant = archive.relativeFilePath(upload.path).section(u'/', 0, 0);
        upload.recording = QFileInfo(upload.path).completeBaseName();
        uploads.append(upload);
    }
    Uploader uploader(QUrl(args.at(1) + QStringLiteral("/api/replication/v1/uploads")),
                      tokenFile.readAll().trimmed(), uploads);
    if (!uploads.isEmpty()) {
        uploader.start(args.at(4).toInt());
        app.exec();
    }
    if (uploader.failures() > 0) {
        std::fprintf(stderr, "%d of %lld uploads failed\n", uploader.failures(),
                     qlonglong(uploads.size()));
        return 1;
    }
    std::printf("uploaded %lld files\n", qlonglong(uploads.size()));
    return 0;
}
