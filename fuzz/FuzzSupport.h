// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <cstddef>
#include <cstdint>

namespace Replicall::Fuzz {

// The fuzzer's input as bytes, copied (libFuzzer's buffer must not be kept).
inline QByteArray bytes(const uint8_t *data, size_t size) {
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Some parsers need an application object (plugins, e.g. Qt's SQLite driver).
inline void ensureApplication() {
    static int argc = 1;
    static char name[] = "replicall-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *application =
        QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    Q_UNUSED(application);
}

// Keeps libFuzzer quiet about Qt's warnings on bad input: they are expected.
inline void silenceQtMessages() {
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

} // namespace Replicall::Fuzz
