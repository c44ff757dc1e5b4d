// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/report/report.h>
#include <core/workflow/sourceaudit.h>

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QSize;

namespace cp::ui {

class BackgroundTask;
class CompareDialog;
class ExportReportDialog;
class MainWindow;
class PresentationWindow;
class TrendView;

/// The report entry points of the workbench, kept out of MainWindow (which only calls
/// install()): File › Export Report… (Ctrl+E), Audit › Compare Runs…, Audit › Trend, and
/// View › Presentation (Shift+F5; F5 is Audit › Re-run). Each works on the window's current
/// audit and project; they are enabled when there is one, and the windows they open close
/// when another project is opened.
///
/// It also renders those views headless for `counterpart PROJECT --grab VIEW` (grabViews()).
class ReportActions : public QObject
{
    Q_OBJECT

public:
    /// Adds the actions to the window's menus (Export before Quit; Compare and Trend before the
    /// Audit menu's last separator; Presentation at the end of View) and returns the
    /// installed object (a child of the window).
    static ReportActions *install(MainWindow *window, QMenu *file, QMenu *audit, QMenu *view);

    QAction *presentAction() const { return m_present; }
    QAction *exportAction() const { return m_export; }
    QAction *compareAction() const { return m_compare; }
    QAction *trendAction() const { return m_trend; }

    /// Builds the current audit's report on a pool thread, then shows it full screen.
    void present();
    /// The same for a given audit with a run comparison attached (its caveat on the last slide).
    void present(std::shared_ptr<const cp::SourceAudit> audit,
                 std::shared_ptr<const cp::RunComparison> comparison);
    void exportReport();
    void compareRuns();
    void showTrend();

    /// The windows opened, or nullptr.
    PresentationWindow *presentation() const;
    CompareDialog *compareDialog() const;
    TrendView *trendView() const;
    ExportReportDialog *exportDialog() const;
    /// Full screen (the default) or a normal window (tests, small screens).
    void setPresentFullScreen(bool fullScreen) { m_fullScreen = fullScreen; }

    /// The --grab views: "presentation-1" … "presentation-5", "trend", "compare".
    static QStringList grabViews();
    static bool isGrabView(const QString &view);
    /// Renders a view of the window's project at size into path, then calls done with an
    /// empty string, or with the error.
    void grab(const QString &view, const QSize &size, const QString &path,
              std::function<void(const QString &error)> done);

signals:
    void presentationOpened(PresentationWindow *window);
    void presentationFailed(const QString &message);

private:
    explicit ReportActions(MainWindow *window);
    void updateActions();
    void closeWindows();
    void onReportBuilt(cp::Result<cp::Report> report);
    void showError(const QString &title, const QString &message);

    MainWindow *m_window;
    QAction *m_present = nullptr;
    QAction *m_export = nullptr;
    QAction *m_compare = nullptr;
    QAction *m_trend = nullptr;
    QPointer<PresentationWindow> m_presentation;
    QPointer<CompareDialog> m_compareDialog;
    QPointer<TrendView> m_trendView;
    QPointer<ExportReportDialog> m_exportDialog;
    BackgroundTask *m_reportTask;  ///< one report at a time
    bool m_fullScreen = true;
};

} // namespace cp::ui
