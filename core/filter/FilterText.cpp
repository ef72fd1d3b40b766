// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/FilterText.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace Replicall::FilterText {

QString foldAscii(const QString &text) {
    QString folded = text;
    for (QChar &c : folded) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    }
    return folded;
}

bool globMatch(const QString &pattern, const QString &text) {
    // Code points, not UTF-16 units: SQLite's '?' takes one whole character.
    const QList<uint> p = pattern.toUcs4();
    const QList<uint> t = text.toUcs4();
    qsizetype pi = 0, ti = 0;
    qsizetype starAt = -1, resumeAt = 0; // last '*' seen and where its match ends
    while (ti < t.size()) {
        if (pi < p.size() && p[pi] == u'*') {
            starAt = pi++;
            resumeAt = ti;
        } else if (pi < p.size() && (p[pi] == u'?' || p[pi] == t[ti])) {
            ++pi;
            ++ti;
        } else if (starAt >= 0) {
            // Let the last '*' swallow one more character and try again.
            pi = starAt + 1;
            ti = ++resumeAt;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == u'*')
        ++pi;
    return pi == p.size();
}

QString sqlGlobFromPattern(const QString &pattern) {
    QString out;
    out.reserve(pattern.size());
    for (QChar c : pattern) {
        if (c == u'[')
            out += u"[[]"_s;
        else
            out += c;
    }
    return out;
}

QString sqlGlobLiteral(const QString &literal) {
    QString out;
    out.reserve(literal.size());
    for (QChar c : literal) {
        if (c == u'[' || c == u'*' || c == u'?')
            out += u'[' + QString(c) + u']';
        else
            out += c;
    }
    return out;
}

} // namespace Replicall::FilterText
