// SPDX-License-Identifier: GPL-3.0-or-later
#include "Console.h"

#include "engine/RunTypes.h"
#include "model/Job.h"

#include <QTextStream>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Replicall::Console {

void out(const QString &line) {
    QTextStream stream(stdout);
    stream << line << Qt::endl;
}

void err(const QString &line) {
    QTextStream stream(stderr);
    stream << line << Qt::endl;
}

void json(const QJsonDocument &document) {
    fputs(document.toJson(QJsonDocument::Indented).constData(), stdout);
    fflush(stdout);
}

bool stdoutIsTerminal() {
    return isatty(fileno(stdout)) != 0;
}

QString formatDuration(double seconds) {
    const qint64 total = qMax<qint64>(0, qRound64(seconds));
    const int h = int(total / 3600), m = int((total / 60) % 60), s = int(total % 60);
    if (h > 0)
        return u"%1:%2:%3"_s.arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString progressLine(const RunProgress &p, int width) {
    const double fraction = p.bytesTotal > 0   ? double(p.bytesDone) / double(p.bytesTotal)
                            : p.filesTotal > 0 ? double(p.filesDone) / double(p.filesTotal)
                                               : 0.0;
    const int filled = qBound(0, int(fraction * width), width);
    QString line = u"["_s + QString(filled, u'#') + QString(width - filled, u'-') + u"] "_s;
    line += u"%1/%2 files  %3/%4"_s.arg(p.filesDone)
                .arg(p.filesTotal)
                .arg(formatSize(p.bytesDone), formatSize(p.bytesTotal));
    if (p.bytesPerSecond > 0) {
        line += u"  %1/s"_s.arg(formatSize(qint64(p.bytesPerSecond)));
        const qint64 left = p.bytesTotal - p.bytesDone;
        if (left > 0)
            line += u"  ETA "_s + formatDuration(double(left) / p.bytesPerSecond);
    }
    return line;
}

} // namespace Replicall::Console
