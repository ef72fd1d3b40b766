// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/RateLimiter.h"

#include "schedule/Clock.h"

#include <algorithm>
#include <cmath>

namespace Replicall {

RateLimiter::RateLimiter(const Clock *clock, qint64 bytesPerSecond, qint64 burstBytes)
    : m_clock(clock) {
    setRate(bytesPerSecond, burstBytes);
}

void RateLimiter::setRate(qint64 bytesPerSecond, qint64 burstBytes) {
    QMutexLocker lock(&m_mutex);
    const QDateTime now = m_clock->nowUtc();
    const bool wasUnlimited = m_rate <= 0;
    const double tokens = wasUnlimited ? 0 : tokensAt(now);
    m_rate = std::max<qint64>(bytesPerSecond, 0);
    m_burst = burstBytes > 0 ? burstBytes : m_rate;
    // A new cap starts with a full bucket; a changed one keeps what is left.
    m_tokens = wasUnlimited ? double(m_burst) : std::min(tokens, double(m_burst));
    m_updated = now;
}

qint64 RateLimiter::rate() const {
    QMutexLocker lock(&m_mutex);
    return m_rate;
}

qint64 RateLimiter::burst() const {
    QMutexLocker lock(&m_mutex);
    return m_burst;
}

double RateLimiter::tokensAt(const QDateTime &now) const {
    // A wall clock set back must not drain the bucket: no negative elapsed time.
    const qint64 elapsedMs = std::max<qint64>(m_updated.msecsTo(now), 0);
    return std::min(double(m_burst), m_tokens + double(elapsedMs) * double(m_rate) / 1000.0);
}

std::chrono::milliseconds RateLimiter::delayLocked(double tokens, qint64 bytes) const {
    if (m_rate <= 0 || tokens >= double(bytes))
        return std::chrono::milliseconds(0);
    const double ms = (double(bytes) - tokens) * 1000.0 / double(m_rate);
    return std::chrono::milliseconds(qint64(std::ceil(ms)));
}

std::chrono::milliseconds RateLimiter::delayFor(qint64 bytes) const {
    QMutexLocker lock(&m_mutex);
    return delayLocked(tokensAt(m_clock->nowUtc()), bytes);
}

std::chrono::milliseconds RateLimiter::reserve(qint64 bytes) {
    QMutexLocker lock(&m_mutex);
    if (m_rate <= 0)
        return std::chrono::milliseconds(0);
    const QDateTime now = m_clock->nowUtc();
    const double tokens = tokensAt(now);
    const std::chrono::milliseconds wait = delayLocked(tokens, bytes);
    m_tokens = tokens - double(bytes);
    m_updated = std::max(now, m_updated);
    return wait;
}

} // namespace Replicall
