// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "fliplistmodel.h"

#include "auditformat.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <numeric>
#include <string_view>

namespace cp::ui {

using namespace format;

FlipListModel::FlipListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void FlipListModel::setResult(std::shared_ptr<const cp::AuditResult> result,
                              std::shared_ptr<const cp::FlipListing> listing)
{
    beginResetModel();
    m_result = std::move(result);
    m_variants.clear();
    m_variantNames.clear();
    m_order.clear();
    if (m_result) {
        if (listing && listing->byScoreRange.size() == m_result->flips.size()) {
            m_variants = listing->variants;
            m_order = listing->byScoreRange;
        } else {
            m_variants = cp::flipVariants(*m_result);
            m_order.resize(m_result->flips.size());
            std::iota(m_order.begin(), m_order.end(), std::uint32_t(0));
        }
        for (const std::string &v : m_variants)
            m_variantNames.push_back(qs(v));
    }
    endResetModel();
}

const cp::Flip *FlipListModel::flipAt(int row) const
{
    if (row < 0 || row >= int(m_order.size()))
        return nullptr;
    return &m_result->flips[m_order[std::size_t(row)]];
}

const std::string *FlipListModel::outcomeOf(const cp::Flip &flip, std::size_t variant) const
{
    // Core lists outcomes in variant order, so the first probe almost always hits.
    if (variant < flip.outcomes.size() && flip.outcomes[variant].first == m_variants[variant])
        return &flip.outcomes[variant].second;
    for (const auto &[label, outcome] : flip.outcomes)
        if (label == m_variants[variant])
            return &outcome;
    return nullptr;
}

int FlipListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int FlipListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 3 + int(m_variants.size());
}

QVariant FlipListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const cp::Flip &flip = m_result->flips[m_order[std::size_t(index.row())]];
    const int column = index.column();
    if (role == FirstRowRole)
        return QVariant::fromValue<qlonglong>(flip.firstRow);

    if (column == familyColumn()) {
        if (role == Qt::DisplayRole || role == ValueRole)
            return qs(flip.family);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("Family %1, first row %2").arg(qs(flip.family)).arg(flip.firstRow + 1);
        return {};
    }
    if (column == stageColumn()) {
        if (role == Qt::DisplayRole || role == ValueRole)
            return qs(flip.stage);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("The first pipeline stage whose value diverges across the "
                                  "variants");
        return {};
    }
    if (column == scoreRangeColumn()) {
        if (role == Qt::DisplayRole)
            return flip.scoreRange ? QString::number(*flip.scoreRange, 'f', 3)
                                   : QStringLiteral("undefined");
        if (role == ValueRole)
            return flip.scoreRange ? QVariant(*flip.scoreRange) : QVariant();
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("Highest minus lowest score across the family's variants");
        return {};
    }

    const std::string *outcome = outcomeOf(flip, std::size_t(column - firstVariantColumn()));
    const bool favourable = outcome && *outcome == m_result->favourableLabel;
    switch (role) {
    case Qt::DisplayRole:
    case ValueRole:
        return outcome ? qs(*outcome) : QStringLiteral("—");
    case FavourableRole:
        return favourable;
    case Qt::ForegroundRole:
        return favourable ? QBrush(QColor(0x1e, 0x7b, 0x34)) : QBrush(QColor(0xb3, 0x26, 0x1e));
    case Qt::ToolTipRole:
        return outcome ? QStringLiteral("%1: %2 (%3)")
                             .arg(m_variantNames[column - firstVariantColumn()], qs(*outcome),
                                  favourable ? QStringLiteral("favourable")
                                             : QStringLiteral("not favourable"))
                       : QStringLiteral("This variant is missing from the family");
    default:
        return {};
    }
}

QVariant FlipListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        if (section == familyColumn())
            return QStringLiteral("Family");
        if (section == stageColumn())
            return QStringLiteral("Stage");
        if (section == scoreRangeColumn())
            return QStringLiteral("Score range");
        return m_variantNames[section - firstVariantColumn()];
    }
    if (role == Qt::ToolTipRole && section >= firstVariantColumn() && section < stageColumn())
        return QStringLiteral("Outcome of the %1 variant").arg(m_variantNames[section - 1]);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void FlipListModel::sort(int column, Qt::SortOrder order)
{
    if (!m_result || column < 0 || column >= columnCount())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::uint32_t> flipsBefore;
    flipsBefore.reserve(std::size_t(before.size()));
    for (const QModelIndex &i : before)
        flipsBefore.push_back(m_order[std::size_t(i.row())]);

    // The keys are copied out first and sorted as (key, position) pairs: comparing flips in
    // place (a cache miss each, 125,000 of them at 1,000,000 families) blocked the event loop
    // for 50-120 ms when an audit arrived. Ties keep their order, as a stable sort would.
    const auto &flips = m_result->flips;
    const bool descending = order == Qt::DescendingOrder;
    const auto sortBy = [&](auto key) {
        using Key = decltype(key(flips.front()));
        std::vector<std::pair<Key, std::uint32_t>> keyed;
        keyed.reserve(m_order.size());
        for (std::size_t i = 0; i < m_order.size(); ++i)
            keyed.emplace_back(key(flips[m_order[i]]), std::uint32_t(i));
        std::sort(keyed.begin(), keyed.end(), [descending](const auto &a, const auto &b) {
            if (a.first != b.first)
                return descending ? b.first < a.first : a.first < b.first;
            return a.second < b.second;
        });
        std::vector<std::uint32_t> sorted(m_order.size());
        for (std::size_t i = 0; i < keyed.size(); ++i)
            sorted[i] = m_order[keyed[i].second];
        m_order.swap(sorted);
    };
    if (flips.empty()) {
        // nothing to order
    } else if (column == familyColumn()) {
        sortBy([](const cp::Flip &f) { return std::string_view(f.family); });
    } else if (column == stageColumn()) {
        sortBy([](const cp::Flip &f) { return std::string_view(f.stage); });
    } else if (column == scoreRangeColumn()) {  // undefined ranges sort first
        sortBy([](const cp::Flip &f) { return f.scoreRange.value_or(-1); });
    } else {
        const std::size_t v = std::size_t(column - firstVariantColumn());
        sortBy([this, v](const cp::Flip &f) {
            const std::string *o = outcomeOf(f, v);
            return o ? std::string_view(*o) : std::string_view();
        });
    }

    // Persistent indexes follow their flips; with few of them (a selection) this stays cheap.
    if (!before.isEmpty()) {
        std::vector<std::uint32_t> rowOf(m_order.size());
        for (std::size_t r = 0; r < m_order.size(); ++r)
            rowOf[m_order[r]] = std::uint32_t(r);
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i)
            after.push_back(index(int(rowOf[flipsBefore[std::size_t(i)]]), before[i].column()));
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace cp::ui
