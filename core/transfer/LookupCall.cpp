// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/LookupCall.h"

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
    const auto json = parseObject(Operation, body);
    if (!json)
        return false;
    const QJsonArray answers = json->value(u"recordings"_s).toArray();
    if (answers.size() != count) {
        finish(badAnswer(Operation,
                         u"asked for %1 ids, got %2 answers"_s.arg(count).arg(answers.size())));
        return false;
    }
    for (qsizetype i = 0; i < count; ++i) {
        const QJsonObject answer = answers.at(i).toObject();
        const QString &id = m_entries.at(first + i).id;
        if (answer.value(u"id"_s).toString() != id) {
            finish(badAnswer(Operation, u"answer %1 is for \"%2\", expected \"%3\""_s.arg(i).arg(
                                            answer.value(u"id"_s).toString(), id)));
            return false;
        }
        HeldRecording held;
        held.held = answer.value(u"held"_s).toBool();
        held.tenant = answer.value(u"tenant"_s).toString();
        held.sha256 = answer.value(u"sha256"_s).toString().toLatin1();
        held.size = qint64(answer.value(u"size"_s).toDouble(-1));
        held.metadataSha256 = answer.value(u"metadataSha256"_s).toString().toLatin1();
        held.match = answer.value(u"match"_s).toBool();
        m_result.insert(id, held);
    }
    return true;
}

} // namespace Replicall
