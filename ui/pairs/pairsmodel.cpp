// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "pairsmodel.h"

#include <algorithm>
#include <cmath>

namespace cp::ui {

namespace {

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool isDimensionColumn(const cp::PairsIndex &x, int column)
{
    for (const auto *dims : {&x.protectedDims, &x.strata})
        for (const cp::PairsIndex::Dimension &d : *dims)
            if (d.column == column)
                return true;
    return false;
}

} // namespace

int guessFamilyColumn(const cp::PairsIndex &x, int hint)
{
    if (!x.rows)
        return -1;
    const auto &columns = x.rows->columns();
    const int n = int(columns.size());
    if (hint >= 0 && hint < n)
        return hint;
    if (const auto it = std::find(columns.begin(), columns.end(), "family"); it != columns.end())
        return int(it - columns.begin());
    // The first column that is constant within each of the first families and differs between
    // them: the family id, whatever the spec called it.
    const std::size_t probe = std::min<std::size_t>(x.families.size(), 3);
    if (probe == 0)
        return -1;
    std::vector<std::string_view> cells;
    std::string scratch;
    std::vector<std::vector<std::string>> firstValue(probe);
    std::vector<bool> candidate(std::size_t(n), true);
    for (int c = 0; c < n; ++c)
        candidate[std::size_t(c)] = !isDimensionColumn(x, c);
    for (std::size_t f = 0; f < probe; ++f) {
        for (int v = 0; v < x.families[f].variants; ++v) {
            x.rows->cells(x.row(f, v), cells, scratch);
            if (v == 0) {
                firstValue[f].assign(cells.begin(), cells.end());
                continue;
            }
            for (int c = 0; c < n && c < int(cells.size()); ++c)
                if (cells[std::size_t(c)] != firstValue[f][std::size_t(c)])
                    candidate[std::size_t(c)] = false;
        }
    }
    for (int c = 0; c < n; ++c) {
        if (!candidate[std::size_t(c)])
            continue;
        bool distinct = true;
        for (std::size_t f = 1; f < probe && distinct; ++f)
            distinct = firstValue[f][std::size_t(c)] != firstValue[0][std::size_t(c)];
        if (distinct)
            return c;
    }
    return -1;
}

PairsModel::PairsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PairsModel::setIndex(std::shared_ptr<const cp::PairsIndex> index, int familyColumn)
{
    beginResetModel();
    m_index = std::move(index);
    m_familyColumn = m_index ? guessFamilyColumn(*m_index, familyColumn) : -1;
    m_filter = {};
    m_order = cp::PairsOrder::Table;
    m_families.clear();
    if (m_index)
        m_families = cp::filterFamilies(*m_index, m_filter, m_order);
    endResetModel();
    emit familiesChanged();
}

void PairsModel::setFilter(const cp::PairsFilter &filter)
{
    m_filter = filter;
    refilter();
}

void PairsModel::setOrder(cp::PairsOrder order)
{
    if (order == m_order)
        return;
    m_order = order;
    refilter();
}

void PairsModel::refilter()
{
    beginResetModel();
    m_families.clear();
    if (m_index)
        m_families = cp::filterFamilies(*m_index, m_filter, m_order);
    endResetModel();
    emit familiesChanged();
}

int PairsModel::familyAt(int row) const
{
    if (row < 0 || std::size_t(row) >= m_families.size())
        return -1;
    return m_families[std::size_t(row)];
}

int PairsModel::rowOfFamily(int family) const
{
    const auto it = std::find(m_families.begin(), m_families.end(), family);
    return it == m_families.end() ? -1 : int(it - m_families.begin());
}

int PairsModel::totalFamilies() const
{
    return m_index ? int(m_index->families.size()) : 0;
}

QString PairsModel::familyName(int family) const
{
    if (!m_index || family < 0 || std::size_t(family) >= m_index->families.size())
        return {};
    const std::int64_t row = m_index->row(std::size_t(family), 0);
    if (m_familyColumn < 0)
        return QString::fromStdString(m_index->rows->id(row));
    m_index->rows->cells(row, m_cells, m_scratch);
    if (std::size_t(m_familyColumn) >= m_cells.size())
        return {};
    return toQString(m_cells[std::size_t(m_familyColumn)]);
}

QString PairsModel::variantGroups(std::int64_t row) const
{
    QString out;
    for (const cp::PairsIndex::Dimension &d : m_index->protectedDims) {
        if (!out.isEmpty())
            out += QLatin1String(" / ");
        out += QString::fromStdString(d.groups[d.groupOfRow[std::size_t(row)]]);
    }
    return out;
}

QString PairsModel::outcomesText(int family) const
{
    const cp::PairsIndex::Family &f = m_index->families[std::size_t(family)];
    QString out;
    for (int v = 0; v < f.variants; ++v) {
        const std::int64_t row = m_index->row(std::size_t(family), v);
        if (v > 0)
            out += QStringLiteral(" · ");
        out += variantGroups(row) + QLatin1String(": ")
               + QString::fromStdString(m_index->outcomeLabels[m_index->outcome[std::size_t(row)]]);
    }
    return out;
}

QString PairsModel::flippedText(int family) const
{
    const cp::PairsIndex::Family &f = m_index->families[std::size_t(family)];
    if (!f.flipped)
        return QStringLiteral("—");
    if (f.refusal)
        return tr("refusal flip");
    if (f.stage >= 0 && std::size_t(f.stage) < m_index->stages.size())
        return tr("flipped · %1").arg(QString::fromStdString(m_index->stages[std::size_t(f.stage)]));
    return tr("flipped · final decision");
}

int PairsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_families.size());
}

int PairsModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return FirstStratumColumn + (m_index ? int(m_index->strata.size()) : 0) + 1;
}

QVariant PairsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int family = m_families[std::size_t(index.row())];
    const cp::PairsIndex::Family &f = m_index->families[std::size_t(family)];
    switch (role) {
    case FamilyIndexRole:
        return family;
    case FlippedRole:
        return f.flipped;
    case ScoreRangeRole:
        return double(f.scoreRange);
    case Qt::TextAlignmentRole:
        if (index.column() == VariantsColumn || index.column() == ScoreRangeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == outcomesColumn())
            return outcomesText(family);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    if (index.column() == outcomesColumn())
        return outcomesText(family);
    switch (index.column()) {
    case FamilyColumn:
        return familyName(family);
    case VariantsColumn:
        return f.variants;
    case FlippedColumn:
        return flippedText(family);
    case ScoreRangeColumn:
        return std::isnan(f.scoreRange) ? tr("undefined")
                                        : QString::number(double(f.scoreRange), 'f', 3);
    default: {
        const auto &d = m_index->strata[std::size_t(index.column() - FirstStratumColumn)];
        const std::int64_t row = m_index->row(std::size_t(family), 0);
        return QString::fromStdString(d.groups[d.groupOfRow[std::size_t(row)]]);
    }
    }
}

QVariant PairsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == outcomesColumn())
        return tr("Outcomes");
    switch (section) {
    case FamilyColumn:
        return tr("Family");
    case VariantsColumn:
        return tr("Variants");
    case FlippedColumn:
        return tr("Flipped");
    case ScoreRangeColumn:
        return tr("|Δscore|");
    default:
        return QString::fromStdString(
            m_index->strata[std::size_t(section - FirstStratumColumn)].name);
    }
}

} // namespace cp::ui
