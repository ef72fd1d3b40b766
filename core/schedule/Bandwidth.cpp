// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule/Bandwidth.h"

#include "schedule/SpecText.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

struct Unit {
    QString name;
    double bytes; // bytes per second of one unit
};

// Lower-case unit names; binary for bytes, decimal for bits (divided by 8).
const QList<Unit> &units() {
    static const QList<Unit> list = {
        {u""_s, 1},
        {u"b"_s, 1},
        {u"k"_s, 1024.0},
        {u"kb"_s, 1024.0},
        {u"kib"_s, 1024.0},
        {u"m"_s, 1024.0 * 1024},
        {u"mb"_s, 1024.0 * 1024},
        {u"mib"_s, 1024.0 * 1024},
        {u"g"_s, 1024.0 * 1024 * 1024},
        {u"gb"_s, 1024.0 * 1024 * 1024},
        {u"gib"_s, 1024.0 * 1024 * 1024},
        {u"bit"_s, 1.0 / 8},
        {u"bps"_s, 1.0 / 8},
        {u"kbit"_s, 1e3 / 8},
        {u"kbps"_s, 1e3 / 8},
        {u"mbit"_s, 1e6 / 8},
        {u"mbps"_s, 1e6 / 8},
        {u"gbit"_s, 1e9 / 8},
        {u"gbps"_s, 1e9 / 8},
    };
    return list;
}

// The largest cap accepted: far above any link, far below qint64 overflow.
constexpr double MaxBandwidth = 1024.0 * 1024 * 1024 * 1024; // 1 TiB/s

} // namespace

bool parseBandwidth(const QString &spec, qint64 *bytesPerSecond, QString *error) {
    const QString text = spec.simplified().remove(u' ');
    static const QStringList offWords = {u""_s, u"0"_s, u"none"_s, u"unlimited"_s};
    if (offWords.contains(text, Qt::CaseInsensitive)) {
        *bytesPerSecond = 0;
        return true;
    }

    static const QRegularExpression form(u"^(\\d+(?:\\.\\d+)?)([a-z]*)(?:/s)?$"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = form.match(text);
    const QString usage = u" (e.g. 512k, 10M, 80Mbit, or 'unlimited')"_s;
    if (!match.hasMatch())
        return failWith(error, u"'"_s + spec.trimmed() + u"' is not a bandwidth"_s + usage);

    const QString unitName = match.captured(2).toLower();
    const auto unit = std::find_if(units().cbegin(), units().cend(),
                                   [&](const Unit &u) { return u.name == unitName; });
    if (unit == units().cend())
        return failWith(error, u"'"_s + match.captured(2) + u"' in '"_s + spec.trimmed() +
                                   u"' is not a bandwidth unit"_s + usage);

    const double bytes = match.captured(1).toDouble() * unit->bytes;
    if (bytes == 0) {
        *bytesPerSecond = 0;
        return true;
    }
    if (bytes < MinBandwidth)
        return failWith(error, u"the bandwidth '"_s + spec.trimmed() +
                                   u"' is below the smallest cap of 1 KiB/s"_s);
    if (bytes > MaxBandwidth)
        return failWith(error, u"the bandwidth '"_s + spec.trimmed() +
                                   u"' is above the largest cap of 1 TiB/s"_s);
    *bytesPerSecond = qint64(std::llround(bytes));
    return true;
}

QString formatBandwidth(qint64 bytesPerSecond) {
    if (bytesPerSecond <= 0)
        return u"unlimited"_s;
    // Largest unit that divides exactly, bytes before bits.
    static const QList<std::pair<QString, qint64>> byteUnits = {
        {u"G"_s, 1024LL * 1024 * 1024}, {u"M"_s, 1024LL * 1024}, {u"k"_s, 1024}};
    for (const auto &[name, size] : byteUnits) {
        if (bytesPerSecond % size == 0)
            return QString::number(bytesPerSecond / size) + name;
    }
    static const QList<std::pair<QString, qint64>> bitUnits = {
        {u"Gbit"_s, 1000LL * 1000 * 1000}, {u"Mbit"_s, 1000LL * 1000}, {u"kbit"_s, 1000}};
    const qint64 bits = bytesPerSecond * 8;
    for (const auto &[name, size] : bitUnits) {
        if (bits % size == 0)
            return QString::number(bits / size) + name;
    }
    return QString::number(bytesPerSecond);
}

} // namespace Replicall
