// SPDX-License-Identifier: GPL-3.0-or-later
#include "Autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Replicall {

QString Autostart::desktopFilePath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/autostart/replicall.desktop"_s;
}

bool Autostart::isEnabled() {
    return QFileInfo::exists(desktopFilePath());
}

bool Autostart::setEnabled(bool enabled, const QString &executable, QString *error) {
    const QString path = desktopFilePath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = tr("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = tr("cannot create the folder %1").arg(QFileInfo(path).absolutePath());
        return false;
    }
    // Exec quoting (desktop entry spec): the path in double quotes, with
    // backslash, quote, backtick and dollar escaped.
    QString quoted = executable;
    for (const QChar special : {u'\\', u'"', u'`', u'$'})
        quoted.replace(special, QString(u'\\') + special);
    const QString entry = u"[Desktop Entry]\n"
                          u"Type=Application\n"
                          u"Name=Replicall\n"
                          u"Comment=Replicates call recordings to another server\n"
                          u"Exec=\""_s +
                          quoted +
                          u"\" --minimized\n"
                          u"Icon=replicall\n"
                          u"Terminal=false\n"
                          u"X-GNOME-Autostart-enabled=true\n"_s;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry.toUtf8()) < 0 || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Replicall
