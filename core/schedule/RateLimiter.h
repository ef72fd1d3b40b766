// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMutex>
#include <chrono>

namespace Replicall {

class Clock;

// A token bucket that keeps a job's uploads under its bandwidth cap. Upload
// workers ask before each chunk how long to wait; the bucket refills at the
// rate and holds at most `burst` bytes, so an idle job may send one burst at
// once. A chunk larger than what is in the bucket may still go: the bucket
// goes into debt and later callers wait it off, which keeps the average at the
// rate even for chunks larger than the burst. Shared by a job's workers, so
// thread-safe.
class RateLimiter {
public:
    // bytesPerSecond 0 = unlimited; burstBytes 0 = one second's worth.
    explicit RateLimiter(const Clock *clock, qint64 bytesPerSecond = 0, qint64 burstBytes = 0);

    void setRate(qint64 bytesPerSecond, qint64 burstBytes = 0);
    qint64 rate() const;
    qint64 burst() const;

    // How long to wait until `bytes` may be sent, without reserving them.
    std::chrono::milliseconds delayFor(qint64 bytes) const;
    // Reserves `bytes` and returns how long to wait before sending them.
    std::chrono::milliseconds reserve(qint64 bytes);

private:
    double tokensAt(const QDateTime &now) const; // expects m_mutex held
    std::chrono::milliseconds delayLocked(double tokens, qint64 bytes) const;

    const Clock *m_clock;
    mutable QMutex m_mutex;
    qint64 m_rate = 0;
    qint64 m_burst = 0;
    double m_tokens = 0;
    QDateTime m_updated;
};

} // namespace Replicall
