// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/pairsindex.h>

#include <QAbstractTableModel>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cp::ui {

/// One row per family of a PairsIndex that passes the current PairsFilter, in the current
/// PairsOrder. The model holds only the filtered list of family indices (4 bytes a family);
/// data() reads the index in place and splits a row's CSV cells only for the family column, so
/// a list of 1,000,000 families scrolls like a list of ten. Filtering and ordering are
/// cp::filterFamilies calls: the model adds no metric logic.
///
/// Columns: Family, Variants, Flipped ("flipped · <stage>" or "—"), |Δscore| (3 decimals,
/// "undefined" without scores), one column per stratum with the family's group, and last the
/// Outcomes ("female: reject · male: advance"), which takes the width that is left.
class PairsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// Fixed columns; then one per stratum; then Outcomes, the widest, last (outcomesColumn()).
    enum Column { FamilyColumn, VariantsColumn, FlippedColumn, ScoreRangeColumn,
                  FirstStratumColumn };
    enum Roles {
        FamilyIndexRole = Qt::UserRole, ///< int: the family's index into PairsIndex::families
        FlippedRole,                    ///< bool
        ScoreRangeRole,                 ///< double, NaN when undefined
    };

    explicit PairsModel(QObject *parent = nullptr);

    /// Shows every family of `index` (filter and order reset). `familyColumn` is the column of
    /// rows->columns() holding the family id (the spec's family column); −1 guesses it: a column
    /// named "family", else the first column constant within the first families and different
    /// between them, else the row id.
    void setIndex(std::shared_ptr<const cp::PairsIndex> index, int familyColumn = -1);
    const std::shared_ptr<const cp::PairsIndex> &pairsIndex() const { return m_index; }
    int familyColumn() const { return m_familyColumn; }
    int outcomesColumn() const { return columnCount() - 1; }

    void setFilter(const cp::PairsFilter &filter);
    const cp::PairsFilter &filter() const { return m_filter; }
    void setOrder(cp::PairsOrder order);
    cp::PairsOrder order() const { return m_order; }

    /// The families listed (indices into PairsIndex::families), in row order.
    const std::vector<std::int32_t> &families() const { return m_families; }
    /// The family (index into PairsIndex::families) shown at `row`, or −1.
    int familyAt(int row) const;
    /// The row showing `family`, or −1 when it is filtered out (a linear scan).
    int rowOfFamily(int family) const;
    /// Every family of the index, filtered or not.
    int totalFamilies() const;
    /// The family's id as the table spells it.
    QString familyName(int family) const;
    /// "female: reject · male: advance": each variant's groups and outcome.
    QString outcomesText(int family) const;
    /// "flipped · evidence", "flipped" or "—".
    QString flippedText(int family) const;
    /// The name of a variant: its protected groups ("female", "female / young").
    QString variantGroups(std::int64_t row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    /// The filtered list changed (filter, order or index).
    void familiesChanged();

private:
    void refilter();

    std::shared_ptr<const cp::PairsIndex> m_index;
    int m_familyColumn = -1;
    cp::PairsFilter m_filter;
    cp::PairsOrder m_order = cp::PairsOrder::Table;
    std::vector<std::int32_t> m_families;  ///< row → family
    // Reused by data() so that splitting a row allocates nothing once warm.
    mutable std::vector<std::string_view> m_cells;
    mutable std::string m_scratch;
};

/// The family column of an index's rows: `hint` when valid, else a guess (see
/// PairsModel::setIndex); −1 when nothing fits (the row id is then used).
int guessFamilyColumn(const cp::PairsIndex &index, int hint = -1);

} // namespace cp::ui
