// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>
#include <core/audit/fliplisting.h>

#include <QAbstractTableModel>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace cp::ui {

/// One row per flipped family, read in place from the AuditResult: family, one column per
/// variant with that variant's outcome, the first diverging stage and the score range.
/// Built for hundreds of thousands of flips: data() looks a row up through one index vector,
/// and sort() permutes that vector instead of copying flips.
class FlipListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Roles {
        ValueRole = Qt::UserRole,   ///< raw value: family text, outcome text, score range
        FavourableRole,             ///< outcome columns: true when the outcome is favourable
        FirstRowRole,               ///< the family's first row in the table (0-based)
    };

    explicit FlipListModel(QObject *parent = nullptr);

    /// The flips of result, in table order; with a listing (cp::listFlips of the same result),
    /// in its order, by score range largest first, without reading every flip here.
    void setResult(std::shared_ptr<const cp::AuditResult> result,
                   std::shared_ptr<const cp::FlipListing> listing = nullptr);

    int familyColumn() const { return 0; }
    int firstVariantColumn() const { return 1; }
    int stageColumn() const { return 1 + int(m_variants.size()); }
    int scoreRangeColumn() const { return 2 + int(m_variants.size()); }
    /// The variant labels, in the order they first occur.
    const QStringList &variants() const { return m_variantNames; }

    const cp::Flip *flipAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    const std::string *outcomeOf(const cp::Flip &flip, std::size_t variant) const;

    std::shared_ptr<const cp::AuditResult> m_result;
    std::vector<std::string> m_variants; ///< labels as core spells them
    QStringList m_variantNames;
    std::vector<std::uint32_t> m_order;  ///< row → index into m_result->flips
};

} // namespace cp::ui
