// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <QAbstractTableModel>

#include <cstdint>
#include <memory>
#include <vector>

namespace cp::ui {

/// One row per (protected attribute, group) of an audit, read in place from the AuditResult.
/// Rate cells show "60.0 % [31.3–83.2]" and expose the numbers through Roles, so a delegate or a
/// chart can draw intervals and support without parsing text.
class SliceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AttributeColumn,
        GroupColumn,
        SizeColumn,
        PositivesColumn,
        NegativesColumn,
        SelectionRateColumn, ///< the rate columns follow cp::Metric's order
        TprColumn,
        FprColumn,
        FnrColumn,
        PrecisionColumn,
        AccuracyColumn,
        MeanScoreColumn,
        ColumnCount
    };

    enum Roles {
        SupportRole = Qt::UserRole, ///< the denominator n of a rate (a count for count columns)
        ValueRole,                  ///< the number as a double; invalid when undefined
        CiLowRole,                  ///< Wilson 95 % lower bound (rate columns)
        CiHighRole,                 ///< Wilson 95 % upper bound (rate columns)
        ReportOnlyRole,             ///< true when the slice lacks the contract's minimum support
    };

    explicit SliceTableModel(QObject *parent = nullptr);

    /// Shows another audit (nullptr clears). The model keeps the result alive while it shows it.
    /// A slice the audit marked report-only (SliceRates::status) shows as such.
    void setResult(std::shared_ptr<const cp::AuditResult> result);

    static bool isRateColumn(int column);
    static cp::Metric metricForColumn(int column); ///< column must be a rate column

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The slice a row shows, or nullptr for an invalid index.
    const cp::SliceRates *sliceAt(int row) const;
    const cp::AttributeSlices *attributeAt(int row) const;

private:
    struct RowRef {
        std::uint32_t attribute;
        std::uint32_t group;
    };

    bool isReference(const RowRef &ref) const;
    QVariant rateData(const cp::AttributeSlices &attribute, const cp::SliceRates &slice,
                      int column, int role) const;

    std::shared_ptr<const cp::AuditResult> m_result;
    std::vector<RowRef> m_rows;
};

} // namespace cp::ui
