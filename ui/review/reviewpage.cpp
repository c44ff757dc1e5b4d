// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The Reviews page: layout, what is shown, and answering. The queue is in reviewpagequeue.cpp,
// packets in reviewpagepackets.cpp.

#include "reviewpage.h"

#include "reviewanswerpanel.h"
#include "reviewerdialog.h"
#include "reviewlabelcommand.h"
#include "reviewsession.h"
#include "reviewsidepanel.h"

#include <ui/audit/auditsession.h>
#include <ui/pairs/familydetailview.h>
#include <ui/work/backgroundtask.h>

#include <core/review/reviewqueue.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui {

namespace {

const char *BlindOnStyle = "QLabel { background: #e8f0f8; border: 1px solid #2166ac;"
                           " border-radius: 3px; padding: 4px 8px; color: #0b2e4f; }";
const char *BlindOffStyle = "QLabel { background: #fde6c8; border: 1px solid #e08214;"
                            " border-radius: 3px; padding: 4px 8px; color: #1a1a1a; }";
const char *BadgeStyle = "QLabel { background: #5e3c99; color: white; font-weight: bold;"
                         " border-radius: 3px; padding: 2px 8px; }";

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// Complete: both questions answered, or judged not equivalent (excluded from the audit, so
/// its expected outcome is not needed).
bool complete(const std::optional<cp::ReviewLabel> &l)
{
    return l && l->equivalence
           && (*l->equivalence == cp::Equivalence::NotEquivalent || l->expected.has_value());
}

QString equivalenceWord(cp::Equivalence e)
{
    switch (e) {
    case cp::Equivalence::Equivalent: return ReviewPage::tr("equivalent");
    case cp::Equivalence::NotEquivalent: return ReviewPage::tr("not equivalent");
    case cp::Equivalence::Unsure: return ReviewPage::tr("unsure");
    }
    return {};
}

} // namespace

ReviewPage::ReviewPage(QWidget *parent)
    : QWidget(parent)
    , m_session(new ReviewSession(this))
    , m_import(new BackgroundTask(BackgroundTask::Policy::OneAtATime, this))
    , m_importButton(new QPushButton(tr("Import Packet…"), this))
    , m_undo(new QUndoStack(this))
    , m_detail(new FamilyDetailView(this))
    , m_side(new ReviewSidePanel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_reviewerLabel(new QLabel(this))
    , m_changeReviewer(new QPushButton(tr("Change…"), this))
    , m_queueMode(new QComboBox(this))
    , m_sampleLabel(new QLabel(tr("Sa&mple:"), this))
    , m_sample(new QSpinBox(this))
    , m_seedLabel(new QLabel(tr("See&d:"), this))
    , m_seed(new QSpinBox(this))
    , m_blind(new QCheckBox(tr("&Blind mode"), this))
    , m_autoAdvance(new QCheckBox(tr("Au&to-advance"), this))
    , m_blindBanner(new QLabel(this))
    , m_itemLabel(new QLabel(this))
    , m_roleBadge(new QLabel(tr("ADJUDICATING"), this))
    , m_progressLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_answers(new ReviewAnswerPanel(this))
    , m_status(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_work(new QWidget(this))
{
    setObjectName(QStringLiteral("reviewPage"));
    setFocusPolicy(Qt::StrongFocus);
    m_reviewer = ReviewerDialog::storedName();

    // Who, which queue, blind.
    m_reviewerLabel->setObjectName(QStringLiteral("reviewerLabel"));
    m_changeReviewer->setFocusPolicy(Qt::NoFocus);
    m_changeReviewer->setToolTip(tr("Change the name your labels are stored under"));
    m_queueMode->setObjectName(QStringLiteral("reviewQueueMode"));
    m_queueMode->addItem(tr("Flips first, then a sample"), int(QueueMode::FlipsThenSample));
    m_queueMode->addItem(tr("The Pairs view's filter"), int(QueueMode::PairsFilter));
    m_queueMode->addItem(tr("Adjudication queue (disputed)"), int(QueueMode::Adjudication));
    m_queueMode->setFocusPolicy(Qt::ClickFocus);
    m_queueMode->setToolTip(
        tr("Which pairs to review:\n• every flipped family, then a random sample stratified "
           "over groups and strata (size and seed here);\n• the families the Pairs view's "
           "filters let through;\n• the families whose reviewers disagree: your labels are then "
           "saved as the adjudicator's verdict"));
    auto *queueLabel = new QLabel(tr("&Queue:"), this);
    queueLabel->setBuddy(m_queueMode);
    m_sample->setObjectName(QStringLiteral("reviewSampleSize"));
    m_sample->setRange(0, 1'000'000);
    m_sample->setValue(20);
    m_sample->setSuffix(tr(" pairs"));
    m_sample->setToolTip(tr("How many pairs to add after the flips, drawn at random in turns "
                            "from each cell of groups and strata"));
    m_sampleLabel->setBuddy(m_sample);
    m_seed->setObjectName(QStringLiteral("reviewSeed"));
    m_seed->setRange(1, 999'999'999);
    m_seed->setValue(1);
    m_seed->setToolTip(tr("The same seed draws the same sample"));
    m_seedLabel->setBuddy(m_seed);
    auto *rebuild = new QPushButton(tr("Rebuild"), this);
    rebuild->setFocusPolicy(Qt::NoFocus);
    rebuild->setToolTip(tr("Build the queue again (e.g. after changing the Pairs view's "
                           "filters, or when disputes were settled)"));
    m_blind->setObjectName(QStringLiteral("reviewBlind"));
    m_blind->setChecked(true);
    m_blind->setFocusPolicy(Qt::NoFocus);
    m_blind->setToolTip(tr("Hide the model's scores and outcomes, the recorded expected "
                           "outcome and other reviewers' answers, so that they do not anchor "
                           "your label"));
    m_autoAdvance->setObjectName(QStringLiteral("reviewAutoAdvance"));
    m_autoAdvance->setChecked(true);
    m_autoAdvance->setFocusPolicy(Qt::NoFocus);
    m_autoAdvance->setToolTip(
        tr("After an answer, move to the next pair once this one is complete: equivalence "
           "and expected outcome both answered, or \"not equivalent\" given (a pair judged not "
           "equivalent is left out of the audit and needs no expected outcome)"));
    auto *exportButton = new QPushButton(tr("Export Packet…"), this);
    exportButton->setObjectName(QStringLiteral("exportPacket"));
    exportButton->setFocusPolicy(Qt::NoFocus);
    exportButton->setToolTip(tr("Write the queue's pairs to a file for a reviewer on another "
                                "machine (fields only: no scores or outcomes)"));
    QPushButton *importButton = m_importButton;
    importButton->setObjectName(QStringLiteral("importPacket"));
    importButton->setFocusPolicy(Qt::NoFocus);
    importButton->setToolTip(tr("Read a reviewer's labels back from a packet file; importing "
                                "the same packet twice changes nothing"));

    // Two rows, so that the page fits beside the navigator in a 1280-pixel window.
    auto *top = new QHBoxLayout;
    top->addWidget(m_reviewerLabel);
    top->addWidget(m_changeReviewer);
    top->addStretch(1);
    top->addWidget(exportButton);
    top->addWidget(importButton);
    auto *queueRow = new QHBoxLayout;
    queueRow->addWidget(queueLabel);
    queueRow->addWidget(m_queueMode);
    queueRow->addWidget(m_sampleLabel);
    queueRow->addWidget(m_sample);
    queueRow->addWidget(m_seedLabel);
    queueRow->addWidget(m_seed);
    queueRow->addWidget(rebuild);
    queueRow->addStretch(1);

    m_blindBanner->setObjectName(QStringLiteral("blindBanner"));
    m_blindBanner->setWordWrap(true);
    auto *modes = new QHBoxLayout;
    modes->addWidget(m_blind);
    modes->addWidget(m_autoAdvance);
    modes->addWidget(m_blindBanner, 1);

    // The pair: where we are, how far we got.
    m_itemLabel->setObjectName(QStringLiteral("reviewItem"));
    m_itemLabel->setTextFormat(Qt::RichText);
    m_roleBadge->setStyleSheet(QLatin1String(BadgeStyle));
    m_roleBadge->setToolTip(tr("Your labels settle disputes: they are saved as the "
                               "adjudicator's verdict"));
    m_roleBadge->hide();
    m_progressLabel->setObjectName(QStringLiteral("reviewProgress"));
    m_progress->setObjectName(QStringLiteral("reviewProgressBar"));
    m_progress->setFormat(QStringLiteral("%p %"));
    m_progress->setFixedWidth(200);
    auto *itemRow = new QHBoxLayout;
    itemRow->addWidget(m_itemLabel);
    itemRow->addWidget(m_roleBadge);
    itemRow->addStretch(1);
    itemRow->addWidget(m_progressLabel);
    itemRow->addWidget(m_progress);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_detail, 1);
    leftLayout->addWidget(m_answers);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_side);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({920, 320});
    m_splitter->setChildrenCollapsible(false);

    auto *work = new QVBoxLayout(m_work);
    work->setContentsMargins(0, 0, 0, 0);
    work->addLayout(itemRow);
    work->addWidget(m_splitter, 1);
    m_empty->setObjectName(QStringLiteral("reviewEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(queueRow);
    layout->addLayout(modes);
    layout->addWidget(m_work, 1);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_status);

    createActions();
    connect(m_changeReviewer, &QPushButton::clicked, this, [this] { askReviewer(); });
    connect(m_queueMode, &QComboBox::currentIndexChanged, this, [this] {
        const bool sample = queueMode() == QueueMode::FlipsThenSample;
        for (QWidget *w : {static_cast<QWidget *>(m_sampleLabel), static_cast<QWidget *>(m_sample),
                           static_cast<QWidget *>(m_seedLabel), static_cast<QWidget *>(m_seed)})
            w->setEnabled(sample);
        rebuildQueue();
        setFocus();
    });
    connect(m_sample, &QSpinBox::valueChanged, this, &ReviewPage::rebuildQueue);
    connect(m_seed, &QSpinBox::valueChanged, this, &ReviewPage::rebuildQueue);
    for (QSpinBox *spin : {m_sample, m_seed})  // Enter gives the single keys back
        connect(spin, &QSpinBox::editingFinished, this, [this, spin] {
            if (spin->hasFocus())
                setFocus();
        });
    connect(rebuild, &QPushButton::clicked, this, &ReviewPage::rebuildQueue);
    connect(m_blind, &QCheckBox::toggled, this, &ReviewPage::setBlind);
    connect(m_answers, &ReviewAnswerPanel::equivalenceChosen, this,
            &ReviewPage::answerEquivalence);
    connect(m_answers, &ReviewAnswerPanel::expectedChosen, this, &ReviewPage::answerExpected);
    connect(m_answers, &ReviewAnswerPanel::noteEdited, this, &ReviewPage::setNote);
    connect(m_answers, &ReviewAnswerPanel::noteLeft, this, [this] { setFocus(); });
    connect(m_answers, &ReviewAnswerPanel::previousRequested, this, &ReviewPage::previous);
    connect(m_answers, &ReviewAnswerPanel::nextRequested, this, &ReviewPage::next);
    connect(m_answers, &ReviewAnswerPanel::undoRequested, m_undo, &QUndoStack::undo);
    connect(m_undo, &QUndoStack::canUndoChanged, m_answers, &ReviewAnswerPanel::setUndoEnabled);
    connect(exportButton, &QPushButton::clicked, this, &ReviewPage::exportPacketDialog);
    connect(importButton, &QPushButton::clicked, this, &ReviewPage::importPacketDialog);
    connect(m_import, &BackgroundTask::idle, this, [this] { m_importButton->setEnabled(true); });
    connect(m_session, &ReviewSession::labelsChanged, this, &ReviewPage::onLabelsChanged);
    connect(m_session, &ReviewSession::labelChanged, this, &ReviewPage::onLabelChanged);
    connect(m_session, &ReviewSession::ready, this, &ReviewPage::showSession);
    connect(m_session, &ReviewSession::failed, this,
            [this](const QString &message) { showError(tr("Cannot Save the Label"), message); });

    m_answers->setUndoEnabled(false);
    m_detail->setBlind(true);
    updateReviewerLabel();
    updateBlindBanner();
    setSource({}, nullptr);
}

ReviewPage::~ReviewPage() = default;

void ReviewPage::createActions()
{
    struct Key {
        QList<QKeySequence> keys;
        std::function<void()> run;
    };
    const Key keys[] = {
        {{Qt::Key_E}, [this] { answerEquivalence(cp::Equivalence::Equivalent); }},
        {{Qt::Key_N}, [this] { answerEquivalence(cp::Equivalence::NotEquivalent); }},
        {{Qt::Key_U}, [this] { answerEquivalence(cp::Equivalence::Unsure); }},
        {{Qt::Key_F}, [this] { answerExpected(cp::ExpectedOutcome::Favourable); }},
        {{Qt::Key_R}, [this] { answerExpected(cp::ExpectedOutcome::Unfavourable); }},
        {{Qt::Key_T}, [this] { m_answers->startNote(); }},
        {{Qt::Key_Right, Qt::Key_J}, [this] { next(); }},
        {{Qt::Key_Left, Qt::Key_K}, [this] { previous(); }},
    };
    for (const Key &k : keys) {
        auto *a = new QAction(this);
        a->setShortcuts(k.keys);
        a->setShortcutContext(Qt::WindowShortcut);  // active while the page is visible
        connect(a, &QAction::triggered, this, k.run);
        addAction(a);
    }
    m_undoAction = m_undo->createUndoAction(this, tr("&Undo Label"));
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo Label"));
    setUndoShortcutsEnabled(true);
    addAction(m_undoAction);
    addAction(m_redoAction);
}

void ReviewPage::setUndoShortcutsEnabled(bool enabled)
{
    QList<QKeySequence> redo = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redo.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)))
        redo << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);  // the page's documented redo key
    m_undoAction->setShortcuts(enabled ? QKeySequence::keyBindings(QKeySequence::Undo)
                                       : QList<QKeySequence>());
    m_redoAction->setShortcuts(enabled ? redo : QList<QKeySequence>());
}

void ReviewPage::setSource(const QString &projectFile, std::shared_ptr<const cp::SourceAudit> audit)
{
    const std::string current = currentFamilyKey().toStdString();
    if (!current.empty())
        m_returnTo = current;
    const bool sameRows = audit && m_session->sourceAudit()
                          && projectFile == m_session->projectFile()
                          && audit->audit.result.tableSha256
                                 == m_session->sourceAudit()->audit.result.tableSha256;
    if (!sameRows)
        m_undo->clear();  // the commands name labels of other rows
    // The first queue is built with the labels, on the reading's thread.
    const QueueSettings settings = queueSettings();
    ReviewSession::Prepare prepare;
    if (settings.mode != QueueMode::PairsFilter)
        prepare = [settings](const cp::PairsIndex &index, int keyColumn,
                             const cp::ReviewBook &book, const std::vector<std::uint8_t> *states) {
            return std::any(buildQueue(index, keyColumn, book, states, settings, {}));
        };
    if (!m_session->setSource(projectFile, std::move(audit), std::move(prepare))) {
        showSession();
        return;
    }
    // The labels are read off the GUI thread; showSession() follows with them. The same rows
    // stay on screen, answerable, meanwhile (with their states again for the Pairs view, which
    // dropped them with its old index); other rows are not shown.
    if (sameRows) {
        emit reviewStatesChanged(m_session->states());
    } else {
        m_work->hide();
        m_empty->show();
        m_empty->setText(tr("Reading the reviews…"));
        m_detail->setIndex(nullptr, -1);
        rebuildQueue();
    }
}

void ReviewPage::showSession()
{
    const bool ok = m_session->isValid();
    m_work->setEnabled(true);
    m_work->setVisible(ok);
    m_empty->setVisible(!ok);
    m_empty->setText(m_session->errorText());
    m_detail->setIndex(ok ? m_session->index() : nullptr, m_session->keyColumn());
    m_detail->setBlindFields(m_session->blindFields());
    m_answers->setOutcomeNames(m_session->favourableLabel(), m_session->unfavourableLabel());
    std::any prepared = m_session->takePrepared();
    auto *built = std::any_cast<BuiltQueue>(&prepared);
    if (ok && built && built->settings == queueSettings())
        applyQueue(std::move(*built));
    else
        rebuildQueue();  // the settings changed while the labels were read
    if (!m_returnTo.empty())
        showFamilyKey(m_returnTo);
    m_returnTo.clear();
    showLabels();
}

void ReviewPage::setSession(AuditSession *session)
{
    session->subscribe(this, [this, session](const std::shared_ptr<const cp::SourceAudit> &audit) {
        setSource(audit ? session->projectFile() : QString(), audit);
    });
}

void ReviewPage::setFilteredFamiliesSource(std::function<std::vector<std::int32_t>()> source)
{
    m_filtered = std::move(source);
}

void ReviewPage::setReviewer(const QString &name)
{
    m_reviewer = name.simplified();
    ReviewerDialog::storeName(m_reviewer);
    updateReviewerLabel();
    onLabelsChanged();  // progress and answers are the reviewer's own
}

bool ReviewPage::isReadingReviews() const
{
    return m_session->isReading();
}

bool ReviewPage::askReviewer()
{
    ReviewerDialog dialog(m_reviewer, this);
    if (dialog.exec() != QDialog::Accepted || dialog.name().isEmpty())
        return false;
    setReviewer(dialog.name());
    return true;
}

bool ReviewPage::ensureReviewer()
{
    return !m_reviewer.isEmpty() || askReviewer();
}

void ReviewPage::updateReviewerLabel()
{
    m_reviewerLabel->setText(m_reviewer.isEmpty()
                                 ? tr("Reviewer: <i>not set</i> (asked at your first label)")
                                 : tr("Reviewer: <b>%1</b>").arg(m_reviewer.toHtmlEscaped()));
    m_changeReviewer->setText(m_reviewer.isEmpty() ? tr("Set Name…") : tr("Change…"));
}

bool ReviewPage::isBlind() const
{
    return m_blind->isChecked();
}

void ReviewPage::setBlind(bool blind)
{
    if (m_blind->isChecked() != blind)
        m_blind->setChecked(blind);  // comes back through toggled
    m_detail->setBlind(blind);
    updateBlindBanner();
    updateHistory();
}

void ReviewPage::updateBlindBanner()
{
    const bool blind = isBlind();
    m_blindBanner->setStyleSheet(QLatin1String(blind ? BlindOnStyle : BlindOffStyle));
    m_blindBanner->setText(
        blind ? tr("<b>Blind:</b> scores, outcomes and other reviewers' answers are hidden, so "
                   "that they do not sway your label.")
              : tr("<b>Not blind:</b> the model's scores and outcomes are shown and may sway "
                   "your label."));
}

void ReviewPage::showCurrent()
{
    const int family = currentFamily();
    if (m_detail->family() != family)
        m_detail->showFamily(family);
    m_itemLabel->setText(family < 0 ? tr("<i>No pair in the queue.</i>")
                                    : tr("<b>Pair %L1 of %L2</b> · family %3")
                                          .arg(m_position + 1)
                                          .arg(m_queue.size())
                                          .arg(currentFamilyKey().toHtmlEscaped()));
    m_answers->setNavigation(m_position > 0, m_position + 1 < int(m_queue.size()));
    m_answers->setPairShown(family >= 0);
    updateAnswerButtons();
    updateProgress();
    updateHistory();
}

void ReviewPage::updateAnswerButtons()
{
    m_answers->showLabel(myLabel(currentFamilyKey().toStdString()));
}

void ReviewPage::updateProgress()
{
    const int done = labelledCount();
    m_progressLabel->setText(tr("<b>%1</b>").arg(progressText().toHtmlEscaped()));
    m_progress->setRange(0, std::max<int>(1, int(m_queue.size())));
    m_progress->setValue(done);
    m_progress->setToolTip(progressText());
}

void ReviewPage::updateHistory()
{
    const std::string family = currentFamilyKey().toStdString();
    if (family.empty()) {
        m_side->clearHistory();
        return;
    }
    auto changes = m_session->history(family);
    if (!changes) {
        m_side->clearHistory();
        showStatus(qs(changes.error().toString()));
        return;
    }
    // Blind reviewers see only their own changes; an adjudicator needs everyone's.
    int hidden = 0;
    if (isBlind() && !adjudicating()) {
        const std::string me = m_reviewer.toStdString();
        auto &list = *changes;
        const auto others = std::stable_partition(list.begin(), list.end(),
                                                  [&](const cp::ReviewChange &c) {
                                                      return c.reviewer == me && !c.adjudication;
                                                  });
        hidden = int(list.end() - others);
        list.erase(others, list.end());
    }
    m_side->setHistory(qs(family), std::move(*changes), hidden, m_session->favourableLabel(),
                       m_session->unfavourableLabel());
}

void ReviewPage::onLabelsChanged()
{
    recountLabelled();
    showLabels();
}

void ReviewPage::onLabelChanged(const QString &family)
{
    recountLabelled(family.toStdString());
    showLabels();
}

void ReviewPage::showLabels()
{
    m_side->setSummary(m_session->summary());
    if (m_position >= 0) {
        updateAnswerButtons();
        updateProgress();
        updateHistory();
    }
    emit reviewStatesChanged(m_session->states());
}

bool ReviewPage::commit(const cp::ReviewLabel &key, std::optional<cp::ReviewLabel> after,
                        const QString &what)
{
    const std::optional<cp::ReviewLabel> before =
        m_session->label(key.family, key.reviewer, key.adjudication);
    cp::Result<bool> changed = after ? m_session->save(*after)
                                     : m_session->remove(key.family, key.reviewer,
                                                         key.adjudication, "local");
    if (!changed.ok() || !*changed)
        return false;
    const QString text = tr("%1 of family %2").arg(what, qs(key.family));
    m_undo->push(new ReviewLabelCommand(m_session, key, before, std::move(after), text,
                                        [this](const std::string &family) {
                                            showFamilyKey(family);
                                        }));
    showStatus(tr("Saved: %1.").arg(text));
    return true;
}

bool ReviewPage::draft(cp::ReviewLabel &key, std::optional<cp::ReviewLabel> &before)
{
    if (!m_session->canWrite()) {
        if (m_session->isReading())
            showStatus(tr("Reading the reviews; the pair can be answered in a moment."));
        return false;
    }
    if (currentFamily() < 0 || !ensureReviewer())
        return false;
    key = {};
    key.family = currentFamilyKey().toStdString();
    key.reviewer = m_reviewer.toStdString();
    key.adjudication = adjudicating();
    before = myLabel(key.family);
    return true;
}

cp::ReviewLabel ReviewPage::draftedLabel(const cp::ReviewLabel &key,
                                         const std::optional<cp::ReviewLabel> &before)
{
    cp::ReviewLabel after = before.value_or(key);
    after.updated.clear();
    after.source = "local";
    return after;
}

bool ReviewPage::answerEquivalence(cp::Equivalence answer)
{
    cp::ReviewLabel key;
    std::optional<cp::ReviewLabel> before;
    if (!draft(key, before))
        return false;
    cp::ReviewLabel after = draftedLabel(key, before);
    after.equivalence = answer;
    const bool saved = commit(key, after, tr("“%1”").arg(equivalenceWord(answer)));
    afterAnswer();
    return saved;
}

bool ReviewPage::answerExpected(cp::ExpectedOutcome answer)
{
    cp::ReviewLabel key;
    std::optional<cp::ReviewLabel> before;
    if (!draft(key, before))
        return false;
    cp::ReviewLabel after = draftedLabel(key, before);
    after.expected = answer;
    const QString name = answer == cp::ExpectedOutcome::Favourable ? m_session->favourableLabel()
                                                                   : m_session->unfavourableLabel();
    const bool saved = commit(key, after, tr("expected “%1”").arg(name));
    afterAnswer();
    return saved;
}

bool ReviewPage::setNote(const QString &note)
{
    cp::ReviewLabel key;
    std::optional<cp::ReviewLabel> before;
    if (!draft(key, before))
        return false;
    cp::ReviewLabel after = draftedLabel(key, before);
    after.note = note.trimmed().toStdString();
    const bool empty = !after.equivalence && !after.expected && after.note.empty();
    if (empty && !before)
        return false;  // nothing to say and nothing said before
    return commit(key, empty ? std::nullopt : std::optional<cp::ReviewLabel>(after),
                  empty ? tr("removed note") : tr("note"));
}

void ReviewPage::afterAnswer()
{
    if (m_autoAdvance->isChecked() && complete(myLabel(currentFamilyKey().toStdString())))
        next();
}

void ReviewPage::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    showStatus(message);
    emit errorOccurred(title, message);
    if (!m_errorDialogs)
        return;
    auto *box = new QMessageBox(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("reviewErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ReviewPage::showStatus(const QString &message)
{
    m_status->setText(message);
}

} // namespace cp::ui
