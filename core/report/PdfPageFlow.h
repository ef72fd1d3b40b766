// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <functional>

class QPagedPaintDevice;
class QPainter;

namespace Replicall {

// Flows a report's blocks (headings, paragraphs, tables, pictures) down
// A4 pages, with a header and a "Page N of M" footer on every page.
//
// M is known only once everything is laid out, so a document is laid out
// twice: first with painter == nullptr, which only counts pages, then for
// real with the count from the first pass. Both passes take the same
// decisions because they measure with the same device.
class PdfPageFlow {
public:
    PdfPageFlow(QPagedPaintDevice *device, QPainter *painter, int totalPages);

    // Header text of the pages from here on (left and right part) and footer.
    void setHeader(const QString &left, const QString &right);
    void setFooter(const QString &left) { m_footer = left; }

    // Starts a new page unless the current one is still empty.
    void breakPage();

    void heading(const QString &text, int pointSize);
    void paragraph(const QString &text, bool bold = false);
    void space(qreal height);
    // Rows are broken across pages; the column heads repeat on each page.
    // widths are fractions of the text width; numbers are right-aligned
    // except in the columns listed in textColumns. compact: a smaller font,
    // for tables with many columns.
    void table(const QStringList &columns, const QList<QStringList> &rows,
               const QList<qreal> &widths, const QList<int> &textColumns, int boldRow = -1,
               bool compact = false);
    // Two columns, label and value, for settings.
    void keyValues(const QList<QPair<QString, QString>> &rows);
    // A picture of the given aspect (height / width) across the text width.
    void picture(qreal aspect, const std::function<void(QPainter *, const QRectF &)> &paint);

    int pages() const { return m_page; }

private:
    qreal textHeight(const QString &text, const QFont &font, qreal width) const;
    qreal rowHeight(const QStringList &cells, const QList<qreal> &widths, const QFont &font) const;
    void drawRow(const QStringList &cells, const QList<qreal> &widths,
                 const QList<int> &textColumns, const QFont &font, bool shaded);
    void ensureRoom(qreal height);
    void startPage();
    void drawHeaderAndFooter();

    QPagedPaintDevice *m_device;
    QPainter *m_painter; // nullptr while counting pages
    int m_totalPages;
    QRectF m_pageRect;
    QRectF m_body;  // between header and footer
    qreal m_y = 0;  // next free line in m_body
    int m_page = 0; // pages started so far
    bool m_pageEmpty = true;
    QString m_headerLeft, m_headerRight, m_footer;
    QFont m_font;
};

} // namespace Replicall
