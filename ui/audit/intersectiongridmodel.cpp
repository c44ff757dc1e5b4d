// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "intersectiongridmodel.h"

#include "auditformat.h"

#include <core/audit/auditspec.h>
#include <core/audit/metricrules.h>

#include <algorithm>

namespace cp::ui {

using namespace format;

namespace {

std::string joinKey(const std::vector<std::string> &key)
{
    std::string joined;
    for (const std::string &part : key) {
        joined += part;
        joined += '\x1f'; // unit separator: cannot clash with a group name read from a table
    }
    return joined;
}

/// "[61.2, 81.3]": the Wilson interval in percent, as the CLI prints it.
QString interval(const cp::Proportion &p)
{
    const auto ci = *p.ci();
    return QStringLiteral("[%1, %2]")
        .arg(QString::number(ci.low * 100, 'f', 1), QString::number(ci.high * 100, 'f', 1));
}

QString populationName(cp::Population p)
{
    switch (p) {
    case cp::Population::All: return QStringLiteral("all rows");
    case cp::Population::Positives: return QStringLiteral("positive rows");
    case cp::Population::Negatives: return QStringLiteral("negative rows");
    }
    return {};
}

} // namespace

IntersectionGridModel::IntersectionGridModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void IntersectionGridModel::setIntersection(std::shared_ptr<const cp::AuditResult> result,
                                            int index, const cp::AuditSpec *spec)
{
    beginResetModel();
    m_result = std::move(result);
    m_intersection = nullptr;
    m_groups.clear();
    m_cellByKey.clear();
    m_facets.clear();
    m_grid.clear();
    m_rowDimension = m_columnDimension = -1;
    if (m_result && index >= 0 && index < int(m_result->intersections.size()))
        m_intersection = &m_result->intersections[std::size_t(index)];

    if (m_intersection) {
        const cp::Intersection &x = *m_intersection;
        const std::size_t dims = x.dimensions.size();
        m_groups.resize(dims);
        for (std::size_t d = 0; d < dims; ++d) {
            // Declared order first (only groups that have cells), then the table's order.
            std::vector<std::string> found;
            for (const cp::IntersectionCell &cell : x.cells)
                if (d < cell.key.size()
                    && std::find(found.begin(), found.end(), cell.key[d]) == found.end())
                    found.push_back(cell.key[d]);
            const cp::AttributeSpec *declared = spec ? spec->dimension(x.dimensions[d]) : nullptr;
            if (declared)
                for (const std::string &g : declared->groups)
                    if (std::find(found.begin(), found.end(), g) != found.end())
                        m_groups[d].push_back(g);
            for (const std::string &g : found)
                if (std::find(m_groups[d].begin(), m_groups[d].end(), g) == m_groups[d].end())
                    m_groups[d].push_back(g);
        }
        for (std::size_t c = 0; c < x.cells.size(); ++c)
            if (x.cells[c].key.size() == dims)
                m_cellByKey.emplace(joinKey(x.cells[c].key), c);
        m_facets.assign(dims, 0);
        m_rowDimension = dims > 0 ? 0 : -1;
        m_columnDimension = dims > 1 ? 1 : -1;

        const std::vector<cp::Metric> offered = metricsFor(x.population);
        if (std::find(offered.begin(), offered.end(), m_metric) == offered.end())
            m_metric = offered.front();
    }
    rebuildGrid();
    endResetModel();
}

const cp::Intersection *IntersectionGridModel::intersection() const
{
    return m_intersection;
}

std::vector<cp::Metric> IntersectionGridModel::metricsFor(cp::Population population)
{
    return cp::metricsForPopulation(population);
}

std::vector<cp::Metric> IntersectionGridModel::metrics() const
{
    return m_intersection ? metricsFor(m_intersection->population) : std::vector<cp::Metric>{};
}

bool IntersectionGridModel::setMetric(cp::Metric metric)
{
    const std::vector<cp::Metric> offered = metrics();
    if (std::find(offered.begin(), offered.end(), metric) == offered.end())
        return false;
    if (metric == m_metric)
        return true;
    m_metric = metric;
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    return true;
}

QString IntersectionGridModel::dimensionName(int dimension) const
{
    if (!m_intersection || dimension < 0 || dimension >= dimensionCount())
        return {};
    return qs(m_intersection->dimensions[std::size_t(dimension)]);
}

QStringList IntersectionGridModel::groups(int dimension) const
{
    QStringList out;
    if (dimension >= 0 && dimension < dimensionCount())
        for (const std::string &g : m_groups[std::size_t(dimension)])
            out << qs(g);
    return out;
}

bool IntersectionGridModel::setAxes(int rowDimension, int columnDimension)
{
    const int dims = dimensionCount();
    if (rowDimension < 0 || rowDimension >= dims || columnDimension < 0
        || columnDimension >= dims || rowDimension == columnDimension)
        return false;
    if (rowDimension == m_rowDimension && columnDimension == m_columnDimension)
        return true;
    beginResetModel();
    m_rowDimension = rowDimension;
    m_columnDimension = columnDimension;
    rebuildGrid();
    endResetModel();
    return true;
}

std::vector<int> IntersectionGridModel::facetDimensions() const
{
    std::vector<int> out;
    for (int d = 0; d < dimensionCount(); ++d)
        if (d != m_rowDimension && d != m_columnDimension)
            out.push_back(d);
    return out;
}

bool IntersectionGridModel::setFacet(int dimension, int group)
{
    if (dimension < 0 || dimension >= dimensionCount() || dimension == m_rowDimension
        || dimension == m_columnDimension || group < 0
        || group >= int(m_groups[std::size_t(dimension)].size()))
        return false;
    if (m_facets[std::size_t(dimension)] == group)
        return true;
    m_facets[std::size_t(dimension)] = group;
    rebuildGrid();
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    return true;
}

int IntersectionGridModel::facet(int dimension) const
{
    return dimension >= 0 && dimension < dimensionCount() ? m_facets[std::size_t(dimension)] : -1;
}

void IntersectionGridModel::rebuildGrid()
{
    m_grid.clear();
    if (!m_intersection || m_rowDimension < 0)
        return;
    const int rows = rowCount();
    const int columns = columnCount();
    std::vector<std::string> key(m_groups.size());
    for (std::size_t d = 0; d < m_groups.size(); ++d)
        if (!m_groups[d].empty())
            key[d] = m_groups[d][std::size_t(m_facets[d])];
    m_grid.assign(std::size_t(rows) * std::size_t(columns), -1);
    for (int r = 0; r < rows; ++r) {
        key[std::size_t(m_rowDimension)] = m_groups[std::size_t(m_rowDimension)][std::size_t(r)];
        for (int c = 0; c < columns; ++c) {
            if (m_columnDimension >= 0)
                key[std::size_t(m_columnDimension)] =
                    m_groups[std::size_t(m_columnDimension)][std::size_t(c)];
            const auto it = m_cellByKey.find(joinKey(key));
            if (it != m_cellByKey.end())
                m_grid[std::size_t(r) * std::size_t(columns) + std::size_t(c)] = int(it->second);
        }
    }
}

const cp::Proportion *IntersectionGridModel::proportion(const cp::IntersectionCell &cell,
                                                       cp::Metric metric)
{
    return &cell.rate(metric);
}

const cp::IntersectionCell *IntersectionGridModel::cellAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount()
        || index.column() >= columnCount())
        return nullptr;
    const int c = m_grid[std::size_t(index.row()) * std::size_t(columnCount())
                         + std::size_t(index.column())];
    return c < 0 ? nullptr : &m_intersection->cells[std::size_t(c)];
}

QStringList IntersectionGridModel::keyAt(const QModelIndex &index) const
{
    QStringList key;
    if (const cp::IntersectionCell *cell = cellAt(index))
        for (const std::string &g : cell->key)
            key << qs(g);
    return key;
}

int IntersectionGridModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_rowDimension < 0)
        return 0;
    return int(m_groups[std::size_t(m_rowDimension)].size());
}

int IntersectionGridModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_rowDimension < 0)
        return 0;
    return m_columnDimension < 0 ? 1 : int(m_groups[std::size_t(m_columnDimension)].size());
}

QString IntersectionGridModel::populationRows() const
{
    return m_intersection ? populationName(m_intersection->population) : QString();
}

QString IntersectionGridModel::cellText(const cp::IntersectionCell &cell) const
{
    const cp::Proportion &p = *proportion(cell, m_metric);
    QStringList lines;
    if (p.defined())
        lines << percent(*p.value()) << interval(p);
    else
        lines << QStringLiteral("undefined (n = 0)");
    if (cell.status == cp::CellStatus::ReportOnly)
        lines << QStringLiteral("report-only · n=%1 < %2")
                     .arg(integer(cell.n), integer(m_intersection->minSupport));
    else if (!p.defined())
        lines << QStringLiteral("(cell: %1 rows)").arg(integer(cell.n));
    else
        lines << (p.n == cell.n ? QStringLiteral("n = %1").arg(integer(p.n))
                                : QStringLiteral("n = %1 of %2").arg(integer(p.n), integer(cell.n)));
    return lines.join(QLatin1Char('\n'));
}

QString IntersectionGridModel::cellToolTip(const cp::IntersectionCell &cell) const
{
    const cp::Intersection &x = *m_intersection;
    QStringList where;
    for (std::size_t d = 0; d < cell.key.size() && d < x.dimensions.size(); ++d)
        where << qs(x.dimensions[d]) + QStringLiteral(" = ") + qs(cell.key[d]);
    const cp::Proportion &p = *proportion(cell, m_metric);
    QString tip = QStringLiteral("%1 (%2)\n%3: %4\n%5\nCell: %6 rows · %7 positives · "
                                 "%8 negatives")
                      .arg(where.join(QStringLiteral(", ")), populationRows(),
                           metricName(m_metric), rate(p),
                           rateToolTip(p, qs(cp::metricMeaning(m_metric))),
                           integer(cell.n), integer(cell.positives), integer(cell.negatives));
    if (cell.status == cp::CellStatus::ReportOnly)
        tip += QStringLiteral("\nReport-only: %1 rows, fewer than the contract's minimum of %2 "
                              "per cell — shown, never used for a decision.")
                   .arg(integer(cell.n), integer(x.minSupport));
    return tip;
}

QVariant IntersectionGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const cp::IntersectionCell *cell = cellAt(index);
    if (!cell) {
        if (role == Qt::DisplayRole)
            return QStringLiteral("no cell");
        return {};
    }
    const cp::Proportion &p = *proportion(*cell, m_metric);
    const bool reportOnly = cell->status == cp::CellStatus::ReportOnly;
    switch (role) {
    case Qt::DisplayRole:
        return cellText(*cell);
    case Qt::ToolTipRole:
        return cellToolTip(*cell);
    case Qt::AccessibleTextRole:
        return cellText(*cell).replace(QLatin1Char('\n'), QStringLiteral(", "));
    case Qt::AccessibleDescriptionRole:
        return cellToolTip(*cell).replace(QLatin1Char('\n'), QStringLiteral(". "));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole:
        // For views without the heatmap delegate: the scale colour, or a hatch when report-only.
        if (reportOnly)
            return QBrush(QColor(0xb4, 0xb4, 0xb4), Qt::BDiagPattern);
        return p.defined() ? QVariant(QBrush(HeatmapDelegate::scaleColour(*p.value())))
                           : QVariant();
    case Qt::ForegroundRole:
        if (reportOnly || !p.defined())
            return QBrush(QColor(0x44, 0x44, 0x44));
        return QBrush(HeatmapDelegate::textColour(HeatmapDelegate::scaleColour(*p.value())));
    case SupportRole:
        return QVariant::fromValue<qlonglong>(p.n);
    case ValueRole:
        return p.value() ? QVariant(*p.value()) : QVariant();
    case CiLowRole:
        return p.defined() ? QVariant(p.ci()->low) : QVariant();
    case CiHighRole:
        return p.defined() ? QVariant(p.ci()->high) : QVariant();
    case ReportOnlyRole:
        return reportOnly;
    case CellSizeRole:
        return QVariant::fromValue<qlonglong>(cell->n);
    case KeyRole:
        return keyAt(index);
    default:
        return {};
    }
}

QVariant IntersectionGridModel::headerData(int section, Qt::Orientation orientation,
                                           int role) const
{
    const int dimension = orientation == Qt::Horizontal ? m_columnDimension : m_rowDimension;
    const int count = orientation == Qt::Horizontal ? columnCount() : rowCount();
    if (section < 0 || section >= count)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (dimension < 0) { // a one-dimensional intersection has one unnamed column
        if (role == Qt::DisplayRole)
            return metricName(m_metric);
        return {};
    }
    const QString name = dimensionName(dimension);
    const QString group = qs(m_groups[std::size_t(dimension)][std::size_t(section)]);
    switch (role) {
    case Qt::DisplayRole:
        return name + QStringLiteral(" = ") + group;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 rows whose %2 is %3").arg(populationRows(), name, group);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    default:
        return QAbstractTableModel::headerData(section, orientation, role);
    }
}

} // namespace cp::ui
