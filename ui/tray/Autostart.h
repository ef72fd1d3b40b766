// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Replicall {

// "Start at login" as the freedesktop autostart specification has it: a
// replicall.desktop file in ~/.config/autostart ($XDG_CONFIG_HOME/autostart).
class Autostart {
    Q_DECLARE_TR_FUNCTIONS(Autostart)
public:
    static QString desktopFilePath();
    static bool isEnabled();
    // Writes the entry (starting `executable --minimized`) or removes it.
    // False with a message naming the file on failure.
    static bool setEnabled(bool enabled, const QString &executable, QString *error);
};

} // namespace Replicall
