// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Job.h"
#include "report/ReportRequest.h"

#include <QDialog>
#include <QFutureWatcher>
#include <memory>
#include <optional>

namespace Ui {
class ExportReportDialog;
}

namespace Replicall {

// "Export report…": one job or all, a range of call days, a format and a
// file. The export runs in a pool thread (ReportExporter reads the database
// and writes the file there); the dialog stays open and says how it went,
// and opens a written report with the desktop's viewer.
class ExportReportDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int DefaultRangeDays = 30;

    // jobs: what the job list shows; selected: preselected (nullopt: all jobs).
    ExportReportDialog(const QList<Job> &jobs, const std::optional<Job> &selected,
                       QWidget *parent = nullptr);
    // Waits for an export still running: it writes a file the user asked for.
    ~ExportReportDialog() override;

    // The range to start with (default: the last 30 days up to today).
    void setDateRange(const QDate &from, const QDate &to);
    // What the form asks for now.
    ReportRequest request() const;
    bool isExporting() const { return m_export.isRunning(); }

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    // The report was written to path.
    void exported(const QString &path);
    // The report could not be written; message names what was wrong.
    void exportFailed(const QString &message);

private:
    void startExport();
    void onExportFinished();
    void chooseFile();
    void onFormatChanged();
    void setFormat(ReportFormat format);
    ReportFormat format() const;
    // A file in the documents folder named after the job; remembered.
    QString suggestedFileName();
    void setBusy(bool busy);
    void showStatus(const QString &text, bool error);

    std::unique_ptr<::Ui::ExportReportDialog> m_ui;
    QFutureWatcher<QString> m_export;
    QString m_exportingPath;
    QString m_suggested; // the name suggestedFileName() gave last
};

} // namespace Replicall
