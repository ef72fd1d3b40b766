// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/TargetEndpoint.h"
#include "transfer/TransferError.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Replicall {

// How often a transient failure is retried and how long to wait in between:
// the n-th retry waits backoffBaseMs * 2^(n-1) (0.5 s, 1 s, 2 s by default).
struct RetryPolicy {
    int maxRetries = 3;
    int backoffBaseMs = 500;
};

// The base of every network operation: it owns the one reply in flight,
// retries transient failures with growing backoff and emits finished()
// exactly once, always from the event loop (never from inside start()).
// Objects live in the thread that created them and use the
// QNetworkAccessManager of that thread.
class NetworkCall : public QObject {
    Q_OBJECT
public:
    ~NetworkCall() override;

    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    const TransferError &error() const { return m_error; }
    bool ok() const { return m_finished && !m_error.isError(); }
    bool isFinished() const { return m_finished; }

    // Stops the operation; finished() follows with the transient error "aborted".
    void abort();

    // A 2xx answer from targetHost that does not follow the wire protocol.
    static TransferError badAnswer(const QString &targetHost, const QString &operation,
                                   const QString &problem);

Q_SIGNALS:
    void finished();

protected:
    NetworkCall(QNetworkAccessManager *network, const TargetEndpoint &endpoint, QObject *parent);

    // Builds and sends the request; may end the call itself and return nullptr.
    using Send = std::function<QNetworkReply *()>;
    using OnAnswer = std::function<void(QNetworkReply *reply, const QByteArray &body)>;
    // Returns true when it took care of the error itself.
    using OnError = std::function<bool(QNetworkReply *reply, const TransferError &error)>;

    // Sends a request built by send(); a 2xx answer goes to onAnswer, an error
    // first to onError, then transient ones are retried, other ones end the call.
    void exchange(const Send &send, const OnAnswer &onAnswer, const OnError &onError = {});
    // Runs what after the next backoff delay, or ends the call with cause when
    // the retries are used up.
    void retryLater(const std::function<void()> &what, const TransferError &cause);
    // Progress was made: the next failure starts counting retries afresh.
    void resetRetries() { m_retries = 0; }
    void finish(const TransferError &error = {});
    // A 2xx answer that does not follow the wire protocol.
    TransferError badAnswer(const QString &operation, const QString &problem) const;
    std::optional<QJsonObject> parseObject(const QString &operation, const QByteArray &body);

    QNetworkAccessManager *network() const { return m_network; }
    const TargetEndpoint &endpoint() const { return m_endpoint; }
    virtual void aborted() {}

private:
    QNetworkAccessManager *m_network;
    TargetEndpoint m_endpoint;
    RetryPolicy m_retry;
    QPointer<QNetworkReply> m_reply;
    QTimer m_backoff;
    int m_retries = 0;
    bool m_finished = false;
    TransferError m_error;
};

} // namespace Replicall
