// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/CategoryActions.h"

#include "model/FileStat.h"
#include "source/CatalogWriter.h"
#include "source/Sidecar.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Replicall {

QStringList CategoryActions::changed(QStringList categories, const QStringList &assign,
                                     const QStringList &unassign) {
    for (const QString &category : unassign)
        categories.removeAll(category);
    for (const QString &category : assign) {
        if (!categories.contains(category))
            categories.append(category);
    }
    return categories;
}

bool CategoryActions::apply(const QString &sidecarPath, const QStringList &assign,
                            const QStringList &unassign, QString *newMetadataSha256,
                            QString *error) {
    const QString name = QFileInfo(sidecarPath).fileName();
    auto fail = [error, &name](const QString &reason) {
        if (error)
            *error = name + u": cannot change the categories: "_s + reason;
        return false;
    };
    for (const QString &category : assign + unassign) {
        if (category.trimmed().isEmpty())
            return fail(u"a category name is empty"_s);
    }

    const FileStat before = FileStat::of(sidecarPath);
    QString reason;
    std::optional<Recording> r = Sidecar::readFile(sidecarPath, &reason);
    if (!r)
        return fail(reason);
    const QStringList categories = changed(r->categories, assign, unassign);
    if (categories != r->categories) {
        r->categories = categories;
        r->metadata.insert(u"categories"_s, QJsonArray::fromStringList(categories));
        r->metadataSha256 = Recording::metadataSha256Of(r->metadata);

        QSaveFile file(sidecarPath);
        if (!file.open(QIODevice::WriteOnly))
            return fail(file.errorString());
        file.write(QJsonDocument(r->metadata).toJson(QJsonDocument::Indented));
        if (!file.commit())
            return fail(file.errorString());

        int rows = 0;
        CatalogWriter catalog(Database::connection());
        if (!catalog.updateSidecar(*r, before, FileStat::of(sidecarPath), &rows))
            return fail(catalog.lastError());
    }
    if (newMetadataSha256)
        *newMetadataSha256 = QString::fromLatin1(r->metadataSha256);
    return true;
}

} // namespace Replicall
