// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/workflow/sourceaudit.h>

#include <QDialog>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace cp::ui {

class ProjectDocument;
class TaskRunner;

/// File › Export Report…: the audit shown in the window as one self-contained HTML file
/// (cp::renderHtml, written through cp::writeReportFile) or as a folder of CSV tables
/// (cp::writeCsvTables), with the privacy option "leave out pair texts". The contract's
/// privacy floor applies in both. The report is built and written on a pool thread with its
/// own connection (TaskRunner), with Cancel; a failure is shown with the file it names, and
/// the dialog stays open to try another place.
class ExportReportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Format { Html, Csv };

    ExportReportDialog(const ProjectDocument &document,
                       std::shared_ptr<const cp::SourceAudit> audit, QWidget *parent = nullptr);
    ~ExportReportDialog() override;

    Format format() const;
    void setFormat(Format format);
    QString path() const;
    void setPath(const QString &path);
    bool includePairText() const;
    void setIncludePairText(bool include);
    /// Starts writing (what Export does); false when the path is empty or a write runs.
    bool startExport();
    bool isExporting() const;
    QString errorText() const;
    /// Off: failures are shown in the dialog only, not in a message box (tests, headless).
    void setErrorDialogsEnabled(bool enabled) { m_errorDialogs = enabled; }

signals:
    /// "Wrote the HTML report to /x/report.html".
    void exported(const QString &summary);
    void exportFailed(const QString &message);

public slots:
    void accept() override;
    void reject() override;

private:
    void browse();
    void updateDefaultPath();
    void setBusy(bool busy);

    QString m_projectFile;
    QString m_projectLabel;     ///< what the report says was opened (a sample folder's path)
    std::shared_ptr<const cp::SourceAudit> m_audit;
    QRadioButton *m_html;
    QRadioButton *m_csv;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QCheckBox *m_leaveOutPairText;
    QLabel *m_floorNote;
    QProgressBar *m_progress;
    QLabel *m_error;
    QPushButton *m_exportButton;
    TaskRunner *m_runner;
    QString m_suggestedBase;
    bool m_pathEdited = false;
    bool m_errorDialogs = true;
};

} // namespace cp::ui
