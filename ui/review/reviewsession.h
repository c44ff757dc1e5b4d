// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>
#include <core/review/consensus.h>
#include <core/review/reviewqueue.h>
#include <core/review/reviewstore.h>
#include <core/workflow/sourceaudit.h>

#include <QObject>
#include <QString>
#include <QStringList>

#include <any>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cp {
class ProjectStore;
}

namespace cp::ui {

class BackgroundTask;

/// The reviews of one audited source, as the Reviews page works with them: the frozen table
/// the labels belong to (cp::reviewSubject), its labels with their consensus under the spec's
/// rule (a cp::ReviewBook), and each family's review state for the Pairs view's filter.
///
/// setSource() reads the labels on a pool thread (at 200,000 labels and 1,000,000 families
/// that is the better part of a second) and emits ready() on the GUI thread; until then
/// isValid() is false and isReading() true. When the rows are those already shown (a spec
/// change, reload()), the labels shown stay and take writes meanwhile (canWrite()). Writes go through cp::saveReviewLabel /
/// cp::removeReviewLabel on the session's own connection, opened on the GUI thread with
/// OpenMode::ExistingQuick; each is committed at once, before the call returns, and then
/// updates the book, the summary and the one family's state in memory (no pass over the
/// labels or the families).
class ReviewSession : public QObject
{
    Q_OBJECT

public:
    explicit ReviewSession(QObject *parent = nullptr);
    ~ReviewSession() override;

    /// Starts reading the reviews of what `audit` audited from the project file; a null audit
    /// (or an empty file) closes the session. Returns false when there is nothing to review
    /// (the spec has no family column) or the project cannot be opened, and errorText() says
    /// why; otherwise ready() follows (with false and errorText() when the reading failed).
    /// Work done with the labels on the reading's thread, before they reach the GUI thread
    /// (the Reviews page builds its first queue there); takePrepared() hands its result over.
    using Prepare = std::function<std::any(const cp::PairsIndex &index, int keyColumn,
                                           const cp::ReviewBook &book,
                                           const std::vector<std::uint8_t> *states)>;
    bool setSource(const QString &projectFile, std::shared_ptr<const cp::SourceAudit> audit,
                   Prepare prepare = {});
    /// What the last reading's Prepare returned (once; empty after that or without one).
    std::any takePrepared() { return std::exchange(m_prepared, {}); }
    bool isValid() const { return m_ready && m_store && m_index && m_keyColumn >= 0; }
    /// The labels of the current source are being read.
    bool isReading() const { return m_reading; }
    /// Labels can be saved: the source is read, or is being read again with the same rows
    /// (a spec change, a packet import) and the labels shown are still those rows'.
    bool canWrite() const
    {
        return m_store && m_index && m_keyColumn >= 0 && m_subject.tableId > 0
               && (m_ready || m_reading);
    }
    /// Blocks until the labels are read and ready() has been emitted (tests, shutdown).
    void waitForReady();
    QString errorText() const { return m_error; }

    QString projectFile() const { return m_projectFile; }
    const std::shared_ptr<const cp::SourceAudit> &sourceAudit() const { return m_audit; }
    const std::shared_ptr<const cp::PairsIndex> &index() const { return m_index; }
    const cp::AuditSpec &spec() const { return m_spec; }
    const cp::ReviewSubject &subject() const { return m_subject; }
    int keyColumn() const { return m_keyColumn; }
    cp::ProjectStore *store() const { return m_store.get(); }

    /// The spec's names for the outcomes ("auto_serve", "human_review").
    QString favourableLabel() const;
    QString unfavourableLabel() const;
    /// The fields a blind reviewer must not see: the model's score and label, the stages, the
    /// recorded expected outcome, and a scoring run's result columns.
    QStringList blindFields() const;

    /// A family's key (the family column's value) and back; −1 for an unknown key.
    std::string familyKey(int family) const;
    int familyOfKey(const std::string &key) const;

    /// The labels with their consensus.
    const cp::ReviewBook &book() const { return m_book; }
    /// Every label (a copy, by family key), for tests and exports.
    std::vector<cp::ReviewLabel> labels() const { return m_book.labels(); }
    /// Counts, reviewers and agreement (without the per-family list: book() has the verdicts).
    const cp::ReviewSummary &summary() const { return m_summary; }
    /// A reviewer's label of a family (as a reviewer, or as an adjudicator).
    std::optional<cp::ReviewLabel> label(const std::string &family, const std::string &reviewer,
                                         bool adjudication) const;
    /// Each family's cp::ReviewState, aligned with index()->families.
    std::shared_ptr<const std::vector<std::uint8_t>> states() const { return m_states; }

    /// Saves a label of the subject (tableId is filled in); as cp::saveReviewLabel, false when
    /// nothing changed. Emits labelChanged after a change, failed on an error.
    cp::Result<bool> save(cp::ReviewLabel label);
    /// Removes a label (undo of a first answer); false when there was none.
    cp::Result<bool> remove(const std::string &family, const std::string &reviewer,
                            bool adjudication, const std::string &source);
    /// A family's history, oldest first.
    cp::Result<std::vector<cp::ReviewChange>> history(const std::string &family) const;
    /// Reads the labels again (after a packet import or a write elsewhere), on a pool thread
    /// as setSource() does for the same rows: isReading() until ready() follows.
    void reload();

signals:
    /// The labels of a new source were read (ok), or could not be (errorText() says why): the
    /// labels, summary and states are new (labelsChanged is not emitted as well).
    void ready(bool ok);
    /// Labels, summary and states changed.
    void labelsChanged();
    /// One family's labels changed (a save or a removal here); the summary and its state too.
    void labelChanged(const QString &family);
    /// A write or read failed; the message names the file and field.
    void failed(const QString &message);

private:
    struct Loaded;
    static cp::Result<Loaded> load(cp::ProjectStore &store, const cp::AuditSource &source,
                                   std::shared_ptr<const cp::PairsIndex> index, int keyColumn,
                                   cp::ConsensusRule rule);
    void take(Loaded loaded);
    /// Reads the labels on a pool thread (a reading under way is superseded).
    void startReading();
    /// Frees the labels of a source no longer shown on a pool thread (200,000 of them take
    /// 20 ms to free).
    void discardBook();
    /// After a write: the stored label of that key into the book, and its family's state.
    cp::Status refreshLabel(const std::string &family, const std::string &reviewer,
                            bool adjudication);

    QString m_projectFile;
    QString m_error;
    std::shared_ptr<const cp::SourceAudit> m_audit;
    std::shared_ptr<const cp::PairsIndex> m_index;
    std::unique_ptr<cp::ProjectStore> m_store;
    cp::AuditSpec m_spec;
    cp::ReviewSubject m_subject;
    int m_keyColumn = -1;
    bool m_ready = false;
    bool m_reading = false;
    cp::FamilyKeyIndex m_keys;
    cp::ReviewBook m_book;
    cp::ReviewSummary m_summary;
    std::shared_ptr<const std::vector<std::uint8_t>> m_states;
    struct LabelKey
    {
        std::string family;
        std::string reviewer;
        bool adjudication = false;
    };
    std::vector<LabelKey> m_writtenWhileReading;
    Prepare m_prepare;
    std::any m_prepared;
    BackgroundTask *m_task;
};

} // namespace cp::ui
