// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/PdfPageFlow.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace Replicall {
namespace {

constexpr qreal BodyPointSize = 9;
constexpr qreal SmallPointSize = 7.5;
const QColor RuleColor(0xbb, 0xbb, 0xbb);
const QColor ShadeColor(0xee, 0xee, 0xee);
const QColor NoteColor(0x55, 0x55, 0x55);

QFont withPointSize(QFont font, qreal size, bool bold = false) {
    font.setPointSizeF(size);
    font.setBold(bold);
    return font;
}

} // namespace

PdfPageFlow::PdfPageFlow(QPagedPaintDevice *device, QPainter *painter, int totalPages)
    : m_device(device)
    , m_painter(painter)
    , m_totalPages(totalPages)
    , m_pageRect(0, 0, device->width(), device->height()) {
    m_font.setStyleHint(QFont::SansSerif);
    m_font.setFamily(u"DejaVu Sans"_s);
    m_font = withPointSize(m_font, BodyPointSize);
    const qreal small = QFontMetricsF(withPointSize(m_font, SmallPointSize), m_device).height();
    // Header and footer are one small line each, with a rule and a gap.
    m_body = m_pageRect.adjusted(0, small * 2.5, 0, -small * 2.5);
}

void PdfPageFlow::setHeader(const QString &left, const QString &right) {
    m_headerLeft = left;
    m_headerRight = right;
}

void PdfPageFlow::breakPage() {
    if (m_page == 0 || !m_pageEmpty)
        startPage();
}

void PdfPageFlow::startPage() {
    ++m_page;
    if (m_painter && m_page > 1)
        m_device->newPage();
    m_y = m_body.top();
    m_pageEmpty = true;
    drawHeaderAndFooter();
}

void PdfPageFlow::drawHeaderAndFooter() {
    if (!m_painter)
        return;
    const QFont small = withPointSize(m_font, SmallPointSize);
    const qreal line = QFontMetricsF(small, m_device).height();
    m_painter->setFont(small);
    m_painter->setPen(NoteColor);
    const QRectF header(m_pageRect.left(), m_pageRect.top(), m_pageRect.width(), line);
    m_painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, m_headerLeft);
    m_painter->drawText(header, Qt::AlignRight | Qt::AlignVCenter, m_headerRight);
    const QRectF footer(m_pageRect.left(), m_pageRect.bottom() - line, m_pageRect.width(), line);
    m_painter->drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
    m_painter->drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                        u"Page %1 of %2"_s.arg(m_page).arg(m_totalPages));
    m_painter->setPen(QPen(RuleColor, 0));
    m_painter->drawLine(QPointF(header.left(), header.bottom() + line * 0.3),
                        QPointF(header.right(), header.bottom() + line * 0.3));
    m_painter->drawLine(QPointF(footer.left(), footer.top() - line * 0.3),
                        QPointF(footer.right(), footer.top() - line * 0.3));
}

void PdfPageFlow::ensureRoom(qreal height) {
    if (m_page == 0 || (m_y + height > m_body.bottom() && !m_pageEmpty))
        startPage();
}

qreal PdfPageFlow::textHeight(const QString &text, const QFont &font, qreal width) const {
    const QFontMetricsF metrics(font, m_device);
    const QRectF bounds =
        metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap | Qt::AlignLeft, text);
    return qMax(bounds.height(), metrics.height());
}

void PdfPageFlow::space(qreal height) {
    m_y += height;
}

void PdfPageFlow::heading(const QString &text, int pointSize) {
    const QFont font = withPointSize(m_font, pointSize, true);
    const qreal height = textHeight(text, font, m_body.width());
    const qreal line = QFontMetricsF(m_font, m_device).height();
    // Keep a heading with the first lines below it.
    ensureRoom(height + line * 4);
    m_y += m_pageEmpty ? 0 : line * 0.8;
    if (m_painter) {
        m_painter->setFont(font);
        m_painter->setPen(Qt::black);
        m_painter->drawText(QRectF(m_body.left(), m_y, m_body.width(), height),
                            Qt::TextWordWrap | Qt::AlignLeft, text);
    }
    m_y += height + line * 0.4;
    m_pageEmpty = false;
}

void PdfPageFlow::paragraph(const QString &text, bool bold) {
    const QFont font = withPointSize(m_font, BodyPointSize, bold);
    const qreal height = textHeight(text, font, m_body.width());
    ensureRoom(height);
    if (m_painter) {
        m_painter->setFont(font);
        m_painter->setPen(Qt::black);
        m_painter->drawText(QRectF(m_body.left(), m_y, m_body.width(), height),
                            Qt::TextWordWrap | Qt::AlignLeft, text);
    }
    m_y += height + QFontMetricsF(font, m_device).height() * 0.4;
    m_pageEmpty = false;
}

qreal PdfPageFlow::rowHeight(const QStringList &cells, const QList<qreal> &widths,
                             const QFont &font) const {
    const qreal padding = QFontMetricsF(font, m_device).height() * 0.25;
    qreal height = 0;
    for (int c = 0; c < cells.size() && c < widths.size(); ++c)
        height = qMax(height,
                      textHeight(cells.at(c), font, widths.at(c) * m_body.width() - 2 * padding));
    return height + 2 * padding;
}

void PdfPageFlow::drawRow(const QStringList &cells, const QList<qreal> &widths,
                          const QList<int> &textColumns, const QFont &font, bool shaded) {
    const qreal height = rowHeight(cells, widths, font);
    if (m_painter) {
        const qreal padding = QFontMetricsF(font, m_device).height() * 0.25;
        if (shaded)
            m_painter->fillRect(QRectF(m_body.left(), m_y, m_body.width(), height), ShadeColor);
        m_painter->setFont(font);
        qreal x = m_body.left();
        for (int c = 0; c < cells.size() && c < widths.size(); ++c) {
            const qreal width = widths.at(c) * m_body.width();
            const Qt::Alignment align = textColumns.contains(c) ? Qt::AlignLeft : Qt::AlignRight;
            m_painter->setPen(Qt::black);
            m_painter->drawText(
                QRectF(x + padding, m_y + padding, width - 2 * padding, height - 2 * padding),
                int(align | Qt::AlignTop | Qt::TextWordWrap), cells.at(c));
            x += width;
        }
        m_painter->setPen(QPen(RuleColor, 0));
        m_painter->drawLine(QPointF(m_body.left(), m_y + height),
                            QPointF(m_body.right(), m_y + height));
    }
    m_y += height;
    m_pageEmpty = false;
}

void PdfPageFlow::table(const QStringList &columns, const QList<QStringList> &rows,
                        const QList<qreal> &widths, const QList<int> &textColumns, int boldRow,
                        bool compact) {
    const qreal size = compact ? SmallPointSize : BodyPointSize;
    const QFont body = withPointSize(m_font, size);
    const QFont bold = withPointSize(m_font, size, true);
    const qreal headHeight = rowHeight(columns, widths, bold);
    ensureRoom(headHeight + (rows.isEmpty() ? 0 : rowHeight(rows.first(), widths, body)));
    drawRow(columns, widths, textColumns, bold, true);
    for (int r = 0; r < rows.size(); ++r) {
        const QFont &font = r == boldRow ? bold : body;
        const int pageBefore = m_page;
        ensureRoom(rowHeight(rows.at(r), widths, font));
        if (m_page != pageBefore)
            drawRow(columns, widths, textColumns, bold, true);
        drawRow(rows.at(r), widths, textColumns, font, false);
    }
    m_y += QFontMetricsF(body, m_device).height() * 0.6;
}

void PdfPageFlow::keyValues(const QList<QPair<QString, QString>> &rows) {
    const QFont body = withPointSize(m_font, BodyPointSize);
    const QFont bold = withPointSize(m_font, BodyPointSize, true);
    const QList<qreal> widths{0.3, 0.7};
    for (const auto &[key, value] : rows) {
        const qreal height =
            qMax(rowHeight({key}, widths, bold), rowHeight({key, value}, widths, body));
        ensureRoom(height);
        if (m_painter) {
            const qreal padding = QFontMetricsF(body, m_device).height() * 0.25;
            const qreal keyWidth = widths.at(0) * m_body.width();
            m_painter->setPen(Qt::black);
            m_painter->setFont(bold);
            m_painter->drawText(
                QRectF(m_body.left() + padding, m_y + padding, keyWidth - 2 * padding, height),
                int(Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap), key);
            m_painter->setFont(body);
            m_painter->drawText(QRectF(m_body.left() + keyWidth + padding, m_y + padding,
                                       m_body.width() - keyWidth - 2 * padding, height),
                                int(Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap), value);
        }
        m_y += height;
        m_pageEmpty = false;
    }
    m_y += QFontMetricsF(body, m_device).height() * 0.6;
}

void PdfPageFlow::picture(qreal aspect,
                          const std::function<void(QPainter *, const QRectF &)> &paint) {
    const qreal height = m_body.width() * aspect;
    ensureRoom(height);
    if (m_painter)
        paint(m_painter, QRectF(m_body.left(), m_y, m_body.width(), height));
    m_y += height + QFontMetricsF(m_font, m_device).height() * 0.6;
    m_pageEmpty = false;
}

} // namespace Replicall
