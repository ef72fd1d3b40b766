// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/RunWindowGrid.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QToolTip>

namespace Replicall {

namespace {
constexpr int CellWidth = 18;
constexpr int CellHeight = 20;
constexpr int Days = 7;
constexpr int Hours = RunWindow::HoursPerDay;
} // namespace

RunWindowGrid::RunWindowGrid(QWidget *parent)
    : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAccessibleName(tr("Run window"));
    setToolTip(tr("Hours in which the job may start. Press and drag to open or close hours; "
                  "arrow keys and Space work too."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void RunWindowGrid::setWindow(const RunWindow &window) {
    if (window == m_window)
        return;
    m_window = window;
    update();
    Q_EMIT windowChanged();
}

int RunWindowGrid::labelWidth() const {
    int widest = 0;
    for (int day = 1; day <= Days; ++day)
        widest = qMax(
            widest, fontMetrics().horizontalAdvance(QLocale().dayName(day, QLocale::ShortFormat)));
    return widest + 8;
}

int RunWindowGrid::headerHeight() const {
    return fontMetrics().height() + 4;
}

QRect RunWindowGrid::gridRect() const {
    // Cells stretch with the widget so the grid uses the room it is given.
    const int left = labelWidth();
    const int top = headerHeight();
    const int cellWidth = qMax(CellWidth / 2, (width() - left - 1) / Hours);
    return QRect(left, top, cellWidth * Hours, CellHeight * Days);
}

QRect RunWindowGrid::cellRect(int dayOfWeek, int hour) const {
    const QRect grid = gridRect();
    const int w = grid.width() / Hours;
    return QRect(grid.left() + hour * w, grid.top() + (dayOfWeek - 1) * CellHeight, w, CellHeight);
}

QPoint RunWindowGrid::cellAt(const QPoint &pos) const {
    const QRect grid = gridRect();
    if (!grid.contains(pos))
        return QPoint(-1, -1);
    const int hour = (pos.x() - grid.left()) / (grid.width() / Hours);
    const int day = (pos.y() - grid.top()) / CellHeight + 1;
    return QPoint(qBound(0, hour, Hours - 1), qBound(1, day, Days));
}

QSize RunWindowGrid::sizeHint() const {
    return QSize(labelWidth() + CellWidth * Hours + 1, headerHeight() + CellHeight * Days + 1);
}

QSize RunWindowGrid::minimumSizeHint() const {
    return QSize(labelWidth() + CellWidth / 2 * Hours + 1, headerHeight() + CellHeight * Days + 1);
}

void RunWindowGrid::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    const QPalette &pal = palette();
    const QRect grid = gridRect();
    const int w = grid.width() / Hours;

    painter.setPen(pal.color(QPalette::WindowText));
    for (int hour = 0; hour < Hours; hour += 3) {
        const QRect label(grid.left() + hour * w, 0, w * 3, headerHeight());
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("%1").arg(hour, 2, 10, QLatin1Char('0')));
    }
    for (int day = 1; day <= Days; ++day) {
        const QRect label(0, grid.top() + (day - 1) * CellHeight, labelWidth() - 4, CellHeight);
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         QLocale().dayName(day, QLocale::ShortFormat));
    }

    const QColor open = pal.color(QPalette::Highlight);
    const QColor closed = pal.color(QPalette::Base);
    painter.setPen(pal.color(QPalette::Mid));
    for (int day = 1; day <= Days; ++day) {
        for (int hour = 0; hour < Hours; ++hour) {
            painter.setBrush(m_window.isOpen(day, hour) ? open : closed);
            painter.drawRect(cellRect(day, hour).adjusted(0, 0, -1, -1));
        }
    }
    if (hasFocus()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = cellRect(m_cursor.y(), m_cursor.x()).adjusted(1, 1, -2, -2);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &painter, this);
    }
}

void RunWindowGrid::paintCell(const QPoint &cell, bool open) {
    if (cell.x() < 0 || m_window.isOpen(cell.y(), cell.x()) == open)
        return;
    m_window.setOpen(cell.y(), cell.x(), open);
    update(cellRect(cell.y(), cell.x()));
    Q_EMIT windowChanged();
}

void RunWindowGrid::mousePressEvent(QMouseEvent *event) {
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || cell.x() < 0)
        return QWidget::mousePressEvent(event);
    // The first cell decides the stroke: it paints its opposite everywhere.
    m_painting = true;
    m_paintOpen = !m_window.isOpen(cell.y(), cell.x());
    m_cursor = cell;
    paintCell(cell, m_paintOpen);
    update();
}

void RunWindowGrid::mouseMoveEvent(QMouseEvent *event) {
    if (!m_painting)
        return QWidget::mouseMoveEvent(event);
    const QPoint cell = cellAt(event->position().toPoint());
    if (cell.x() >= 0) {
        m_cursor = cell;
        paintCell(cell, m_paintOpen);
    }
}

void RunWindowGrid::mouseReleaseEvent(QMouseEvent *event) {
    if (event->button() == Qt::LeftButton)
        m_painting = false;
    QWidget::mouseReleaseEvent(event);
}

void RunWindowGrid::keyPressEvent(QKeyEvent *event) {
    QPoint next = m_cursor;
    switch (event->key()) {
    case Qt::Key_Left:
        next.rx() = qMax(0, next.x() - 1);
        break;
    case Qt::Key_Right:
        next.rx() = qMin(Hours - 1, next.x() + 1);
        break;
    case Qt::Key_Up:
        next.ry() = qMax(1, next.y() - 1);
        break;
    case Qt::Key_Down:
        next.ry() = qMin(Days, next.y() + 1);
        break;
    case Qt::Key_Space:
        paintCell(m_cursor, !m_window.isOpen(m_cursor.y(), m_cursor.x()));
        return;
    default:
        return QWidget::keyPressEvent(event);
    }
    // Shift+arrow carries the focused cell's state along, like a mouse drag.
    const bool carry = event->modifiers().testFlag(Qt::ShiftModifier);
    const bool state = m_window.isOpen(m_cursor.y(), m_cursor.x());
    m_cursor = next;
    if (carry)
        paintCell(m_cursor, state);
    update();
}

bool RunWindowGrid::event(QEvent *event) {
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint cell = cellAt(help->pos());
        if (cell.x() >= 0) {
            const bool open = m_window.isOpen(cell.y(), cell.x());
            QToolTip::showText(help->globalPos(),
                               tr("%1 %2:00-%3:00: %4")
                                   .arg(QLocale().dayName(cell.y(), QLocale::LongFormat))
                                   .arg(cell.x(), 2, 10, QLatin1Char('0'))
                                   .arg(cell.x() + 1, 2, 10, QLatin1Char('0'))
                                   .arg(open ? tr("may start") : tr("closed")),
                               this);
            return true;
        }
    }
    return QWidget::event(event);
}

} // namespace Replicall
