// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QTableView;

namespace cp::ui {

class AuditSession;
class IntersectionGridModel;

/// The intersections of an audit as heatmap grids. On top: which intersection, which metric
/// (only those defined for its population) and, for three or more dimensions, the row and
/// column dimensions with one combo per remaining dimension to facet on. Below the grid, a
/// legend of the colour scale and of the hatched report-only cells.
///
/// The view adds no metric logic: every number comes from the AuditResult.
class IntersectionView : public QWidget
{
    Q_OBJECT

public:
    explicit IntersectionView(QWidget *parent = nullptr);

    /// Shows an audit's intersections (nullptr clears). The spec supplies the declared group
    /// orders; it is read during the call only.
    void setAudit(std::shared_ptr<const cp::AuditResult> result, const cp::AuditSpec *spec);
    /// Shows the session\'s audit (its result and parsed spec) from now on.
    void setSession(AuditSession *session);

    IntersectionGridModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *intersectionCombo() const { return m_intersectionCombo; }
    QComboBox *metricCombo() const { return m_metricCombo; }

    int currentIntersection() const;
    void setCurrentIntersection(int index);
    cp::Metric metric() const;
    /// Returns false when the current intersection does not offer the metric.
    bool setMetric(cp::Metric metric);
    /// Row and column dimensions (indices into the intersection's dimensions).
    bool setAxes(int rowDimension, int columnDimension);
    /// Holds a facet dimension at one of its groups (an index in display order).
    bool setFacet(int dimension, int group);
    /// The text above the grid and the legend's text, for tests and screen readers.
    QString summaryText() const;
    QString legendText() const;

signals:
    /// A cell was clicked or Enter was pressed on it: its dimensions and key (one group each).
    void cellActivated(const QStringList &dimensions, const QStringList &key);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showIntersection(int index);
    void rebuildAxisControls();
    void rebuildFacetControls();
    void updateTexts();
    void fitCells();
    void updateGridHeight();
    void activate(const QModelIndex &index);

    std::shared_ptr<const cp::AuditResult> m_result;
    std::optional<cp::AuditSpec> m_spec; ///< a copy: the caller's spec may not outlive us
    IntersectionGridModel *m_model;
    QComboBox *m_intersectionCombo;
    QComboBox *m_metricCombo;
    QWidget *m_axisControls;
    QComboBox *m_rowCombo;
    QComboBox *m_columnCombo;
    QWidget *m_facetControls;
    QHBoxLayout *m_facetLayout;
    std::vector<QComboBox *> m_facetCombos;
    QLabel *m_summary;
    QTableView *m_table;
    QLabel *m_legendScale;
    QLabel *m_legendLow;
    QLabel *m_legendHigh;
    QLabel *m_legendHatch;
    QLabel *m_legendText;
    bool m_updating = false;
};

} // namespace cp::ui
