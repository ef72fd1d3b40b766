// SPDX-License-Identifier: GPL-3.0-or-later
#include "BringToFront.h"

#include <QWidget>

namespace Replicall {

void bringToFront(QWidget *window) {
    if (window->isMinimized())
        window->showNormal();
    else
        window->show();
    window->raise();
    window->activateWindow();
}

} // namespace Replicall
