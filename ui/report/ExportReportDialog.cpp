// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExportReportDialog.h"

#include "report/ReportExporter.h"
#include "ui_ExportReportDialog.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Replicall {

namespace {

// The formats as the dialog offers them; texts are translated where shown.
struct FormatChoice {
    ReportFormat format;
    const char *title;  // in the format box
    const char *filter; // in the file dialog
};
const FormatChoice Formats[] = {
    {ReportFormat::Csv,
     QT_TRANSLATE_NOOP("Replicall::ExportReportDialog", "CSV — numbers per day, for spreadsheets"),
     QT_TRANSLATE_NOOP("Replicall::ExportReportDialog", "CSV files (*.csv)")},
    {ReportFormat::Html,
     QT_TRANSLATE_NOOP("Replicall::ExportReportDialog",
                       "HTML — one page with chart, runs and failures"),
     QT_TRANSLATE_NOOP("Replicall::ExportReportDialog", "HTML files (*.html *.htm)")},
    {ReportFormat::Pdf,
     QT_TRANSLATE_NOOP("Replicall::ExportReportDialog", "PDF — for printing and mailing"),
     QT_TRANSLATE_NOOP("Replicall::ExportReportDialog", "PDF files (*.pdf)")},
};

// A file name made of what a user may type into a job's name stays usable.
QString fileSafe(const QString &text) {
    QString safe;
    for (const QChar c : text)
        safe += c.isLetterOrNumber() || c == u'-' || c == u'_' ? c : u'-';
    return safe;
}

// Runs in a pool thread: the report reads through that thread's connection.
QString exportReport(const ReportRequest &request) {
    QString error;
    if (!ReportExporter::write(request, &error))
        return error.isEmpty() ? u"the report could not be written"_s : error;
    return {};
}

} // namespace

ExportReportDialog::ExportReportDialog(const QList<Job> &jobs, const std::optional<Job> &selected,
                                       QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::ExportReportDialog>()) {
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Export"));

    m_ui->jobComboBox->addItem(tr("All jobs"), qint64(0));
    for (const Job &job : jobs)
        m_ui->jobComboBox->addItem(job.name, job.id);
    if (selected)
        m_ui->jobComboBox->setCurrentIndex(qMax(0, m_ui->jobComboBox->findData(selected->id)));

    // Call days are UTC days, as in the statistics.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    setDateRange(today.addDays(-DefaultRangeDays + 1), today);

    for (const FormatChoice &choice : Formats)
        m_ui->formatComboBox->addItem(tr(choice.title), int(choice.format));
    setFormat(ReportFormat::Pdf);
    m_ui->outputEdit->setText(suggestedFileName());

    connect(m_ui->jobComboBox, &QComboBox::currentIndexChanged, this, [this] {
        // A name the dialog suggested names the job; one the user chose stays.
        if (m_ui->outputEdit->text() == m_suggested)
            m_ui->outputEdit->setText(suggestedFileName());
    });
    connect(m_ui->formatComboBox, &QComboBox::currentIndexChanged, this,
            &ExportReportDialog::onFormatChanged);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ExportReportDialog::chooseFile);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ExportReportDialog::startExport);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ExportReportDialog::reject);
    connect(&m_export, &QFutureWatcher<QString>::finished, this,
            &ExportReportDialog::onExportFinished);
}

ExportReportDialog::~ExportReportDialog() {
    m_export.waitForFinished();
}

void ExportReportDialog::setDateRange(const QDate &from, const QDate &to) {
    m_ui->fromDateEdit->setDate(from);
    m_ui->toDateEdit->setDate(to);
}

ReportRequest ExportReportDialog::request() const {
    ReportRequest request;
    request.jobId = m_ui->jobComboBox->currentData().toLongLong();
    request.from = m_ui->fromDateEdit->date();
    request.to = m_ui->toDateEdit->date();
    request.format = format();
    request.outputPath = m_ui->outputEdit->text().trimmed();
    return request;
}

ReportFormat ExportReportDialog::format() const {
    return ReportFormat(m_ui->formatComboBox->currentData().toInt());
}

void ExportReportDialog::setFormat(ReportFormat format) {
    m_ui->formatComboBox->setCurrentIndex(m_ui->formatComboBox->findData(int(format)));
}

QString ExportReportDialog::suggestedFileName() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const qint64 jobId = m_ui->jobComboBox->currentData().toLongLong();
    const QString scope = jobId > 0 ? fileSafe(m_ui->jobComboBox->currentText()) : u"all-jobs"_s;
    m_suggested = dir + u"/replicall-report-"_s + scope + u'-' +
                  m_ui->toDateEdit->date().toString(Qt::ISODate) + u'.' +
                  reportFormatToString(format());
    return m_suggested;
}

void ExportReportDialog::onFormatChanged() {
    // The file's extension follows the format, so the viewer that opens it fits.
    const QString path = m_ui->outputEdit->text().trimmed();
    if (path.isEmpty() || path == m_suggested) {
        m_ui->outputEdit->setText(suggestedFileName());
        return;
    }
    ReportFormat named;
    const QFileInfo info(path);
    const bool hasReportSuffix = reportFormatFromFileName(path, &named);
    if (hasReportSuffix && named == format())
        return;
    const QString base = hasReportSuffix ? path.chopped(info.suffix().size() + 1) : path;
    m_ui->outputEdit->setText(base + u'.' + reportFormatToString(format()));
}

void ExportReportDialog::chooseFile() {
    QStringList filters;
    QString selectedFilter;
    for (const FormatChoice &choice : Formats) {
        filters.append(tr(choice.filter));
        if (choice.format == format())
            selectedFilter = filters.last();
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export report"), m_ui->outputEdit->text(),
                                     filters.join(u";;"_s), &selectedFilter);
    if (path.isEmpty())
        return;
    // A name typed with another report suffix chooses that format.
    ReportFormat named;
    if (reportFormatFromFileName(path, &named)) {
        const QSignalBlocker block(m_ui->formatComboBox);
        setFormat(named);
        m_ui->outputEdit->setText(path);
        return;
    }
    for (const FormatChoice &choice : Formats) {
        if (tr(choice.filter) == selectedFilter)
            setFormat(choice.format);
    }
    m_ui->outputEdit->setText(path);
    onFormatChanged();
}

void ExportReportDialog::startExport() {
    if (isExporting())
        return;
    const ReportRequest request = this->request();
    if (const QString problem = request.validate(); !problem.isEmpty()) {
        showStatus(tr("Cannot export: %1.").arg(problem), true);
        Q_EMIT exportFailed(problem);
        return;
    }
    m_exportingPath = QFileInfo(request.outputPath).absoluteFilePath();
    setBusy(true);
    showStatus(tr("Exporting to %1…").arg(QDir::toNativeSeparators(m_exportingPath)), false);
    m_export.setFuture(QtConcurrent::run(&exportReport, request));
}

void ExportReportDialog::onExportFinished() {
    setBusy(false);
    const QString error = m_export.result();
    if (!error.isEmpty()) {
        showStatus(tr("The report was not written: %1").arg(error), true);
        Q_EMIT exportFailed(error);
        return;
    }
    showStatus(tr("Report written to %1.").arg(QDir::toNativeSeparators(m_exportingPath)), false);
    Q_EMIT exported(m_exportingPath);
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_exportingPath)))
        showStatus(tr("Report written to %1; no program was found to open it.")
                       .arg(QDir::toNativeSeparators(m_exportingPath)),
                   false);
}

void ExportReportDialog::reject() {
    // Closing mid-export would leave nobody to tell whether the file was written.
    if (!isExporting())
        QDialog::reject();
}

void ExportReportDialog::setBusy(bool busy) {
    const QList<QWidget *> inputs{m_ui->jobComboBox,    m_ui->fromDateEdit, m_ui->toDateEdit,
                                  m_ui->formatComboBox, m_ui->outputEdit,   m_ui->browseButton,
                                  m_ui->buttonBox};
    for (QWidget *input : inputs)
        input->setEnabled(!busy);
}

void ExportReportDialog::showStatus(const QString &text, bool error) {
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setStyleSheet(error ? u"color: #b00020;"_s : QString());
}

} // namespace Replicall
