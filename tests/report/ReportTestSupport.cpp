// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportTestSupport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Replicall::Test {
namespace {

bool runTool(const QString &tool, const QStringList &arguments, QString *output, QString *error) {
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty()) {
        *error =
            u"%1 is not installed (Debian package poppler-utils, see scripts/setup.sh)"_s.arg(tool);
        return false;
    }
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = u"%1 %2 failed: %3"_s.arg(tool, arguments.join(u' '),
                                           QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    *output = QString::fromUtf8(process.readAllStandardOutput());
    return true;
}

} // namespace

bool parseCsv(const QString &text, QList<QStringList> *rows, QString *error) {
    rows->clear();
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            if (!field.isEmpty()) {
                *error = u"a quote inside an unquoted field at character %1"_s.arg(i);
                return false;
            }
            quoted = fieldWasQuoted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
            fieldWasQuoted = false;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text.at(i + 1) != u'\n') {
                *error = u"a CR without LF at character %1"_s.arg(i);
                return false;
            }
            record.append(field);
            rows->append(record);
            record.clear();
            field.clear();
            fieldWasQuoted = false;
            ++i;
        } else if (c == u'\n') {
            *error = u"a bare LF (records must end in CRLF) at character %1"_s.arg(i);
            return false;
        } else {
            field += c;
        }
    }
    if (quoted) {
        *error = u"an unterminated quoted field"_s;
        return false;
    }
    if (!field.isEmpty() || !record.isEmpty() || fieldWasQuoted) {
        *error = u"the last record does not end in CRLF"_s;
        return false;
    }
    return true;
}

bool pdfText(const QString &pdfPath, QString *text, QString *error) {
    return runTool(u"pdftotext"_s, {u"-layout"_s, pdfPath, u"-"_s}, text, error);
}

bool pdfPageCount(const QString &pdfPath, int *pages, QString *error) {
    QString info;
    if (!runTool(u"pdfinfo"_s, {pdfPath}, &info, error))
        return false;
    const QRegularExpressionMatch match =
        QRegularExpression(u"^Pages:\\s+(\\d+)"_s, QRegularExpression::MultilineOption).match(info);
    if (!match.hasMatch()) {
        *error = u"pdfinfo printed no page count:\n"_s + info;
        return false;
    }
    *pages = match.captured(1).toInt();
    return true;
}

QString readTextFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace Replicall::Test
