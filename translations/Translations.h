// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QStringList>

namespace Replicall {

// Installs the translators for the user's language: Replicall's own strings
// (replicall_<lang>.qm, built into the program) and Qt's (qtbase_<lang>.qm
// from Qt's translations folder, Debian package qt6-translations-l10n), so
// that dialog buttons and command-line help speak the same language as the
// rest of the application.
class Translations {
public:
    // Call once, right after the Q(Core)Application is made and before any
    // text is shown. The default locale is QLocale::system(), which follows
    // LANGUAGE, LC_ALL, LC_MESSAGES and LANG. The languages the user lists
    // are tried in order ("LANGUAGE=fr:de" gets German while there is no
    // French) up to the first English one, the source language. Returns the
    // .qm files installed (for logs and tests); empty means English.
    static QStringList install(const QLocale &locale = QLocale());

    // Where the program's own .qm files are: the Qt resource folder.
    static QString ownDirectory();
    // Where Qt's own .qm files are (QLibraryInfo::TranslationsPath).
    static QString qtDirectory();
};

} // namespace Replicall
