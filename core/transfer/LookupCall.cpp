// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/LookupCall.h"

#include "transfer/Answers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {
const QString Operation = u"POST /recordings/lookup"_s;
} // namespace

LookupCall::LookupCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                       const QList<LookupEntry> &entries, QObject *parent)
    : NetworkCall(network, endpoint, parent)
    , m_entries(entries) {}

void LookupCall::start() {
    sendBatch();
}

void LookupCall::sendBatch() {
    if (m_next >= m_entries.size()) {
        finish();
        return;
    }
    const qsizetype first = m_next;
    const qsizetype count = qMin<qsizetype>(m_maxBatch, m_entries.size() - first);
    QJsonArray recordings;
    for (qsizetype i = first; i < first + count; ++i) {
        QJsonObject entry{{u"id"_s, m_entries.at(i).id}};
        if (!m_entries.at(i).sha256.isEmpty())
            entry.insert(u"sha256"_s, QString::fromLatin1(m_entries.at(i).sha256));
        recordings.append(entry);
    }
    const QByteArray payload =
        QJsonDocument(QJsonObject{{u"recordings"_s, recordings}}).toJson(QJsonDocument::Compact);

    exchange(
        [this, payload] {
            QNetworkRequest request = endpoint().request(u"/recordings/lookup"_s);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            return network()->post(request, payload);
        },
        [this, first, count](QNetworkReply *, const QByteArray &body) {
            if (!readBatch(body, first, count))
                return;
            m_next = first + count;
            resetRetries();
            sendBatch();
        });
}

bool LookupCall::readBatch(const QByteArray &body, qsizetype first, qsizetype count) {
    QString problem;
    if (!Answers::readLookup(body, m_entries.mid(first, count), &m_result, &problem)) {
        finish(badAnswer(Operation, problem));
        return false;
    }
    return true;
}

} // namespace Replicall
