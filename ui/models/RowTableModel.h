// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace Replicall {

// Roles every Replicall table model answers besides the display role.
enum ModelRole {
    SortRole = Qt::UserRole + 1, // the raw value (number, time) views sort by
    JobIdRole,                   // the job a row belongs to
    ProgressRole,                // 0..100 while running, -1 otherwise (ProgressDelegate)
};

// A read-only table of plain rows (one struct per row): the common part of
// the job, run, statistics and failure models. Subclasses say how many
// columns there are, what the headers read and what one cell shows.
template <typename Row> class RowTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(QList<Row> rows) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const QList<Row> &rows() const { return m_rows; }
    const Row &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override {
        return parent.isValid() ? 0 : columns();
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return QVariant();
        return cell(m_rows.at(index.row()), index.column(), role);
    }
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
            section < columns())
            return header(section);
        return QAbstractTableModel::headerData(section, orientation, role);
    }

protected:
    virtual int columns() const = 0;
    virtual QString header(int column) const = 0;
    virtual QVariant cell(const Row &row, int column, int role) const = 0;

    QList<Row> m_rows;
};

} // namespace Replicall
