// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerConfig.h"

#include <QRegularExpression>
#include <limits>

namespace Replicall::Target {

bool parseByteSize(const QString &text, qint64 *bytes, QString *error) {
    static const QRegularExpression pattern(
        QStringLiteral("\\A\\s*(\\d{1,19})\\s*([kKmMgGtT]?)(i?[bB])?\\s*\\z"));
    const QRegularExpressionMatch match = pattern.match(text);
    bool ok = false;
    const qint64 number = match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0;
    if (!ok) {
        *error = QStringLiteral("'%1' is not a size; use a byte count or a number with k, M, G "
                                "or T (e.g. 64M)")
                     .arg(text);
        return false;
    }
    const QString unit = match.captured(2).toLower();
    const int shift = unit.isEmpty() ? 0 : 10 * (1 + int(QStringLiteral("kmgt").indexOf(unit)));
    if (number > (std::numeric_limits<qint64>::max() >> shift)) {
        *error = QStringLiteral("the size '%1' is too large").arg(text);
        return false;
    }
    *bytes = number << shift;
    return true;
}

} // namespace Replicall::Target
