// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Replicall {

// A job's upload bandwidth cap in bytes per second; 0 means no cap.
// Spec (docs/schedules.md): a number with an optional unit and "/s":
//   bytes: "512k", "10M", "1.5G" (k/M/G = KiB/MiB/GiB, "KB", "MiB"... accepted)
//   bits:  "800kbit", "80Mbit", "1Gbit" (decimal, as links are sold; "Mbps" too)
//   none:  "", "0", "none", "unlimited"
// Caps below MinBandwidth are refused as mistakes (a typo like "10" for "10M").
constexpr qint64 MinBandwidth = 1024;

// False with a message naming the bad part.
bool parseBandwidth(const QString &spec, qint64 *bytesPerSecond, QString *error);
// The shortest exact spec: "10M", "80Mbit", "1500000", "unlimited" for 0.
QString formatBandwidth(qint64 bytesPerSecond);

} // namespace Replicall
