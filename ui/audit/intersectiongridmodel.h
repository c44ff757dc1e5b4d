// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "heatmapdelegate.h"

#include <core/audit/auditresult.h>

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace cp::ui {

/// One intersection of an audit as a two-dimensional grid, read in place from the AuditResult:
/// rows are the groups of one dimension, columns the groups of another, and every other
/// dimension is held at one group (a facet). Groups follow the spec's declared order when it has
/// one, then the order found in the table.
///
/// A cell's text is "72.4 %\n[61.2, 81.3]\nn = 58"; report-only cells (fewer rows than the
/// intersection's minimum support) say so in the text and through ReportOnlyRole, and undefined
/// rates read "undefined (n = 0)", never 0.
class IntersectionGridModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Roles {
        SupportRole = HeatmapDelegate::SupportRole,       ///< the metric's denominator
        ValueRole = HeatmapDelegate::ValueRole,           ///< invalid when undefined
        CiLowRole = HeatmapDelegate::CiLowRole,
        CiHighRole = HeatmapDelegate::CiHighRole,
        ReportOnlyRole = HeatmapDelegate::ReportOnlyRole, ///< the cell's status is ReportOnly
        CellSizeRole = HeatmapDelegate::FirstCustomRole,  ///< rows in the cell (its n)
        KeyRole,                                          ///< QStringList, one group per dimension
    };

    explicit IntersectionGridModel(QObject *parent = nullptr);

    /// Shows result->intersections[index] (nullptr or an index out of range clears). The spec,
    /// when given, only supplies the dimensions' declared group orders; it is not kept.
    void setIntersection(std::shared_ptr<const cp::AuditResult> result, int index,
                         const cp::AuditSpec *spec);
    const cp::Intersection *intersection() const;

    /// The metrics a population defines: all four over all rows; TPR over positives (where the
    /// selection rate is the TPR and precision is 100 %), FPR over negatives.
    static std::vector<cp::Metric> metricsFor(cp::Population population);
    /// The metrics this grid offers (metricsFor its population).
    std::vector<cp::Metric> metrics() const;
    cp::Metric metric() const { return m_metric; }
    /// Returns false (and changes nothing) when the metric is not offered.
    bool setMetric(cp::Metric metric);

    int dimensionCount() const { return int(m_groups.size()); }
    QString dimensionName(int dimension) const;
    /// A dimension's groups in display order.
    QStringList groups(int dimension) const;

    /// Picks the dimensions shown as rows and columns (they must differ); the others are facets.
    bool setAxes(int rowDimension, int columnDimension);
    int rowDimension() const { return m_rowDimension; }
    int columnDimension() const { return m_columnDimension; }
    /// The dimensions held at one group, in dimension order.
    std::vector<int> facetDimensions() const;
    /// Holds a facet dimension at group (an index into groups(dimension)).
    bool setFacet(int dimension, int group);
    int facet(int dimension) const;

    /// The cell behind an index, or nullptr (invalid index, or a combination with no cell).
    const cp::IntersectionCell *cellAt(const QModelIndex &index) const;
    QStringList keyAt(const QModelIndex &index) const;
    /// The proportion a metric reads from a cell (every cell carries every metric).
    static const cp::Proportion *proportion(const cp::IntersectionCell &cell, cp::Metric metric);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuildGrid();
    QString cellText(const cp::IntersectionCell &cell) const;
    QString cellToolTip(const cp::IntersectionCell &cell) const;
    QString populationRows() const;

    std::shared_ptr<const cp::AuditResult> m_result;
    const cp::Intersection *m_intersection = nullptr;
    std::vector<std::vector<std::string>> m_groups; ///< per dimension, display order
    std::unordered_map<std::string, std::size_t> m_cellByKey;
    std::vector<int> m_facets;                      ///< per dimension; ignored for the axes
    std::vector<int> m_grid;                        ///< row-major cell indices, −1 = no cell
    int m_rowDimension = -1;
    int m_columnDimension = -1;
    cp::Metric m_metric = cp::Metric::SelectionRate;
};

} // namespace cp::ui
