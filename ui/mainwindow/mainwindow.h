// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/store/projectaudit.h>

#include <QMainWindow>

#include <memory>

class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace cp::ui {

class AuditRunner;
class AuditView;
class DecisionBanner;
class ProjectDocument;

/// The workbench window: the decision banner on top, a table selector, the audit tabs, and a
/// status bar with the table's identity and the progress of a running audit.
/// (mainwindowactions.cpp holds the menus, recent projects, settings and drag and drop.)
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a *.counterpart file or a sample folder (holding project.json) and audits
    /// `table` (empty: the project's first table). On failure shows an error, keeps the
    /// current project and returns false.
    bool openProject(const QString &path, const QString &table = {});
    /// Audits the selected table again.
    void rerunAudit();
    void cancelAudit();

    bool isAuditRunning() const;
    QString currentTable() const;
    const ProjectDocument *document() const { return m_document.get(); }
    std::shared_ptr<const cp::ProjectAudit> currentAudit() const { return m_audit; }
    DecisionBanner *decisionBanner() const { return m_banner; }
    AuditView *auditView() const { return m_view; }
    QString lastError() const { return m_lastError; }

    /// Error dialogs are shown window-modal and non-blocking (QMessageBox::open), so the
    /// event loop keeps running; disable them for headless runs (errors are still emitted).
    void setErrorDialogsEnabled(bool enabled) { m_errorDialogs = enabled; }

signals:
    void projectOpened(const QString &path);
    void auditFinished();
    void auditFailed(const QString &message);
    void errorOccurred(const QString &title, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    void saveSettings();
    void rebuildRecentMenu();
    void addRecentProject(const QString &path);

    void openProjectDialog();
    void openFolderDialog();
    void saveCopyDialog();
    void showAbout();

    void startAudit();
    void onTableSelected(int index);
    void onAuditFinished(std::shared_ptr<const cp::ProjectAudit> audit);
    void onAuditFailed(const cp::Error &error);
    void onAuditCancelled();
    void setAuditRunning(bool running);
    void updateStatusLabels();
    void updateTitle();
    void showError(const QString &title, const QString &message);

    std::unique_ptr<ProjectDocument> m_document;
    std::shared_ptr<const cp::ProjectAudit> m_audit;
    AuditRunner *m_runner;
    DecisionBanner *m_banner;
    AuditView *m_view;
    QComboBox *m_tableCombo;
    QLabel *m_projectLabel;
    QLabel *m_rowsLabel;
    QLabel *m_shaLabel;
    QLabel *m_contractLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QMenu *m_recentMenu = nullptr;
    QAction *m_saveCopyAction = nullptr;
    QAction *m_rerunAction = nullptr;
    QString m_lastError;
    bool m_errorDialogs = true;
};

} // namespace cp::ui
