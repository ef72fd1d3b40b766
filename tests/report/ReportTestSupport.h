// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Replicall::Test {

// The records of an RFC 4180 text (quoted fields may hold commas, quotes and
// line breaks; records end in CRLF). False with a message on malformed input.
bool parseCsv(const QString &text, QList<QStringList> *rows, QString *error);

// A PDF's text through poppler's pdftotext, and its page count through
// pdfinfo. False with a message when the tool is missing or fails: tests
// must fail then, not skip (poppler-utils is in scripts/setup.sh).
bool pdfText(const QString &pdfPath, QString *text, QString *error);
bool pdfPageCount(const QString &pdfPath, int *pages, QString *error);

QString readTextFile(const QString &path);

} // namespace Replicall::Test
