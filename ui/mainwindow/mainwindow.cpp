// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include <ui/audit/auditformat.h>
#include <ui/audit/auditrunner.h>
#include <ui/audit/auditsession.h>
#include <ui/audit/auditview.h>
#include <ui/audit/checklistmodel.h>
#include <ui/audit/calibrationview.h>
#include <ui/audit/llmview.h>
#include <ui/audit/intersectionview.h>
#include <ui/pairs/pairsview.h>
#include <ui/audit/decisionbanner.h>
#include <ui/project/probesetspage.h>
#include <ui/project/projectdocument.h>
#include <ui/project/runspage.h>
#include <ui/project/contracteditor.h>
#include <ui/project/speceditor.h>
#include <ui/review/reviewpage.h>
#include <ui/work/taskrunner.h>

#include <core/store/projectstore.h>
#include <core/workflow/projectsession.h>

#include <QComboBox>

#include <QHeaderView>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QUndoGroup>
#include <QUndoStack>
#include <QTableWidget>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

namespace cp::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new AuditSession(this))
    , m_runner(new AuditRunner(this))
    , m_tasks(new TaskRunner(this))
    , m_navigator(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_specEditor(new SpecEditor(this))
    , m_probeSets(new ProbeSetsPage(this))
    , m_runsPage(new RunsPage(this))
    , m_intersections(new IntersectionView(this))
    , m_pairs(new cp::ui::PairsView(this))
    , m_calibration(new CalibrationView(this))
    , m_llm(new LlmView(this))
    , m_reviews(new ReviewPage(this))
    , m_undoGroup(new QUndoGroup(this))
    , m_banner(new DecisionBanner(this))
    , m_view(new AuditView(this))
    , m_tableCombo(new QComboBox(this))
    , m_projectLabel(new QLabel(this))
    , m_rowsLabel(new QLabel(this))
    , m_shaLabel(new QLabel(this))
    , m_contractLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_taskLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    m_tableCombo->setObjectName(QStringLiteral("tableSelector"));
    m_tableCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tableCombo->setMinimumContentsLength(16);
    m_tableCombo->setToolTip(tr("What to audit: a frozen table, or a scoring run of a probe set"));
    m_projectLabel->setObjectName(QStringLiteral("projectLabel"));
    m_projectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tableLabel = new QLabel(tr("&Audit:"), this);
    tableLabel->setBuddy(m_tableCombo);
    auto *selector = new QHBoxLayout;
    selector->addWidget(tableLabel);
    selector->addWidget(m_tableCombo);
    selector->addSpacing(16);
    selector->addWidget(m_projectLabel, 1);

    m_navigator->setObjectName(QStringLiteral("navigator"));

    // Attributes (and the contract, its second tab): the current audit spec edited in place;
    // every edit saves a spec version and re-runs the audit, and can be undone.
    m_specEditor->setApply([this](const std::string &json) { return applySpec(json); });
    auto *attributesPage = m_specEditor;
    // Contract & decision: the contract's limits, minimums and attestations (taken out of the
    // spec editor's tabs; the editor still drives it) beside every check with value, limit
    // and result.
    auto *contractEditor = m_specEditor->contractEditor();
    const int contractTab = m_specEditor->tabs()->indexOf(contractEditor);
    if (contractTab >= 0)
        m_specEditor->tabs()->removeTab(contractTab);
    m_contractChecks = new QTableView(this);
    m_contractChecks->setObjectName(QStringLiteral("contractChecks"));
    m_contractChecks->setModel(m_view->checkModel());
    m_contractChecks->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_contractChecks->verticalHeader()->hide();
    m_contractChecks->horizontalHeader()->setStretchLastSection(true);
    m_contractChecks->setWordWrap(false);
    connect(m_view->checkModel(), &QAbstractItemModel::modelReset, m_contractChecks,
            [this] { m_contractChecks->resizeColumnsToContents(); });
    auto *contractSplit = new QSplitter(Qt::Horizontal, this);
    contractSplit->addWidget(contractEditor);
    contractSplit->addWidget(m_contractChecks);
    contractEditor->show();  // it was a hidden page of the editor's tabs
    contractSplit->setStretchFactor(0, 1);
    contractSplit->setStretchFactor(1, 1);
    contractSplit->setSizes({720, 560});  // room for the attestations beside the limits
    m_contractPage = contractSplit;

    // Every section once: its page, and for a view of the audit its session (the views take
    // each new audit from the session themselves, one per turn of the event loop, in the order
    // added: Reviews after Pairs, since the Pairs view takes their review states). Adding a
    // view is one line here and its row in sectionTable().
    m_stack->setObjectName(QStringLiteral("sectionStack"));
    addSection(AttributesSection, attributesPage);
    addSection(ProbeSetsSection, m_probeSets);
    addSection(RunsSection, m_runsPage);
    addView(SlicesSection, m_view, [this] { m_view->setCurrentIndex(AuditView::SlicesTab); });
    addView(IntersectionsSection, m_intersections);
    addView(CalibrationSection, m_calibration);
    addView(PairsSection, m_pairs);
    addSection(ContractSection, m_contractPage,
               [this] { m_contractChecks->resizeColumnsToContents(); });
    addView(ReviewsSection, m_reviews, [this] {
        m_reviews->setFocus();  // its single keys (E, N, U, F, R, J, K …) work at once
    });
    addView(LlmSection, m_llm);
    // The navigator: every section of the project, always one click away.
    for (int i = 0; i < SectionCount; ++i) {
        const SectionInfo &info = sectionTable()[std::size_t(i)];
        Q_ASSERT(m_sections[std::size_t(i)].page);  // every section has its page
        auto *item = new QListWidgetItem(tr(info.title), m_navigator);
        item->setToolTip(tr(info.tip));
    }
    m_navigator->setFixedWidth(m_navigator->sizeHintForColumn(0) + 32);
    m_navigator->setCurrentRow(SlicesSection);
    m_session->subscribe(this, [this](const std::shared_ptr<const cp::SourceAudit> &audit) {
        updateSpecEditor();
        if (audit)
            emit auditFinished();  // every view has it
    });

    // Edit › Undo / Redo serve the page in view: review labels there, spec edits elsewhere.
    m_undoGroup->addStack(m_specEditor->undoStack());
    m_undoGroup->addStack(m_reviews->undoStack());
    m_undoGroup->setActiveStack(m_specEditor->undoStack());
    m_reviews->setUndoShortcutsEnabled(false);
    m_reviews->setFilteredFamiliesSource([this] { return m_pairs->filteredFamilies(); });

    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addLayout(selector);
    centreLayout->addWidget(m_stack, 1);
    auto *body = new QHBoxLayout;
    body->setSpacing(8);
    body->addWidget(m_navigator);
    body->addWidget(centre, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->setSpacing(8);
    layout->addWidget(m_banner);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    createMenus();
    createStatusBar();

    connect(m_navigator, &QListWidget::currentRowChanged, this,
            [this](int row) { showSection(Section(row)); });
    connect(m_banner, &DecisionBanner::reasonsRequested, this, [this] {
        showSection(ContractSection);
        m_view->showReasons();  // the audit view's own Checks tab, too
        const int row = m_view->checkModel()->firstProblemRow();
        if (row >= 0)
            m_contractChecks->selectRow(row);
        m_contractChecks->setFocus();
    });
    connect(m_tableCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onTableSelected);
    // Clicking an intersection cell lists its families in Pairs.
    connect(m_intersections, &IntersectionView::cellActivated, this,
            [this](const QStringList &dimensions, const QStringList &key) {
                if (m_pairs->setCellFilter(dimensions, key))
                    showSection(PairsSection);
            });
    // Labels saved, undone or imported: the Pairs view's review filter follows.
    connect(m_reviews, &ReviewPage::reviewStatesChanged, m_pairs, &PairsView::setReviewStates);
    connect(m_runner, &AuditRunner::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, maximum);
        m_progress->setValue(value);
    });
    connect(m_runner, &AuditRunner::sourceFinished, this, &MainWindow::onAuditFinished);
    connect(m_runner, &AuditRunner::pairsIndexed, this, &MainWindow::onPairsIndexed);
    connect(m_runner, &AuditRunner::failed, this, &MainWindow::onAuditFailed);
    connect(m_runner, &AuditRunner::cancelled, this, &MainWindow::onAuditCancelled);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_tasks->isRunning())
            m_tasks->cancel();
        else
            cancelAudit();
    });
    connect(m_tasks, &TaskRunner::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, maximum);
        m_progress->setValue(value);
    });
    connect(m_tasks, &TaskRunner::finished, this, &MainWindow::onTaskFinished);
    connect(m_tasks, &TaskRunner::failed, this, &MainWindow::onTaskFailed);
    connect(m_tasks, &TaskRunner::cancelled, this, &MainWindow::onTaskCancelled);
    connect(m_probeSets, &ProbeSetsPage::generateRequested, this,
            [this](const QString &spec) { generateProbeSet(spec); });
    connect(m_probeSets, &ProbeSetsPage::generateTextRequested, this,
            [this](const QString &text, const QString &source) {
                generateProbeSetFromText(text, source);
            });
    connect(m_probeSets, &ProbeSetsPage::deriveRequested, this,
            [this](const QString &table, const QString &spec) { deriveProbeSet(table, spec); });
    connect(m_runsPage, &RunsPage::addModelRequested, this,
            [this](const QString &path) { addModel(path); });
    connect(m_runsPage, &RunsPage::editModelRequested, this,
            [this](std::int64_t model, const QString &json) { editModel(model, json); });
    connect(m_runsPage, &RunsPage::scoreRequested, this,
            [this](std::int64_t set, std::int64_t model) { scoreProbeSet(set, model); });
    connect(m_runsPage, &RunsPage::scoreRepliesRequested, this,
            [this](std::int64_t run, std::int64_t model) { scoreReplies(run, model); });
    connect(m_runsPage, &RunsPage::resumeRequested, this,
            [this](std::int64_t run) { resumeRun(run); });
    connect(m_runsPage, &RunsPage::auditRequested, this, [this](std::int64_t run) {
        selectSource(QStringLiteral("run:%1").arg(run));
        showSection(SlicesSection);
    });

    setAuditRunning(false);
    setTaskRunning(false);
    updateStatusLabels();
    updateTitle();
    updateSpecEditor();
    showSection(SlicesSection);
    restoreSettings();
}

const std::array<MainWindow::SectionInfo, MainWindow::SectionCount> &MainWindow::sectionTable()
{
    // In Section order: the name --grab and the settings take, the navigator's text and tip.
    static const std::array<SectionInfo, SectionCount> table = {{
        {"attributes", QT_TR_NOOP("Attributes"),
         QT_TR_NOOP("The protected attributes, their groups and reference groups")},
        {"probe-sets", QT_TR_NOOP("Generator & probe sets"),
         QT_TR_NOOP("Frozen probe-set versions with their balance and integrity reports; "
                    "generate new ones")},
        {"runs", QT_TR_NOOP("Models & runs"),
         QT_TR_NOOP("Scorers and scoring runs: score a probe set, resume a stopped run, read "
                    "its log")},
        {"pairs", QT_TR_NOOP("Pairs"),
         QT_TR_NOOP("Families side by side: which pairs flipped and what differs between the "
                    "variants")},
        {"slices", QT_TR_NOOP("Slices"),
         QT_TR_NOOP("Rates per group with Wilson intervals, and the gaps between groups")},
        {"intersections", QT_TR_NOOP("Intersections"),
         QT_TR_NOOP("Grids over two dimensions; cells below minimum support are report-only")},
        {"calibration", QT_TR_NOOP("Calibration"),
         QT_TR_NOOP("Observed rate per score band and group")},
        {"contract", QT_TR_NOOP("Contract & decision"),
         QT_TR_NOOP("The contract's checks, their values and limits, and the decision")},
        {"reviews", QT_TR_NOOP("Reviews"),
         QT_TR_NOOP("Reviewers label matched pairs: equivalent or not, the expected outcome; "
                    "agreement and adjudication")},
        {"llm", QT_TR_NOOP("LLM outputs"),
         QT_TR_NOOP("Refusals as outcomes, repeat noise, log-probability and categorical bias, "
                    "reply similarity")},
    }};
    return table;
}

QStringList MainWindow::sectionNames()
{
    QStringList names;
    for (const SectionInfo &info : sectionTable())
        names << QString::fromLatin1(info.name);
    return names;
}

void MainWindow::addSection(Section section, QWidget *page, std::function<void()> shown)
{
    m_stack->addWidget(page);
    m_sections[std::size_t(section)] = SectionPage{page, std::move(shown)};
}

void MainWindow::showSection(Section section)
{
    if (section < 0 || section >= SectionCount)
        return;
    {
        const QSignalBlocker blocker(m_navigator);
        m_navigator->setCurrentRow(section);
    }
    const SectionPage &page = m_sections[std::size_t(section)];
    m_stack->setCurrentWidget(page.page);
    if (page.shown)
        page.shown();
    m_undoGroup->setActiveStack(section == ReviewsSection ? m_reviews->undoStack()
                                                          : m_specEditor->undoStack());
}

void MainWindow::setErrorDialogsEnabled(bool enabled)
{
    m_errorDialogs = enabled;
    m_reviews->setErrorDialogsEnabled(enabled);
}

MainWindow::Section MainWindow::currentSection() const
{
    return Section(m_navigator->currentRow());
}

MainWindow::~MainWindow()
{
    // The review page's connection goes before the document (a scratch project's folder).
    m_session->clear();
}

std::shared_ptr<const cp::SourceAudit> MainWindow::currentSourceAudit() const
{
    return m_session->audit();
}

std::shared_ptr<const cp::ProjectAudit> MainWindow::currentAudit() const
{
    return m_session->projectAudit();
}

bool MainWindow::openProject(const QString &path, const QString &source)
{
    auto opened = ProjectDocument::open(path);
    if (!opened) {
        showError(tr("Error Opening Project"),
                  tr("Error opening '%1':\n%2")
                      .arg(QDir::toNativeSeparators(path), format::qs(opened.error().toString())));
        return false;
    }

    m_runner->cancel();
    m_tasks->cancel();
    m_tasks->waitForFinished();
    m_session->clear();  // every view lets go of the previous project (Reviews: its connection)
    m_document = std::move(opened).value();
    m_specEditor->undoStack()->clear();  // edits belong to the project they were made in
    addRecentProject(m_document->sourcePath());
    updateTitle();
    reloadPages();
    emit projectOpened(m_document->sourcePath());
    reloadSources(source);
    if (m_tableCombo->count() == 0) {
        m_banner->showIdle(tr("Nothing to audit yet: generate a probe set (Generator & probe "
                              "sets), add a model and score it (Models & runs)."));
        updateStatusLabels();
        updateSpecEditor();
    }
    return true;
}

void MainWindow::reloadSources(const QString &select)
{
    if (!m_document)
        return;
    auto store = cp::ProjectStore::open(m_document->projectFile().toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    auto sources = store ? cp::auditSources(**store)
                         : cp::Result<std::vector<cp::AuditSource>>(store.error());
    const QString previous = m_tableCombo->currentData().toString();
    {
        const QSignalBlocker blocker(m_tableCombo);
        m_tableCombo->clear();
        if (sources) {
            for (const cp::AuditSource &s : *sources) {
                QString label = format::qs(s.label);
                if (m_tableCombo->findText(label) >= 0)
                    label = tr("%1 (#%2)").arg(label).arg(s.id);
                m_tableCombo->addItem(label, format::qs(s.key()));
                m_tableCombo->setItemData(m_tableCombo->count() - 1, format::qs(s.detail),
                                          Qt::ToolTipRole);
            }
        }
    }
    QString wanted = select.isEmpty() ? previous : select;
    int index = -1;
    if (!wanted.isEmpty()) {
        index = m_tableCombo->findData(wanted);
        if (index < 0)
            index = m_tableCombo->findText(wanted);
        if (index < 0) {
            // Let the audit report an unknown name with core's wording.
            m_tableCombo->addItem(wanted, wanted);
            index = m_tableCombo->count() - 1;
        }
    } else if (store && m_tableCombo->count() > 0) {
        // Core's default source, the one the CLI audits too.
        if (auto chosen = cp::defaultAuditSource(**store))
            index = m_tableCombo->findData(format::qs(chosen->key()));
    }
    if (index < 0)
        return;
    const bool same = index == m_tableCombo->currentIndex() && !select.isEmpty()
                      && currentAudit() != nullptr && previous == wanted;
    {
        const QSignalBlocker blocker(m_tableCombo);
        m_tableCombo->setCurrentIndex(index);
    }
    if (!same)
        startAudit();
}

void MainWindow::selectSource(const QString &source)
{
    reloadSources(source);
}

void MainWindow::reloadPages()
{
    const QString file = m_document ? m_document->projectFile() : QString();
    m_probeSets->reload(file);
    m_runsPage->reload(file);
    m_probeSets->setBusy(m_tasks->isRunning());
    m_runsPage->setBusy(m_tasks->isRunning());
}

void MainWindow::updateSpecEditor()
{
    const auto audit = currentAudit();
    m_specEditor->setEnabled(audit != nullptr);
    if (audit)
        m_specEditor->setSpec(audit->spec.json);
}

bool MainWindow::applySpec(const std::string &json)
{
    if (!m_document)
        return false;
    auto store = cp::ProjectStore::open(m_document->projectFile().toStdString(),
                                        cp::ProjectStore::OpenMode::ExistingQuick);
    auto saved = store ? (*store)->saveSpec(json) : cp::Result<cp::SpecRecord>(store.error());
    if (!saved) {
        showError(tr("Cannot Save the Spec"), format::qs(saved.error().toString()));
        return false;
    }
    statusBar()->showMessage(tr("Spec version %1 saved; auditing again").arg(saved->id), 5000);
    rerunAudit();
    return true;
}

void MainWindow::rerunAudit()
{
    if (m_document)
        startAudit();
}

void MainWindow::cancelAudit()
{
    m_runner->cancel();
}

bool MainWindow::isAuditRunning() const
{
    return m_runner->isRunning();
}

QString MainWindow::currentTable() const
{
    return m_tableCombo->currentText();
}

void MainWindow::onTableSelected(int index)
{
    if (index >= 0 && m_document)
        startAudit();
}

void MainWindow::startAudit()
{
    if (!m_document || m_tableCombo->currentIndex() < 0)
        return;
    const QString table = m_tableCombo->currentData().toString();
    m_banner->showRunning(tr("%1 of %2").arg(m_tableCombo->currentText(), m_document->name()));
    setAuditRunning(true);
    m_runner->start(m_document->projectFile(), table);
}

void MainWindow::onAuditFinished(std::shared_ptr<const cp::SourceAudit> audit)
{
    setAuditRunning(false);
    const cp::ProjectAudit &a = audit->audit;
    m_banner->showResult(a.result, format::qs(a.table.name));
    if (audit->pairsPending)
        statusBar()->showMessage(tr("Audit of %1 kept from before; reading its pairs…")
                                     .arg(format::qs(a.table.name)));
    else
        statusBar()->showMessage(tr("Audited %1").arg(format::qs(a.table.name)), 5000);
    // The one hand-off: the views subscribed to the session take it from there.
    m_session->setAudit(m_document ? m_document->projectFile() : QString(), std::move(audit));
    updateStatusLabels();
}

void MainWindow::onPairsIndexed(std::shared_ptr<const cp::SourceAudit> audit)
{
    statusBar()->showMessage(tr("Read the pairs of %1").arg(format::qs(audit->audit.table.name)),
                             5000);
    m_session->setAudit(m_document ? m_document->projectFile() : QString(), std::move(audit));
}

void MainWindow::onAuditFailed(const cp::Error &error)
{
    setAuditRunning(false);
    m_session->clear();
    updateStatusLabels();
    const QString message = format::qs(error.toString());
    m_banner->showError(message);
    showError(tr("Audit Failed"),
              tr("The audit of '%1' failed:\n%2").arg(m_tableCombo->currentText(), message));
    emit auditFailed(message);
}

void MainWindow::onAuditCancelled()
{
    setAuditRunning(false);
    if (const auto audit = currentAudit())
        m_banner->showResult(audit->result, format::qs(audit->table.name));
    else
        m_banner->showIdle(tr("The audit was cancelled. Press F5 to run it again."));
    statusBar()->showMessage(tr("Audit cancelled"), 5000);
}

void MainWindow::setAuditRunning(bool running)
{
    running = running || m_tasks->isRunning();
    m_progress->setVisible(running);
    m_cancelButton->setVisible(running);
    if (running)
        m_progress->setValue(0);
    m_view->setEnabled(!running);
    if (m_rerunAction)
        m_rerunAction->setEnabled(m_document != nullptr);
}

void MainWindow::updateStatusLabels()
{
    const auto audit = currentAudit();
    if (!audit) {
        m_rowsLabel->setText(tr("No audit"));
        m_shaLabel->clear();
        m_shaLabel->setToolTip({});
        m_contractLabel->clear();
        return;
    }
    const cp::AuditResult &r = audit->result;
    QString rows = tr("%1 rows").arg(cp::ui::format::integer(r.rows));
    if (r.families)
        rows += tr(" · %1 families").arg(cp::ui::format::integer(*r.families));
    m_rowsLabel->setText(rows);
    const QString sha = format::qs(r.tableSha256);
    m_shaLabel->setText(tr("sha256 %1…").arg(sha.left(12)));
    m_shaLabel->setToolTip(tr("SHA-256 of the frozen table:\n%1").arg(sha));
    m_contractLabel->setText(r.contractVersion.empty()
                                 ? tr("no contract")
                                 : tr("contract v%1").arg(format::qs(r.contractVersion)));
}

void MainWindow::updateTitle()
{
    if (!m_document) {
        setWindowTitle(tr("Counterpart"));
        m_projectLabel->setText(tr("No project open — File › Open Project… or drop a project "
                                   "file or folder here"));
        return;
    }
    setWindowTitle(tr("%1 — Counterpart").arg(m_document->name()));
    QString where = QDir::toNativeSeparators(m_document->sourcePath());
    if (m_document->isScratch())
        where += tr(" (imported into a temporary project; File › Save Copy As… keeps it)");
    m_projectLabel->setText(tr("<b>%1</b> &nbsp; %2").arg(m_document->name().toHtmlEscaped(),
                                                          where.toHtmlEscaped()));
    m_projectLabel->setToolTip(tr("Audited project file: %1")
                                   .arg(QDir::toNativeSeparators(m_document->projectFile())));
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    qWarning("%s: %s", qPrintable(title), qPrintable(message));
    emit errorOccurred(title, message);
    if (!m_errorDialogs)
        return;
    auto *box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace cp::ui
