// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reportactions.h"

#include "comparedialog.h"
#include "exportreportdialog.h"
#include "presentationwindow.h"
#include "trendview.h"

#include <ui/audit/auditformat.h>
#include <ui/mainwindow/mainwindow.h>
#include <ui/project/projectdocument.h>
#include <ui/work/backgroundtask.h>

#include <core/store/projectstore.h>
#include <core/workflow/reportbuilder.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

namespace cp::ui {

using format::qs;

namespace {

constexpr int GrabDelayMs = 300;  // let charts and grids lay out and paint once
const QString PresentationPrefix = QStringLiteral("presentation-");

cp::Result<cp::Report> buildFor(const std::string &projectFile, const cp::SourceAudit &audit,
                                const std::shared_ptr<const cp::RunComparison> &comparison,
                                const std::string &projectLabel, const std::string &toolVersion)
{
    auto store = cp::ProjectStore::open(projectFile, cp::ProjectStore::OpenMode::ExistingOnly);
    if (!store)
        return store.error();
    cp::ReportOptions options;
    options.toolVersion = toolVersion;
    auto report = cp::buildReportReadingPairs(**store, audit, options);
    if (!report)
        return report.error();
    if (comparison)
        report->comparison = *comparison;
    if (!projectLabel.empty())
        report->tested.projectFile = projectLabel;
    return report;
}

std::string projectLabelOf(const ProjectDocument &document)
{
    return document.isScratch()
               ? QDir::toNativeSeparators(document.sourcePath()).toStdString() + " (sample folder)"
               : std::string();
}

std::string toolVersion()
{
    return "counterpart " + QApplication::applicationVersion().toStdString();
}

/// Grabs a widget once it has laid out and painted, then reports.
void grabLater(QWidget *widget, const QString &path, const QString &error,
               const std::function<void(const QString &)> &done)
{
    QTimer::singleShot(GrabDelayMs, widget, [widget, path, error, done] {
        if (!widget->grab().save(path))
            done(QStringLiteral("cannot write %1").arg(path));
        else
            done(error);
    });
}

} // namespace

ReportActions::ReportActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_reportTask(new BackgroundTask(BackgroundTask::Policy::OneAtATime, this))
{
    setObjectName(QStringLiteral("reportActions"));
}

ReportActions *ReportActions::install(MainWindow *window, QMenu *file, QMenu *audit, QMenu *view)
{
    auto *self = new ReportActions(window);

    self->m_export = new QAction(tr("Export &Report…"), window);
    self->m_export->setObjectName(QStringLiteral("exportReportAction"));
    self->m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    self->m_export->setStatusTip(tr("Write the audit as one HTML file or as CSV tables"));
    connect(self->m_export, &QAction::triggered, self, &ReportActions::exportReport);
    // Beside Save Copy As: before the separator that precedes Quit.
    QAction *before = nullptr;
    const QList<QAction *> fileActions = file->actions();
    for (int i = 0; i < fileActions.size(); ++i)
        if (fileActions[i]->menuRole() == QAction::QuitRole)
            before = i > 0 && fileActions[i - 1]->isSeparator() ? fileActions[i - 1]
                                                                : fileActions[i];
    file->insertAction(before, self->m_export);

    self->m_compare = new QAction(tr("&Compare Runs…"), window);
    self->m_compare->setObjectName(QStringLiteral("compareRunsAction"));
    self->m_compare->setStatusTip(tr("A baseline and a candidate on the same probe set: "
                                     "deltas, flips fixed and introduced, decision change"));
    connect(self->m_compare, &QAction::triggered, self, &ReportActions::compareRuns);
    self->m_trend = new QAction(tr("&Trend"), window);
    self->m_trend->setObjectName(QStringLiteral("trendAction"));
    self->m_trend->setStatusTip(tr("Tracked metrics across runs, with the regression "
                                   "threshold"));
    connect(self->m_trend, &QAction::triggered, self, &ReportActions::showTrend);
    QAction *separator = nullptr;
    for (QAction *a : audit->actions())
        if (a->isSeparator())
            separator = a;
    audit->insertAction(separator, self->m_compare);
    audit->insertAction(separator, self->m_trend);

    self->m_present = new QAction(tr("&Presentation"), window);
    self->m_present->setObjectName(QStringLiteral("presentationAction"));
    self->m_present->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    self->m_present->setStatusTip(tr("The findings full screen, one per slide; arrow keys move, "
                                     "Esc leaves"));
    connect(self->m_present, &QAction::triggered, self, qOverload<>(&ReportActions::present));
    view->addSeparator();
    view->addAction(self->m_present);

    connect(window, &MainWindow::projectOpened, self, [self] {
        self->closeWindows();
        self->updateActions();
    });
    connect(window, &MainWindow::auditFinished, self, &ReportActions::updateActions);
    connect(window, &MainWindow::auditFailed, self, &ReportActions::updateActions);
    self->updateActions();
    return self;
}

PresentationWindow *ReportActions::presentation() const
{
    return m_presentation;
}

CompareDialog *ReportActions::compareDialog() const
{
    return m_compareDialog;
}

TrendView *ReportActions::trendView() const
{
    return m_trendView;
}

ExportReportDialog *ReportActions::exportDialog() const
{
    return m_exportDialog;
}

void ReportActions::updateActions()
{
    const bool project = m_window->document() != nullptr;
    const bool audit = project && m_window->currentSourceAudit() != nullptr;
    m_present->setEnabled(audit);
    m_export->setEnabled(audit);
    m_compare->setEnabled(project);
    m_trend->setEnabled(project);
}

void ReportActions::closeWindows()
{
    // They read the previous project's file, which may be a scratch copy about to go.
    for (QWidget *w : std::initializer_list<QWidget *>{m_presentation, m_compareDialog,
                                                       m_trendView, m_exportDialog})
        if (w)
            w->close();
    for (QWidget *w : std::initializer_list<QWidget *>{m_compareDialog, m_trendView,
                                                       m_exportDialog})
        if (w)
            w->deleteLater();
}

void ReportActions::showError(const QString &title, const QString &message)
{
    qWarning("%s: %s", qPrintable(title), qPrintable(message));
    m_window->statusBar()->showMessage(title, 8000);
    auto *box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ReportActions::present()
{
    if (m_window->isAuditRunning()) {
        m_window->statusBar()->showMessage(tr("The audit is still running: present it when it "
                                              "has finished"),
                                           5000);
        return;
    }
    present(m_window->currentSourceAudit(), nullptr);
}

void ReportActions::present(std::shared_ptr<const cp::SourceAudit> audit,
                            std::shared_ptr<const cp::RunComparison> comparison)
{
    const ProjectDocument *document = m_window->document();
    if (!audit || !document || m_reportTask->isRunning())
        return;
    const std::string file = document->projectFile().toStdString();
    const std::string label = projectLabelOf(*document);
    const std::string version = toolVersion();
    m_window->statusBar()->showMessage(tr("Preparing the presentation…"));
    m_reportTask->run<cp::Report>(
        [=](const cp::Progress &) { return buildFor(file, *audit, comparison, label, version); },
        [this](cp::Result<cp::Report> report) { onReportBuilt(std::move(report)); });
}

void ReportActions::onReportBuilt(cp::Result<cp::Report> report)
{
    if (!report) {
        const QString message = tr("Cannot prepare the presentation:\n%1")
                                    .arg(qs(report.error().toString()));
        showError(tr("Cannot Present"), message);
        emit presentationFailed(message);
        return;
    }
    m_window->statusBar()->clearMessage();
    if (m_presentation)
        m_presentation->close();
    auto *w = new PresentationWindow(std::make_shared<const cp::Report>(std::move(*report)),
                                     m_window);
    w->setAttribute(Qt::WA_DeleteOnClose);
    m_presentation = w;
    if (m_fullScreen)
        w->showFullScreen();
    else
        w->show();
    w->raise();
    w->activateWindow();
    emit presentationOpened(w);
}

void ReportActions::exportReport()
{
    const ProjectDocument *document = m_window->document();
    const auto audit = m_window->currentSourceAudit();
    if (!document || !audit)
        return;
    if (m_exportDialog) {
        m_exportDialog->raise();
        m_exportDialog->activateWindow();
        return;
    }
    auto *dialog = new ExportReportDialog(*document, audit, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportReportDialog::exported, m_window,
            [this](const QString &summary) { m_window->statusBar()->showMessage(summary, 10000); });
    m_exportDialog = dialog;
    dialog->open();
}

void ReportActions::compareRuns()
{
    const ProjectDocument *document = m_window->document();
    if (!document)
        return;
    if (!m_compareDialog) {
        m_compareDialog = new CompareDialog(document->projectFile(), m_window);
        m_compareDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_compareDialog, &CompareDialog::presentRequested, this,
                [this](std::shared_ptr<const cp::SourceAudit> candidate,
                       std::shared_ptr<const cp::RunComparison> comparison) {
                    present(std::move(candidate), std::move(comparison));
                });
    }
    m_compareDialog->show();
    m_compareDialog->raise();
    m_compareDialog->activateWindow();
}

void ReportActions::showTrend()
{
    const ProjectDocument *document = m_window->document();
    if (!document)
        return;
    if (!m_trendView) {
        m_trendView = new TrendView(m_window);
        m_trendView->setWindowFlag(Qt::Window);
        m_trendView->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_trendView->setWindowTitle(tr("%1 — Trend — Counterpart").arg(document->name()));
    m_trendView->setProjectFile(document->projectFile());  // reload: runs may have been added
    m_trendView->show();
    m_trendView->raise();
    m_trendView->activateWindow();
}

QStringList ReportActions::grabViews()
{
    QStringList views;
    for (int i = 1; i <= PresentationWindow::SlideCount; ++i)
        views << PresentationPrefix + QString::number(i);
    views << QStringLiteral("trend") << QStringLiteral("compare");
    return views;
}

bool ReportActions::isGrabView(const QString &view)
{
    return grabViews().contains(view);
}

void ReportActions::grab(const QString &view, const QSize &size, const QString &path,
                         std::function<void(const QString &error)> done)
{
    const ProjectDocument *document = m_window->document();
    if (!document) {
        done(tr("no project is open"));
        return;
    }
    if (view.startsWith(PresentationPrefix)) {
        const int slide = view.mid(PresentationPrefix.size()).toInt();
        const auto audit = m_window->currentSourceAudit();
        if (!audit) {
            done(tr("nothing was audited, so there is nothing to present"));
            return;
        }
        auto report = buildFor(document->projectFile().toStdString(), *audit, nullptr,
                               projectLabelOf(*document), toolVersion());
        if (!report) {
            done(qs(report.error().toString()));
            return;
        }
        auto *w = new PresentationWindow(std::make_shared<const cp::Report>(std::move(*report)),
                                         m_window);
        m_presentation = w;
        w->resize(size);
        w->setCurrentSlide(slide - 1);
        w->show();
        grabLater(w, path, {}, done);
    } else if (view == QLatin1String("trend")) {
        showTrend();
        m_trendView->resize(size);
        connect(m_trendView, &TrendView::loaded, this,
                [this, path, done] { grabLater(m_trendView, path, {}, done); });
        connect(m_trendView, &TrendView::loadFailed, this, [this, path, done](const QString &e) {
            grabLater(m_trendView, path, e, done);
        });
    } else if (view == QLatin1String("compare")) {
        compareRuns();
        m_compareDialog->resize(size);
        if (m_compareDialog->comparison() || !m_compareDialog->errorText().isEmpty()) {
            grabLater(m_compareDialog, path, m_compareDialog->errorText(), done);
            return;
        }
        connect(m_compareDialog, &CompareDialog::compared, this,
                [this, path, done] { grabLater(m_compareDialog, path, {}, done); });
        connect(m_compareDialog, &CompareDialog::failed, this,
                [this, path, done](const QString &e) {
                    grabLater(m_compareDialog, path, e, done);
                });
    } else {
        done(tr("unknown view '%1'").arg(view));
    }
}

} // namespace cp::ui
