// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace Replicall {

// Shows a window (restoring it when minimised), raises it and gives it the
// focus: what the tray, a second launch and the main window all ask for.
void bringToFront(QWidget *window);

} // namespace Replicall
