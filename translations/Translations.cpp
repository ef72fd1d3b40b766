// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>
#include <memory>

using namespace Qt::StringLiterals;

// Quiet by default: which file was loaded is only of interest when it was not.
Q_LOGGING_CATEGORY(lcTranslations, "replicall.translations", QtInfoMsg)

namespace Replicall {
namespace {

const QString OwnPrefix = u"replicall"_s;
const QString QtPrefix = u"qtbase"_s;

// Installs the translator on the application, which owns it from then on.
QString installTranslator(std::unique_ptr<QTranslator> translator) {
    const QString file = translator->filePath();
    QCoreApplication::installTranslator(translator.release());
    return file;
}

} // namespace

QString Translations::ownDirectory() {
    // translations/CMakeLists.txt embeds the .qm files under this prefix.
    return u":/i18n"_s;
}

QString Translations::qtDirectory() {
    return QLibraryInfo::path(QLibraryInfo::TranslationsPath);
}

QStringList Translations::install(const QLocale &locale) {
    Q_ASSERT(QCoreApplication::instance());
    // The whole interface speaks one language: the first one the user lists
    // that Replicall speaks. English is the source language and needs no
    // translator; stopping there keeps "LANGUAGE=en:de" English rather than
    // falling through to German. Qt's own strings follow the same language.
    const QStringList languages = locale.uiLanguages();
    for (const QString &name : languages) {
        const QLocale language(name);
        if (language.language() == QLocale::English)
            break;
        auto own = std::make_unique<QTranslator>(QCoreApplication::instance());
        if (!own->load(language, OwnPrefix, u"_"_s, ownDirectory()))
            continue;
        QStringList installed{installTranslator(std::move(own))};
        auto qt = std::make_unique<QTranslator>(QCoreApplication::instance());
        if (qt->load(language, QtPrefix, u"_"_s, qtDirectory()))
            installed.append(installTranslator(std::move(qt)));
        else
            qCWarning(lcTranslations).noquote()
                << u"Qt's own %1 texts are missing from %2 (Debian: install "
                   u"qt6-translations-l10n); "
                   u"dialog buttons stay English"_s.arg(language.nativeLanguageName(),
                                                        qtDirectory());
        qCDebug(lcTranslations).noquote() << u"installed"_s << installed.join(u", "_s);
        return installed;
    }
    qCDebug(lcTranslations).noquote()
        << u"no translation for %1; texts stay English"_s.arg(languages.join(u", "_s));
    return {};
}

} // namespace Replicall
