// SPDX-License-Identifier: GPL-3.0-or-later
#include "transfer/NetworkCall.h"

#include <QJsonDocument>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {
// Answers of the protocol are small JSON documents; anything bigger is not one.
constexpr qint64 MaxAnswerSize = 64 * 1024 * 1024;
} // namespace

NetworkCall::NetworkCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint,
                         QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint) {
    m_backoff.setSingleShot(true);
}

NetworkCall::~NetworkCall() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void NetworkCall::abort() {
    if (m_finished)
        return;
    m_backoff.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    aborted();
    finish(TransferError::transient(u"aborted"_s, u"stopped before it finished"_s));
}

void NetworkCall::exchange(const Send &send, const OnAnswer &onAnswer, const OnError &onError) {
    if (m_finished)
        return;
    QNetworkReply *reply = send();
    if (!reply)
        return;
    m_reply = reply;
    TransferError::watchTls(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, send, onAnswer, onError] {
        reply->deleteLater();
        m_reply = nullptr;
        if (m_finished)
            return;
        // Sized to what arrived: QIODevice::read(n) allocates n bytes first, and a
        // 64 MiB block is an mmap() and munmap() per request.
        const QByteArray body = reply->read(qMin(reply->bytesAvailable(), MaxAnswerSize));
        const TransferError error = TransferError::fromReply(reply, body);
        if (!error.isError()) {
            onAnswer(reply, body);
        } else if (onError && onError(reply, error)) {
            // handled by the operation
        } else if (error.kind == TransferError::Kind::Transient) {
            retryLater([this, send, onAnswer, onError] { exchange(send, onAnswer, onError); },
                       error);
        } else {
            finish(error);
        }
    });
}

void NetworkCall::retryLater(const std::function<void()> &what, const TransferError &cause) {
    if (m_finished)
        return;
    if (m_retries >= m_retry.maxRetries) {
        TransferError error = cause;
        if (m_retries > 0)
            error.message += u" (gave up after %1 attempts)"_s.arg(m_retries + 1);
        finish(error);
        return;
    }
    const int delay = m_retry.backoffBaseMs * (1 << qMin(m_retries, 16));
    ++m_retries;
    m_backoff.disconnect(this);
    connect(&m_backoff, &QTimer::timeout, this, what);
    m_backoff.start(delay);
}

void NetworkCall::finish(const TransferError &error) {
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_backoff.stop();
    // Queued so that a caller never sees finished() from inside start() or abort().
    QMetaObject::invokeMethod(this, &NetworkCall::finished, Qt::QueuedConnection);
}

TransferError NetworkCall::badAnswer(const QString &operation, const QString &problem) const {
    return badAnswer(m_endpoint.settings().url.host(), operation, problem);
}

TransferError NetworkCall::badAnswer(const QString &targetHost, const QString &operation,
                                     const QString &problem) {
    return TransferError::fatal(
        u"bad-response"_s,
        u"target %1 answered %2 in a way that does not follow the protocol: %3"_s.arg(
            targetHost, operation, problem));
}

std::optional<QJsonObject> NetworkCall::parseObject(const QString &operation,
                                                    const QByteArray &body) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        finish(badAnswer(operation,
                         u"the body is not JSON (%1 at byte %2)"_s.arg(parseError.errorString())
                             .arg(parseError.offset)));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        finish(badAnswer(operation, u"the body is not a JSON object"_s));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace Replicall
