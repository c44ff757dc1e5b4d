// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/report/runcomparison.h>

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace cp::ui {

/// The per-metric deltas of a run comparison, read in place: first every gap (per attribute
/// and metric), then every group's rate; a metric undefined in both runs (no expected outcome)
/// is left out, as in the HTML report. A change beyond the contract's regression threshold
/// says so in words in the Flag column (and in bold), never by colour alone; a figure under
/// the privacy floor reads "withheld".
class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        MetricColumn,
        AttributeColumn,
        GroupColumn,
        BaselineColumn,
        CandidateColumn,
        ChangeColumn,
        FlagColumn,
        ColumnCount
    };
    enum Roles {
        DeltaRole = Qt::UserRole,   ///< candidate − baseline as a double; invalid when undefined
        BeyondThresholdRole,        ///< bool
    };

    explicit ComparisonModel(QObject *parent = nullptr);

    /// Shows a comparison (nullptr clears); the model keeps it alive.
    void setComparison(std::shared_ptr<const cp::RunComparison> comparison);
    /// The delta behind a row, or nullptr (an LLM row).
    const cp::MetricDelta *deltaAt(int row) const;
    /// The LLM delta behind a row (the rows after the metric rows), or nullptr.
    const cp::LlmDelta *llmDeltaAt(int row) const;
    /// The row of a gap (empty group) or of a group's rate; −1 when there is none.
    int findRow(cp::Metric metric, const QString &attribute, const QString &group = {}) const;

    /// "+5.0 %", "−33.3 %", "0.0 %".
    static QString signedPercent(double fraction);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString flagText(const cp::MetricDelta &d) const;
    QVariant llmData(const cp::LlmDelta &d, int column, int role) const;

    std::shared_ptr<const cp::RunComparison> m_comparison;
    std::vector<const cp::MetricDelta *> m_rows;
    std::vector<const cp::LlmDelta *> m_llmRows;
};

} // namespace cp::ui
