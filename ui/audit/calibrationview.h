// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "heatmapdelegate.h"

#include <core/audit/auditresult.h>

#include <QWidget>

#include <memory>
#include <optional>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QTableView;

namespace cp::ui {

class AuditSession;

/// Calibration by slice: for one protected attribute (a combo), a grid with one row per score
/// band and one column per group. Each cell shows the observed positive rate with its Wilson
/// interval, n and the mean score. Cells below the contract's minimum calibration support are
/// hatched like report-only intersection cells and say "insufficient · n=4 < 10" instead of a
/// rate (the numbers stay in the tooltip).
///
/// The grid's model provides HeatmapDelegate's roles; ReportOnlyRole marks insufficient cells.
class CalibrationView : public QWidget
{
    Q_OBJECT

public:
    enum Roles {
        MeanScoreRole = HeatmapDelegate::FirstCustomRole, ///< invalid when the cell has no rows
        CellSizeRole,                                     ///< rows in the (band, group) cell
    };

    explicit CalibrationView(QWidget *parent = nullptr);

    /// Shows an audit's calibration cells (nullptr clears). The spec supplies the band order,
    /// the groups' declared order and the contract's minimum support; it is copied.
    void setAudit(std::shared_ptr<const cp::AuditResult> result, const cp::AuditSpec *spec);
    /// Shows the session\'s audit (its result and parsed spec) from now on.
    void setSession(AuditSession *session);

    QAbstractItemModel *model() const;
    QTableView *table() const { return m_table; }
    QComboBox *attributeCombo() const { return m_attributeCombo; }
    void setCurrentAttribute(int index);
    /// The minimum rows per (band, group) cell that the grid uses.
    std::int64_t minimumSupport() const;
    /// The text above the grid, or the empty state ("No calibration: …").
    QString summaryText() const;
    QString legendText() const;

private:
    void showAttribute(int index);
    void fitCells();
    void updateGridHeight();

    std::shared_ptr<const cp::AuditResult> m_result;
    std::optional<cp::AuditSpec> m_spec;
    class GridModel;
    GridModel *m_model;
    QWidget *m_controls;
    QComboBox *m_attributeCombo;
    QLabel *m_summary;
    QTableView *m_table;
    QWidget *m_legend;
    QLabel *m_legendText;
};

} // namespace cp::ui
