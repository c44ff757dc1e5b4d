// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/pairsindex.h>

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSplitter;
class QTableView;
class QToolButton;

namespace cp::ui {

class FamilyDetailView;
class AuditSession;
class PairsModel;

/// Every family of an audited table: a filter bar (flips only, group pair, stage, stratum,
/// minimum |Δscore|, review state, order, an intersection-cell chip) over a list of families
/// (PairsModel) on the left and the selected family side by side (FamilyDetailView) on the
/// right. The filters are a cp::PairsFilter handed to the model; the view adds no metric logic.
class PairsView : public QWidget
{
    Q_OBJECT

public:
    explicit PairsView(QWidget *parent = nullptr);

    /// Shows the families of `index` with every filter cleared. `familyColumn` is the column of
    /// the index's rows holding the family id; −1 guesses it (see PairsModel::setIndex).
    void setIndex(std::shared_ptr<const cp::PairsIndex> index, int familyColumn = -1);
    /// Shows the session's audit's families (its Pairs index, with the spec's family column)
    /// from now on, whenever it changes.
    void setSession(AuditSession *session);
    /// Restricts the list to the families with a variant in every one of these groups (an
    /// intersection cell, e.g. {"channel", "variant"} × {"chat", "formal"}); names are the
    /// protected attributes' and strata's. Shows a removable chip. Returns false, leaving the
    /// filter unchanged, when a name is unknown or the lists differ in length.
    bool setCellFilter(const QStringList &dimensions, const QStringList &groups);
    void clearCellFilter();
    /// Selects the family's row (and shows it) when it passes the filters; else shows it in
    /// the detail view with no row selected.
    void showFamily(int familyIndex);
    /// The families the filters let through (indices into the index's families), in the
    /// list's order: what Reviews queues for "the Pairs view's current filter".
    std::vector<std::int32_t> filteredFamilies() const;
    /// Each family's review state (cp::ReviewState, aligned with the index's families), for
    /// the Review filter; null clears them (every family then counts as unreviewed). Applies
    /// the filter again when it asks for a state.
    void setReviewStates(std::shared_ptr<const std::vector<std::uint8_t>> states);

    PairsModel *model() const { return m_model; }
    FamilyDetailView *detailView() const { return m_detail; }
    QTableView *tableView() const { return m_table; }
    QCheckBox *flipsOnlyBox() const { return m_flipsOnly; }
    QComboBox *groupPairCombo() const { return m_groupPair; }
    QComboBox *stageCombo() const { return m_stage; }
    /// Flip kind: any, outcome flips, refusal flips (some variants refused, others answered).
    QComboBox *flipKindCombo() const { return m_flipKind; }
    QComboBox *stratumCombo() const { return m_stratum; }
    QDoubleSpinBox *minScoreRangeSpin() const { return m_minScoreRange; }
    QComboBox *orderCombo() const { return m_order; }
    /// any / unreviewed / equivalent / not equivalent / unsure / awaiting adjudication.
    QComboBox *reviewStateCombo() const { return m_reviewState; }
    QLabel *countLabel() const { return m_count; }
    /// The cell chip: visible while a cell filter is set; clicking it removes the filter.
    QToolButton *cellChip() const { return m_cellChip; }

signals:
    /// The family shown in the detail view changed (−1: none).
    void familyShown(int familyIndex);

private:
    void rebuildFilterControls();
    void applyFilter();
    void updateCount();
    void currentRowChanged(int row);

    std::shared_ptr<const cp::PairsIndex> m_index;
    QString m_noPairs;  ///< the audit's reason for having no index, when it has none
    /// Families of the index the audit left out: reviewed as not equivalent (the audit's own
    /// count); the index lists every family of the rows.
    std::int64_t m_leftOutByReviews = 0;
    std::vector<std::pair<int, int>> m_cell;
    PairsModel *m_model = nullptr;
    FamilyDetailView *m_detail = nullptr;
    QTableView *m_table = nullptr;
    QSplitter *m_splitter = nullptr;
    QCheckBox *m_flipsOnly = nullptr;
    QComboBox *m_groupPair = nullptr;
    QLabel *m_stageLabel = nullptr;
    QComboBox *m_stage = nullptr;
    QLabel *m_flipKindLabel = nullptr;
    QComboBox *m_flipKind = nullptr;
    QLabel *m_stratumLabel = nullptr;
    QComboBox *m_stratum = nullptr;
    QDoubleSpinBox *m_minScoreRange = nullptr;
    QComboBox *m_order = nullptr;
    QComboBox *m_reviewState = nullptr;
    std::shared_ptr<const std::vector<std::uint8_t>> m_reviewStates;
    QLabel *m_count = nullptr;
    QToolButton *m_cellChip = nullptr;
    bool m_rebuilding = false;
};

} // namespace cp::ui
