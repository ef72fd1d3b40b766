// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <memory>

class QSocketNotifier;

namespace Replicall {

// Turns SIGINT and SIGTERM into stopRequested() in the event loop: a signal
// handler may only write a byte to a pipe, everything else happens in the
// loop. One instance at a time (the handlers are process-wide); while it
// lives every such signal emits once, and it puts the default handlers back
// when it goes.
class StopSignals : public QObject {
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

    // False when the pipe could not be made: the signals then end the process
    // the default way.
    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void stopRequested();

private:
    static void onSignal(int);
    void drain();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace Replicall
