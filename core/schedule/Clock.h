// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace Replicall {

// Where schedules and rate limits read the time, so tests can set it.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    // The zone that schedule clock times ("daily 02:00") are read in.
    virtual QTimeZone zone() const = 0;
};

// The machine's clock and time zone.
class SystemClock : public Clock {
public:
    QDateTime nowUtc() const override;
    QTimeZone zone() const override;
};

// A clock that only moves when told to; for tests.
class ManualClock : public Clock {
public:
    explicit ManualClock(const QDateTime &nowUtc = QDateTime(),
                         const QTimeZone &zone = QTimeZone::utc());

    QDateTime nowUtc() const override { return m_now; }
    QTimeZone zone() const override { return m_zone; }

    void setNow(const QDateTime &now) { m_now = now.toUTC(); }
    void advanceSecs(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void advanceMSecs(qint64 milliseconds) { m_now = m_now.addMSecs(milliseconds); }
    void setZone(const QTimeZone &zone) { m_zone = zone; }

private:
    QDateTime m_now;
    QTimeZone m_zone;
};

} // namespace Replicall
