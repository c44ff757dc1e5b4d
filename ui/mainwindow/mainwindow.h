// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/workflow/projectaudit.h>
#include <core/workflow/sourceaudit.h>

#include <QMainWindow>

#include <cstdint>
#include <memory>
#include <array>
#include <functional>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTableWidget;
class QUndoGroup;

namespace cp {
struct ModelRecord;
struct ScorerTrust;
}

namespace cp::ui {

class AuditRunner;
class AuditSession;
class AuditView;
class CalibrationView;
class LlmView;
class IntersectionView;
class PairsView;
class DecisionBanner;
class ProbeSetsPage;
class ProjectDocument;
class ReviewPage;
class RunsPage;
class SpecEditor;
class TaskRunner;

/// The workbench window: the decision banner on top (always visible), a project navigator
/// beside the central view (attributes, generator & probe sets, models & runs, pairs, slices,
/// intersections, calibration, contract & decision, reviews), the audit source (a table or a
/// scoring run) above it, and a status bar with the source's identity and the progress of
/// whatever runs in the background (audit, generation, scoring), with Cancel.
/// (mainwindowactions.cpp holds the menus, recent projects, settings and drag and drop;
/// mainwindowtasks.cpp the background work: generate, add model, score with the trust prompt.)
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The navigator's sections, in order.
    enum Section {
        AttributesSection,
        ProbeSetsSection,
        RunsSection,
        PairsSection,
        SlicesSection,
        IntersectionsSection,
        CalibrationSection,
        ContractSection,
        ReviewsSection,
        LlmSection,
        SectionCount
    };
    /// A section's fixed parts: the name --grab and the settings take, the navigator's title
    /// and tooltip (untranslated; tr() at use).
    struct SectionInfo
    {
        const char *name;
        const char *title;
        const char *tip;
    };
    static const std::array<SectionInfo, SectionCount> &sectionTable();
    /// "attributes", "probe-sets", "runs", "pairs", "slices", "intersections", "calibration",
    /// "contract", "reviews": the names --grab takes.
    static QStringList sectionNames();
    void showSection(Section section);
    Section currentSection() const;

    /// Opens a *.counterpart file or a sample folder (holding project.json) and audits
    /// `source` ("table:ID", "run:ID" or a table's name; empty: the first table, else the
    /// newest scoring run). A project with neither opens without an audit. On failure shows
    /// an error, keeps the current project and returns false.
    bool openProject(const QString &path, const QString &source = {});
    /// Selects and audits a source ("table:ID", "run:ID" or a table name).
    void selectSource(const QString &source);

    /// Background work (mainwindowtasks.cpp). Each returns false when it could not start.
    bool generateProbeSet(const QString &specPath);
    /// The same from spec text (the Spec tab's edited spec); source names it in errors.
    bool generateProbeSetFromText(const QString &specText, const QString &source);
    /// Derives a family from each row of a real table with a derive spec, and freezes it.
    bool deriveProbeSet(const QString &tablePath, const QString &specPath);
    bool addModel(const QString &scorerPath);
    /// Stores an edited config of a model as a new record of it (validated first; the error,
    /// with its JSON path, is shown when it does not parse).
    bool editModel(std::int64_t modelId, const QString &configJson);
    /// Asks for trust first when the model is a command or HTTP scorer not yet trusted here.
    bool scoreProbeSet(std::int64_t probeSetId, std::int64_t modelId);
    bool resumeRun(std::int64_t runId);
    /// Freezes the probe set of a run's replies and scores it with a model (a second scorer).
    bool scoreReplies(std::int64_t runId, std::int64_t modelId);
    bool setAuditSpec(const QString &specPath);
    bool isTaskRunning() const;
    TaskRunner *taskRunner() const { return m_tasks; }
    ProbeSetsPage *probeSetsPage() const { return m_probeSets; }
    SpecEditor *specEditor() const { return m_specEditor; }
    IntersectionView *intersectionView() const { return m_intersections; }
    cp::ui::PairsView *pairsView() const { return m_pairs; }
    CalibrationView *calibrationView() const { return m_calibration; }
    LlmView *llmView() const { return m_llm; }
    RunsPage *runsPage() const { return m_runsPage; }
    ReviewPage *reviewPage() const { return m_reviews; }
    /// Edit › Undo / Redo: the Reviews page's labels while it is shown, else the spec's edits.
    QUndoGroup *undoGroup() const { return m_undoGroup; }
    std::shared_ptr<const cp::SourceAudit> currentSourceAudit() const;
    /// The current audit and "the audit changed": every view that shows it subscribes there.
    AuditSession *auditSession() const { return m_session; }
    /// Answers the trust prompt without showing it (tests, headless runs): accept or refuse.
    void setTrustAnswer(std::optional<bool> answer) { m_trustAnswer = answer; }
    /// Audits the selected table again.
    void rerunAudit();
    void cancelAudit();

    bool isAuditRunning() const;
    QString currentTable() const;
    const ProjectDocument *document() const { return m_document.get(); }
    std::shared_ptr<const cp::ProjectAudit> currentAudit() const;
    DecisionBanner *decisionBanner() const { return m_banner; }
    AuditView *auditView() const { return m_view; }
    QString lastError() const { return m_lastError; }

    /// Error dialogs are shown window-modal and non-blocking (QMessageBox::open), so the
    /// event loop keeps running; disable them for headless runs (errors are still emitted).
    void setErrorDialogsEnabled(bool enabled);

signals:
    void projectOpened(const QString &path);
    void taskFinished(const QString &title, bool ok);
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
    void reloadSources(const QString &select);
    void reloadPages();
    void updateSpecEditor();
    bool applySpec(const std::string &json);
    void setTaskRunning(bool running);
    void onTaskFinished(const QString &title, const QString &summary);
    void onTaskFailed(const QString &title, const cp::Error &error);
    void onTaskCancelled(const QString &title);
    /// Asks for trust when core says the model's scorer needs it (records the answer).
    bool ensureTrusted(const std::string &projectFile, const cp::ModelRecord &model);
    bool confirmTrust(const cp::ModelRecord &model, const cp::ScorerTrust &trust);
    void onAuditFinished(std::shared_ptr<const cp::SourceAudit> audit);
    void onPairsIndexed(std::shared_ptr<const cp::SourceAudit> audit);
    void onAuditFailed(const cp::Error &error);
    void onAuditCancelled();
    void setAuditRunning(bool running);
    void updateStatusLabels();
    void updateTitle();
    void showError(const QString &title, const QString &message);

    std::unique_ptr<ProjectDocument> m_document;
    AuditSession *m_session;
    AuditRunner *m_runner;
    TaskRunner *m_tasks;
    QListWidget *m_navigator;
    QStackedWidget *m_stack;
    SpecEditor *m_specEditor;
    QWidget *m_contractPage;
    QTableView *m_contractChecks;
    ProbeSetsPage *m_probeSets;
    RunsPage *m_runsPage;
    /// Each section's page and what showing it also does, in Section order.
    struct SectionPage
    {
        QWidget *page = nullptr;
        std::function<void()> shown;
    };
    std::array<SectionPage, SectionCount> m_sections;
    void addSection(Section section, QWidget *page, std::function<void()> shown = {});
    /// A view of the audit: a section whose page takes the audits from the session.
    template<typename View>
    void addView(Section section, View *view, std::function<void()> shown = {})
    {
        addSection(section, view, std::move(shown));
        view->setSession(m_session);
    }
    IntersectionView *m_intersections;
    cp::ui::PairsView *m_pairs;
    CalibrationView *m_calibration;
    LlmView *m_llm;
    ReviewPage *m_reviews;
    QUndoGroup *m_undoGroup;
    DecisionBanner *m_banner;
    AuditView *m_view;
    QComboBox *m_tableCombo;
    QLabel *m_projectLabel;
    QLabel *m_rowsLabel;
    QLabel *m_shaLabel;
    QLabel *m_contractLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_taskLabel;
    QMenu *m_recentMenu = nullptr;
    QAction *m_saveCopyAction = nullptr;
    QAction *m_rerunAction = nullptr;
    QString m_lastError;
    bool m_errorDialogs = true;
    std::optional<bool> m_trustAnswer;
};

} // namespace cp::ui
