// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Replicall::FilterText {

// Text matching shared by the SQL builder and the in-memory evaluator, so both
// sides agree character for character.
//
// Case: SQLite's lower() (without ICU) folds only A-Z, so "ignore case" means
// exactly that on both sides; other letters (Ä, é) compare as they are.
QString foldAscii(const QString &text);

// Glob patterns ("matches"): '*' is any run of characters (also none), '?' is
// exactly one character (a Unicode code point), everything else is literal -
// '[' too. That is SQLite GLOB without character classes.
bool globMatch(const QString &pattern, const QString &text);

// The SQLite GLOB pattern for a "matches" pattern: only '[' needs escaping.
QString sqlGlobFromPattern(const QString &pattern);

// A GLOB pattern that matches `literal` exactly, with no wildcard in it.
QString sqlGlobLiteral(const QString &literal);

} // namespace Replicall::FilterText
