// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/CommitCall.h"

#include "transfer/Answers.h"
#include "transfer/Sha256.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Replicall {

CommitCall::CommitCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                       const CommitRequest &commit, QObject *parent)
    : NetworkCall(network, endpoint, parent)
    , m_commit(commit) {}

QByteArray CommitCall::metadataSha256(const QJsonObject &metadata) {
    return Sha256::hexOf(QJsonDocument(metadata).toJson(QJsonDocument::Compact));
}

bool CommitCall::isValidId(const QString &id) {
    static const QRegularExpression pattern(u"\\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z"_s);
    return pattern.match(id).hasMatch();
}

void CommitCall::start() {
    const QString &id = m_commit.recordingId;
    QString problem;
    if (!isValidId(id))
        problem =
            u"recording id \"%1\" is not valid (letters, digits, . _ -; at most 128)"_s.arg(id);
    else if (!isValidId(m_commit.tenant))
        problem = u"recording %1 has an invalid tenant \"%2\""_s.arg(id, m_commit.tenant);
    else if (!m_commit.start.isValid())
        problem = u"recording %1 has no valid start time"_s.arg(id);
    else if (!m_commit.metadata && !m_commit.audio)
        problem = u"recording %1: nothing to commit (neither metadata nor audio)"_s.arg(id);
    if (!problem.isEmpty()) {
        finish(TransferError::recording(u"bad-request"_s, problem));
        return;
    }

    QJsonObject body{{u"tenant"_s, m_commit.tenant},
                     {u"start"_s, m_commit.start.toUTC().toString(Qt::ISODate)}};
    if (m_commit.metadata)
        body.insert(u"metadata"_s, *m_commit.metadata);
    if (m_commit.audio) {
        QJsonObject audio{{u"size"_s, double(m_commit.audio->size)},
                          {u"sha256"_s, QString::fromLatin1(m_commit.audio->sha256)},
                          {u"fileName"_s, m_commit.audio->fileName}};
        if (!m_commit.audio->uploadId.isEmpty())
            audio.insert(u"upload"_s, m_commit.audio->uploadId);
        body.insert(u"audio"_s, audio);
    }
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    exchange(
        [this, payload] {
            QNetworkRequest request = endpoint().request(u"/recordings/"_s + m_commit.recordingId);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            return network()->put(request, payload);
        },
        [this](QNetworkReply *reply, const QByteArray &answer) {
            read(answer, reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
        });
}

void CommitCall::read(const QByteArray &body, int status) {
    const QString operation = u"PUT /recordings/%1"_s.arg(m_commit.recordingId);
    QString problem;
    if (!Answers::readCommit(body, status, &m_result, &problem)) {
        finish(badAnswer(operation, problem));
        return;
    }

    if (m_commit.audio) {
        const QByteArray sent = m_commit.audio->sha256.toLower();
        if (m_result.audioSha256 != sent) {
            finish(TransferError::recording(
                u"sha256-mismatch"_s,
                u"target stored a different SHA-256 for the audio of recording %1: %2, sent %3"_s
                    .arg(m_commit.recordingId,
                         m_result.audioSha256.isEmpty() ? u"none"_s
                                                        : QString::fromLatin1(m_result.audioSha256),
                         QString::fromLatin1(sent))));
            return;
        }
    }
    if (m_commit.metadata) {
        const QByteArray sent = metadataSha256(*m_commit.metadata);
        if (m_result.metadataSha256 != sent) {
            finish(TransferError::recording(
                u"sha256-mismatch"_s,
                u"target stored a different SHA-256 for the metadata of recording %1: %2, sent %3"_s
                    .arg(m_commit.recordingId, QString::fromLatin1(m_result.metadataSha256),
                         QString::fromLatin1(sent))));
            return;
        }
    }
    finish();
}

} // namespace Replicall
