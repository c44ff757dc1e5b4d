// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/review/consensus.h>
#include <core/review/reviewstore.h>
#include <core/workflow/sourceaudit.h>

#include <QString>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QAbstractButton;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QUndoStack;

namespace cp::ui {

class AuditSession;
class BackgroundTask;
class FamilyDetailView;
class ReviewAnswerPanel;
class ReviewSession;
class ReviewSidePanel;

/// Review mode: reviewers label matched pairs, one at a time, keyboard first.
///
/// The queue is the flipped families first, then a stratified random sample (size and seed
/// set here; cp::buildReviewQueue), or the families the Pairs view's filters let through, or
/// the adjudication queue (disputed families, whose labels are saved as an adjudicator's).
/// Each pair is shown side by side with its differences marked (FamilyDetailView); blind mode,
/// on by default, hides every score and outcome on the page and other reviewers' answers.
/// The answers (equivalent / not equivalent / unsure, the expected outcome, a note) are saved
/// through cp::saveReviewLabel the moment they are given, and each can be undone (a
/// ReviewLabelCommand on undoStack()). Beside the pair: its history, the consensus counts and
/// the agreement figures (ReviewSidePanel).
///
/// Keys: E / N / U equivalence, F / R expected outcome (favourable / unfavourable), T note
/// (Enter saves it, Esc leaves it), → or J next, ← or K previous, Ctrl+Z undo, Ctrl+Shift+Z
/// redo. After an answer, the page moves to the next pair once this one is complete: both
/// questions answered, or "not equivalent" given (such a pair is excluded from the audit and
/// needs no expected outcome).
class ReviewPage : public QWidget
{
    Q_OBJECT

public:
    enum class QueueMode { FlipsThenSample, PairsFilter, Adjudication };

    explicit ReviewPage(QWidget *parent = nullptr);
    ~ReviewPage() override;

    /// Reviews what `audit` audited (its frozen table) in the project file; null clears. The
    /// labels are read off the GUI thread (isReadingReviews()); then the queue is built again
    /// with the current settings.
    void setSource(const QString &projectFile, std::shared_ptr<const cp::SourceAudit> audit);
    /// Reviews the session's audit from now on, whenever it changes.
    void setSession(AuditSession *session);
    /// Where "the Pairs view's filter" comes from: the filtered families, in list order.
    void setFilteredFamiliesSource(std::function<std::vector<std::int32_t>()> source);
    /// Inside the main window, Edit › Undo / Redo (a QUndoGroup) serve the page's stack: the
    /// page's own Ctrl+Z / Ctrl+Shift+Z would be ambiguous there, so they can be switched off.
    void setUndoShortcutsEnabled(bool enabled);
    /// Error message boxes (non-blocking); off for headless runs. Errors are emitted anyway.
    void setErrorDialogsEnabled(bool enabled) { m_errorDialogs = enabled; }

    QUndoStack *undoStack() const { return m_undo; }
    ReviewSession *session() const { return m_session; }
    bool isReadingReviews() const;

    /// The reviewer's name (settings "Review/Reviewer"); empty until asked.
    QString reviewer() const { return m_reviewer; }
    /// Sets and stores the name (it stays for the next session).
    void setReviewer(const QString &name);
    /// Shows the name dialog (modal); false when cancelled.
    bool askReviewer();

    bool isBlind() const;
    void setBlind(bool blind);
    QueueMode queueMode() const;
    void setQueueMode(QueueMode mode);
    /// Builds the queue again from the current mode, sample size and seed.
    void rebuildQueue();
    const std::vector<std::int32_t> &queue() const { return m_queue; }
    int position() const { return m_position; }
    /// The family under review (index into the pairs index), or −1.
    int currentFamily() const;
    QString currentFamilyKey() const;
    /// Queue pairs that have the reviewer's label (in the current role).
    int labelledCount() const { return m_labelled; }
    /// "12 of 40 labelled".
    QString progressText() const;

    void goTo(int position);
    void next();
    void previous();
    /// Answers for the current pair; each saves at once. False when nothing was saved.
    bool answerEquivalence(cp::Equivalence answer);
    bool answerExpected(cp::ExpectedOutcome answer);
    bool setNote(const QString &note);

    /// Writes the queue's pairs as a review packet (blind: fields only). False on error.
    bool exportPacket(const QString &path);
    /// Starts importing a packet's labels on a pool thread, on a connection of its own (a
    /// packet of thousands of pairs is read, checked and written in one transaction while the
    /// page keeps taking answers). False when it cannot start (no project, or an import under
    /// way); otherwise packetImported() follows, after an error is shown naming the file and
    /// the field, or after the labels are read again when some changed.
    bool importPacket(const QString &path);
    /// A packet is being imported (the Import button is disabled meanwhile).
    bool isImportingPacket() const;
    /// Blocks until the import under way has reported (tests, shutdown).
    void waitForImport();

    FamilyDetailView *detailView() const { return m_detail; }
    ReviewSidePanel *sidePanel() const { return m_side; }
    QCheckBox *blindBox() const { return m_blind; }
    QCheckBox *autoAdvanceBox() const { return m_autoAdvance; }
    QComboBox *queueCombo() const { return m_queueMode; }
    QSpinBox *sampleSpin() const { return m_sample; }
    QSpinBox *seedSpin() const { return m_seed; }
    ReviewAnswerPanel *answerPanel() const { return m_answers; }
    QLabel *progressLabel() const { return m_progressLabel; }
    QLabel *reviewerLabel() const { return m_reviewerLabel; }
    QLabel *statusLabel() const { return m_status; }
    QString lastError() const { return m_lastError; }

signals:
    /// The families' review states changed (labels saved, undone, imported, or a new source).
    void reviewStatesChanged(std::shared_ptr<const std::vector<std::uint8_t>> states);
    void errorOccurred(const QString &title, const QString &message);
    /// An import started by importPacket() ended: its labels are in the project (ok), or it
    /// was refused and errorOccurred() said why.
    void packetImported(bool ok);

private:
    /// What the queue is built from, besides the labels.
    struct QueueSettings
    {
        QueueMode mode = QueueMode::FlipsThenSample;
        std::int64_t sample = 0;
        std::uint64_t seed = 1;
        std::string reviewer;
        bool operator==(const QueueSettings &) const = default;
    };
    /// A queue with its keys and which pairs have the reviewer's label.
    struct BuiltQueue
    {
        QueueSettings settings;
        std::vector<std::int32_t> families;
        std::vector<std::string> keys;
        std::vector<std::uint8_t> mine;
        int labelled = 0;
    };
    QueueSettings queueSettings() const;
    /// Builds a queue from read-only data, on any thread: the reading of the reviews builds
    /// the first one with the labels (at 1,000,000 families it takes 60 ms). filtered is the
    /// Pairs view's list, for that mode.
    static BuiltQueue buildQueue(const cp::PairsIndex &index, int keyColumn,
                                 const cp::ReviewBook &book,
                                 const std::vector<std::uint8_t> *states,
                                 const QueueSettings &settings,
                                 std::vector<std::int32_t> filtered);
    void applyQueue(BuiltQueue built);
    void createActions();
    /// The session's source as read (or refused): what to show, the queue, the pair.
    void showSession();
    void exportPacketDialog();
    void importPacketDialog();
    bool ensureReviewer();
    bool adjudicating() const;
    std::optional<cp::ReviewLabel> myLabel(const std::string &family) const;
    /// The key of this reviewer's label on the current pair and the label as it stands;
    /// false when there is no pair or no reviewer name.
    bool draft(cp::ReviewLabel &key, std::optional<cp::ReviewLabel> &before);
    /// The label to save: what stands (or a new one), stamped as a local edit of now.
    static cp::ReviewLabel draftedLabel(const cp::ReviewLabel &key,
                                        const std::optional<cp::ReviewLabel> &before);
    bool commit(const cp::ReviewLabel &key, std::optional<cp::ReviewLabel> after,
                const QString &what);
    void afterAnswer();
    void showFamilyKey(const std::string &family);
    void onLabelsChanged();
    /// One family's labels changed (a save or an undo on this page).
    void onLabelChanged(const QString &family);
    /// The side panel, answers, progress, history and the Pairs view's states, from the labels.
    void showLabels();
    void showCurrent();
    void updateAnswerButtons();
    void updateProgress();
    void recountLabelled();
    void recountLabelled(const std::string &family);
    void updateHistory();
    void updateBlindBanner();
    void updateReviewerLabel();
    void showError(const QString &title, const QString &message);
    void showStatus(const QString &message);

    ReviewSession *m_session;
    BackgroundTask *m_import;
    QPushButton *m_importButton;
    QUndoStack *m_undo;
    FamilyDetailView *m_detail;
    ReviewSidePanel *m_side;
    QSplitter *m_splitter;
    QLabel *m_reviewerLabel;
    QPushButton *m_changeReviewer;
    QComboBox *m_queueMode;
    QLabel *m_sampleLabel;
    QSpinBox *m_sample;
    QLabel *m_seedLabel;
    QSpinBox *m_seed;
    QCheckBox *m_blind;
    QCheckBox *m_autoAdvance;
    QLabel *m_blindBanner;
    QLabel *m_itemLabel;
    QLabel *m_roleBadge;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    ReviewAnswerPanel *m_answers;
    QLabel *m_status;
    QLabel *m_empty;
    QWidget *m_work;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    std::function<std::vector<std::int32_t>()> m_filtered;
    std::vector<std::int32_t> m_queue;
    std::vector<std::string> m_queueKeys;
    std::vector<std::uint8_t> m_queueMine;  ///< aligned with m_queueKeys: has the reviewer's label
    int m_position = -1;
    int m_labelled = 0;  ///< queue pairs with the reviewer's label (in the current role)
    std::string m_returnTo;  ///< the pair to show again once the reviews are read
    QString m_reviewer;
    QString m_lastError;
    bool m_errorDialogs = true;
};

} // namespace cp::ui
