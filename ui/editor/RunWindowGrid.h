// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schedule/RunWindow.h"

#include <QPoint>
#include <QWidget>

namespace Replicall {

// The run window as a week of hours: 7 rows (Monday first) x 24 columns that
// are painted open or closed. A press sets or clears the cell under the mouse
// and dragging paints that same state over every cell passed, so a night or
// a weekend is one stroke. Keyboard: arrows move the focused cell, Space
// toggles it, Shift+arrows paint while moving.
class RunWindowGrid : public QWidget {
    Q_OBJECT
public:
    explicit RunWindowGrid(QWidget *parent = nullptr);

    RunWindow window() const { return m_window; }
    void setWindow(const RunWindow &window);

    // Where a cell is drawn (dayOfWeek 1..7, hour 0..23), for tests and tooltips.
    QRect cellRect(int dayOfWeek, int hour) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void windowChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    // Cell under a point as (hour, dayOfWeek); x < 0 when outside the grid.
    QPoint cellAt(const QPoint &pos) const;
    void paintCell(const QPoint &cell, bool open);
    QRect gridRect() const;
    int labelWidth() const;
    int headerHeight() const;

    RunWindow m_window;
    QPoint m_cursor{0, 1}; // (hour, dayOfWeek) of the keyboard focus
    bool m_painting = false;
    bool m_paintOpen = true;
};

} // namespace Replicall
