// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace Replicall::Target {

// An RFC 9457 problem with one of the machine-readable codes of docs/wire-protocol.md.
// The status and title follow from the code, so a handler only names the code and says
// in `detail` what exactly was wrong.
struct Problem {
    QString code;
    QString detail;

    int status() const;
    QString title() const;
    QJsonObject toJson() const;
};

} // namespace Replicall::Target
