// SPDX-License-Identifier: GPL-3.0-or-later
#include "StopSignals.h"

#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>

namespace Replicall {

namespace {
int signalPipe[2] = {-1, -1}; // written by the handler, read in the loop
} // namespace

StopSignals::StopSignals(QObject *parent)
    : QObject(parent) {
    Q_ASSERT(signalPipe[0] == -1);
    if (::pipe(signalPipe) != 0) {
        signalPipe[0] = signalPipe[1] = -1;
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(signalPipe[0], QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] {
        drain();
        Q_EMIT stopRequested();
    });
    std::signal(SIGINT, &StopSignals::onSignal);
    std::signal(SIGTERM, &StopSignals::onSignal);
}

StopSignals::~StopSignals() {
    if (!m_notifier)
        return;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    m_notifier.reset();
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    signalPipe[0] = signalPipe[1] = -1;
}

void StopSignals::onSignal(int) {
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(signalPipe[1], &byte, 1);
}

void StopSignals::drain() {
    char byte;
    [[maybe_unused]] auto got = ::read(signalPipe[0], &byte, 1);
}

} // namespace Replicall
