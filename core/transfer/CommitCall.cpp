// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/CommitCall.h"

#include "model/Job.h"
#include "model/Recording.h"
#include "transfer/Answers.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Replicall {

CommitCall::CommitCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                       const CommitRequest &commit, QObject *parent)
    : NetworkCall(network, endpoint, parent)
    , m_commit(commit) {}

QString CommitCall::problemWith(const CommitRequest &commit) {
    const QString &id = commit.recordingId;
    if (!isValidId(id))
        return u"recording id \"%1\" is not valid (letters, digits, . _ -; at most 128)"_s.arg(id);
    if (!isValidId(commit.tenant))
        return u"recording %1 has an invalid tenant \"%2\""_s.arg(id, commit.tenant);
    if (!commit.start.isValid())
        return u"recording %1 has no valid start time"_s.arg(id);
    if (!commit.metadata && !commit.audio)
        return u"recording %1: nothing to commit (neither metadata nor audio)"_s.arg(id);
    return {};
}

QByteArray CommitCall::payload(const CommitRequest &commit) {
    QJsonObject body{{u"tenant"_s, commit.tenant},
                     {u"start"_s, commit.start.toUTC().toString(Qt::ISODate)}};
    if (commit.metadata)
        body.insert(u"metadata"_s, *commit.metadata);
    if (commit.audio) {
        QJsonObject audio{{u"size"_s, double(commit.audio->size)},
                          {u"sha256"_s, QString::fromLatin1(commit.audio->sha256)},
                          {u"fileName"_s, commit.audio->fileName}};
        if (!commit.audio->uploadId.isEmpty())
            audio.insert(u"upload"_s, commit.audio->uploadId);
        body.insert(u"audio"_s, audio);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void CommitCall::start() {
    if (const QString problem = problemWith(m_commit); !problem.isEmpty()) {
        finish(TransferError::recording(u"bad-request"_s, problem));
        return;
    }
    const QByteArray body = payload(m_commit);
    exchange(
        [this, body] {
            QNetworkRequest request = endpoint().request(u"/recordings/"_s + m_commit.recordingId);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            return network()->put(request, body);
        },
        [this](QNetworkReply *reply, const QByteArray &answer) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            finish(
                readAnswer(m_commit, endpoint().settings().url.host(), answer, status, &m_result));
        });
}

TransferError CommitCall::readAnswer(const CommitRequest &commit, const QString &targetHost,
                                     const QByteArray &body, int status, CommitResult *result) {
    QString problem;
    if (!Answers::readCommit(body, status, result, &problem))
        return badAnswer(targetHost, u"the commit of recording %1"_s.arg(commit.recordingId),
                         problem);
    if (commit.audio) {
        const QByteArray sent = commit.audio->sha256.toLower();
        if (result->audioSha256 != sent) {
            return TransferError::recording(
                u"sha256-mismatch"_s,
                u"target stored a different SHA-256 for the audio of recording %1: %2, sent %3"_s
                    .arg(commit.recordingId,
                         result->audioSha256.isEmpty() ? u"none"_s
                                                       : QString::fromLatin1(result->audioSha256),
                         QString::fromLatin1(sent)));
        }
    }
    if (commit.metadata) {
        // Of the metadata as sent, not the catalog's copy of its hash: the two
        // could only differ by a mistake, and that must not pass as verified.
        const QByteArray sent = Recording::metadataSha256Of(*commit.metadata);
        if (result->metadataSha256 != sent) {
            return TransferError::recording(
                u"sha256-mismatch"_s,
                u"target stored a different SHA-256 for the metadata of recording %1: %2, sent %3"_s
                    .arg(commit.recordingId, QString::fromLatin1(result->metadataSha256),
                         QString::fromLatin1(sent)));
        }
    }
    return {};
}

} // namespace Replicall
