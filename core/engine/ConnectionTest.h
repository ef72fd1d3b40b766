// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transfer/InfoCall.h"
#include "transfer/TargetEndpoint.h"
#include "transfer/TransferError.h"

#include <QMetaType>
#include <QObject>

class QThread;

namespace Replicall {

// What "Test connection" found out: either the target's answer to GET /info
// (reachable, TLS accepted, token accepted) or the one error that stopped it.
struct ConnectionTestResult {
    TransferError error; // kind None on success
    TargetInfo info;     // filled on success only
    bool ok() const { return !error.isError(); }
};

// One real round trip to a replicall-target, off the caller's thread.
//
// The InfoCall runs in a QThread of its own with its own
// QNetworkAccessManager, so a slow DNS lookup or TLS handshake never stalls a
// dialog; the result comes back as a queued finished() signal in the thread
// that owns this object. Starting again while a test runs drops the old one
// (its answer is never reported).
class ConnectionTest : public QObject {
    Q_OBJECT
public:
    // A test is a question from a person waiting in front of a dialog: fail
    // fast instead of retrying as the engine does.
    static constexpr int TimeoutMs = 15000;

    explicit ConnectionTest(QObject *parent = nullptr);
    ~ConnectionTest() override;

    // Bad settings (no URL, unreadable CA file) end at once with a Fatal
    // error; finished() still comes from the event loop.
    void start(const TargetEndpoint::Settings &settings);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void finished(const Replicall::ConnectionTestResult &result);

private:
    void deliver(quint64 generation, const Replicall::ConnectionTestResult &result);
    void stopThread();

    QThread *m_thread = nullptr;
    quint64 m_generation = 0;
};

} // namespace Replicall

Q_DECLARE_METATYPE(Replicall::ConnectionTestResult)
