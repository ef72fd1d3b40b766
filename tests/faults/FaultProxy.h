// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

namespace Replicall::Test {

// A TCP proxy on 127.0.0.1 that sits between a sender and a target and breaks things on a
// seeded schedule. The request stream of each connection is cut into segments of random
// length (up to 1 MiB); at the end of each segment one fault is drawn:
//
//   none           bytes pass both ways untouched
//   drop           both sides are closed at once
//   stall          forwarding stops for a while (0.3-1.2 s), then goes on
//   cut response   half of the next response chunk is forwarded, then both sides close
//   flip body      one bit of the next request body byte is flipped (never in headers)
//
// The proxy runs in a thread of its own, so a test may block (waiting for a process)
// while it works.
class FaultProxy {
public:
    struct Odds {
        int drop = 20; // per cent of faults drawn
        int stall = 10;
        int cutResponse = 15;
        int flipBody = 20;
    };
    struct Counts {
        int connections = 0;
        int drops = 0;
        int stalls = 0;
        int cuts = 0;
        int flips = 0;
        qint64 bytesToTarget = 0;
    };

    // A PATCH request that passed: its Upload-Offset and how much of its body was
    // forwarded to the target.
    struct Patch {
        qint64 offset = 0;
        qint64 bodyBytes = 0;
    };

    FaultProxy(quint16 targetPort, quint32 seed, const Odds &odds);
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    bool start(QString *error);
    quint16 port() const { return m_port; }
    // Faults stop (or start again) for connections opened from now on.
    void setEnabled(bool enabled) { m_enabled = enabled; }
    Counts counts() const;
    QList<Patch> patches() const; // every PATCH so far, in the order they began
    QString describe() const;     // "123 connections: 10 dropped, ..."

    struct Shared; // counters shared with the proxy thread

private:
    QThread m_thread;
    QObject *m_server = nullptr; // lives in m_thread
    std::shared_ptr<Shared> m_shared;
    quint16 m_targetPort;
    quint32 m_seed;
    Odds m_odds;
    quint16 m_port = 0;
    std::atomic<bool> m_enabled{true};
};

} // namespace Replicall::Test
