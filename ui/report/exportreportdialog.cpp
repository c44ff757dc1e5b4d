// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "exportreportdialog.h"

#include <ui/audit/auditformat.h>
#include <ui/project/projectdocument.h>
#include <ui/settings/preference.h>
#include <ui/work/taskrunner.h>

#include <core/report/csvexport.h>
#include <core/report/htmlreport.h>
#include <core/report/report.h>
#include <core/report/reportformat.h>
#include <core/store/projectstore.h>
#include <core/workflow/reportbuilder.h>

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace cp::ui {

using format::qs;

namespace {

const Preference<QString> exportDirectory{"Report/ExportDirectory"};

/// A file-name-safe form of a label: "run 2 · toy on hs" → "run-2-toy-on-hs".
QString slug(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (c.isLetterOrNumber())
            out += c.toLower();
        else if (!out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    }
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("audit") : out;
}

} // namespace

ExportReportDialog::ExportReportDialog(const ProjectDocument &document,
                                       std::shared_ptr<const cp::SourceAudit> audit,
                                       QWidget *parent)
    : QDialog(parent)
    , m_projectFile(document.projectFile())
    , m_projectLabel(document.isScratch()
                         ? QDir::toNativeSeparators(document.sourcePath()) + tr(" (sample folder)")
                         : QString())
    , m_audit(std::move(audit))
    , m_html(new QRadioButton(tr("&HTML report: one self-contained file (opens offline, prints)"),
                              this))
    , m_csv(new QRadioButton(tr("&CSV tables: one file per metric table, in a folder"), this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_leaveOutPairText(new QCheckBox(tr("&Leave out pair texts (privacy): show only family "
                                          "ids, outcomes and scores"),
                                       this))
    , m_floorNote(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_error(new QLabel(this))
    , m_exportButton(new QPushButton(tr("&Export"), this))
    , m_runner(new TaskRunner(this))
{
    setObjectName(QStringLiteral("exportReportDialog"));
    setWindowTitle(tr("Export Report"));
    m_html->setObjectName(QStringLiteral("exportHtml"));
    m_csv->setObjectName(QStringLiteral("exportCsv"));
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_leaveOutPairText->setObjectName(QStringLiteral("leaveOutPairText"));
    m_html->setChecked(true);
    m_path->setMinimumWidth(420);
    m_progress->setRange(0, TaskRunner::ProgressMaximum);
    m_progress->hide();
    m_error->setObjectName(QStringLiteral("exportError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #8a1c00; font-weight: bold; }"));
    m_error->hide();
    m_floorNote->setWordWrap(true);

    const cp::ProjectAudit &a = m_audit->audit;
    auto *what = new QLabel(tr("<b>%1</b> — %2 · %3 rows")
                                .arg(qs(m_audit->source.label).toHtmlEscaped(),
                                     qs(cp::decisionText(a.result.decision)),
                                     format::integer(a.result.rows)),
                            this);
    const cp::AuditSpec &spec = a.parsedSpec;
    const auto k = spec.contract ? spec.contract->privacyK : std::nullopt;
    m_floorNote->setText(k ? tr("The contract's privacy floor applies: counts below %1 read "
                                "\"<%1\" and rates computed from them are withheld.")
                                 .arg(*k)
                           : tr("The contract sets no privacy floor (privacy_k): every count is "
                                "shown."));
    m_suggestedBase = slug(document.name()) + QLatin1Char('-') + slug(qs(m_audit->source.label));

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Audit:"), what);
    auto *formats = new QVBoxLayout;
    formats->addWidget(m_html);
    formats->addWidget(m_csv);
    form->addRow(tr("Format:"), formats);
    form->addRow(tr("&Save to:"), pathRow);
    form->addRow(tr("Privacy:"), m_leaveOutPairText);
    form->addRow(QString(), m_floorNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_exportButton->setDefault(true);
    buttons->addButton(m_exportButton, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportReportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportReportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);

    connect(m_browse, &QPushButton::clicked, this, &ExportReportDialog::browse);
    connect(m_html, &QRadioButton::toggled, this, &ExportReportDialog::updateDefaultPath);
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_pathEdited = true; });
    connect(m_runner, &TaskRunner::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_runner, &TaskRunner::finished, this, [this](const QString &, const QString &summary) {
        setBusy(false);
        emit exported(summary);
        QDialog::accept();
    });
    connect(m_runner, &TaskRunner::failed, this, [this](const QString &, const cp::Error &e) {
        setBusy(false);
        const QString message = tr("Could not export the report to '%1':\n%2")
                                    .arg(QDir::toNativeSeparators(path()), qs(e.toString()));
        m_error->setText(message);
        m_error->show();
        emit exportFailed(message);
        if (m_errorDialogs) {
            auto *box = new QMessageBox(QMessageBox::Critical, tr("Export Failed"), message,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    connect(m_runner, &TaskRunner::cancelled, this, [this] {
        setBusy(false);
        m_error->setText(tr("Export cancelled: nothing was written."));
        m_error->show();
    });
    updateDefaultPath();
}

ExportReportDialog::~ExportReportDialog() = default;  // the runner cancels and waits

ExportReportDialog::Format ExportReportDialog::format() const
{
    return m_csv->isChecked() ? Format::Csv : Format::Html;
}

void ExportReportDialog::setFormat(Format format)
{
    (format == Format::Csv ? m_csv : m_html)->setChecked(true);
}

QString ExportReportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportReportDialog::setPath(const QString &path)
{
    m_path->setText(path);
    m_pathEdited = true;
}

bool ExportReportDialog::includePairText() const
{
    return !m_leaveOutPairText->isChecked();
}

void ExportReportDialog::setIncludePairText(bool include)
{
    m_leaveOutPairText->setChecked(!include);
}

bool ExportReportDialog::isExporting() const
{
    return m_runner->isRunning();
}

QString ExportReportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ExportReportDialog::updateDefaultPath()
{
    if (m_pathEdited && !m_path->text().isEmpty()) {
        // Keep the user's folder and name; switch the ending with the format.
        QString p = m_path->text();
        if (format() == Format::Csv && p.endsWith(QLatin1String(".html"), Qt::CaseInsensitive))
            p.chop(5);
        else if (format() == Format::Html
                 && !p.endsWith(QLatin1String(".html"), Qt::CaseInsensitive))
            p += QStringLiteral(".html");
        m_path->setText(p);
        return;
    }
    QString dir = exportDirectory.get();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(QDir(dir).filePath(m_suggestedBase
                                       + (format() == Format::Html ? QStringLiteral("-report.html")
                                                                   : QStringLiteral("-tables"))));
}

void ExportReportDialog::browse()
{
    QString chosen;
    if (format() == Format::Html)
        chosen = QFileDialog::getSaveFileName(this, tr("Export HTML Report"), path(),
                                              tr("HTML files (*.html)"));
    else
        chosen = QFileDialog::getExistingDirectory(this, tr("Folder for the CSV Tables"),
                                                   QFileInfo(path()).absolutePath());
    if (chosen.isEmpty())
        return;
    if (format() == Format::Html && QFileInfo(chosen).suffix().isEmpty())
        chosen += QStringLiteral(".html");
    setPath(chosen);
}

void ExportReportDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_progress->setValue(0);
    for (QWidget *w : std::initializer_list<QWidget *>{m_html, m_csv, m_path, m_browse,
                                                       m_leaveOutPairText, m_exportButton})
        w->setEnabled(!busy);
}

bool ExportReportDialog::startExport()
{
    const QString target = path();
    if (isExporting())
        return false;
    if (target.isEmpty()) {
        m_error->setText(tr("Choose where to save the report."));
        m_error->show();
        return false;
    }
    m_error->hide();
    exportDirectory.set(QFileInfo(target).absolutePath());
    cp::ReportOptions options;
    options.includePairText = includePairText();
    options.toolVersion = "counterpart " + QApplication::applicationVersion().toStdString();
    const std::string file = m_projectFile.toStdString();
    const std::string out = target.toStdString();
    const std::string projectLabel = m_projectLabel.toStdString();
    const bool html = format() == Format::Html;
    std::shared_ptr<const cp::SourceAudit> audit = m_audit;
    setBusy(true);
    return m_runner->start(
        tr("Export report"),
        [=](const cp::Progress &progress) -> cp::Result<std::string> {
            auto store = cp::ProjectStore::open(file, cp::ProjectStore::OpenMode::ExistingOnly);
            if (!store)
                return store.error();
            progress.report(1, 4);
            auto report = cp::buildReportReadingPairs(**store, *audit, options);
            if (!report)
                return report.error();
            if (!projectLabel.empty())
                report->tested.projectFile = projectLabel;
            if (progress.isCancelled())
                return cp::Error{cp::ErrorCode::Cancelled, out, 0, {}, "cancelled"};
            progress.report(2, 4);
            if (html) {
                if (auto ok = cp::writeReportFile(out, cp::renderHtml(*report)); !ok)
                    return ok.error();
                progress.report(4, 4);
                return "Wrote the HTML report to " + out;
            }
            auto written = cp::writeCsvTables(*report, out);
            if (!written)
                return written.error();
            progress.report(4, 4);
            return "Wrote " + std::to_string(written->size()) + " CSV tables to " + out;
        });
}

void ExportReportDialog::accept()
{
    startExport();  // closes when the files are written
}

void ExportReportDialog::reject()
{
    if (isExporting()) {
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace cp::ui
