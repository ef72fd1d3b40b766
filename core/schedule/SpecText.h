// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

namespace Replicall {

// The small pieces schedule and window specs are written in, shared by their
// parsers. Clock times are written "HH:MM" (24-hour, "8:05" accepted) and held
// as minutes since midnight.
constexpr int MinutesPerDay = 24 * 60;

// Minutes since midnight, or nullopt with "'25:00' is not a time of day (HH:MM)".
// With allowEndOfDay "24:00" is accepted and means 1440, the end of the day.
std::optional<int> parseTimeOfDay(QStringView text, bool allowEndOfDay, QString *error);
QString formatTimeOfDay(int minutes); // "08:05", "24:00"

// Splits a spec at white space; a list written with spaces after its commas
// ("02:00, 14:30") or a range spaced on both sides ("mon - fri") stays one word.
QStringList specWords(const QString &spec);

// Stores message in *error (when given) and returns false, for "return failWith(...)".
bool failWith(QString *error, const QString &message);

} // namespace Replicall
