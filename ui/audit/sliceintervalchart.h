// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QChartView>
#include <QStringList>

namespace cp::ui {

class SliceTableModel;

/// Each group's selection rate, TPR and FPR as a point with its Wilson 95 % whisker, read from
/// a SliceTableModel through its roles (ValueRole, CiLowRole, CiHighRole, ReportOnlyRole).
/// Overlapping whiskers make it plain when a gap is within the noise.
class SliceIntervalChart : public QChartView
{
    Q_OBJECT

public:
    explicit SliceIntervalChart(SliceTableModel *model, QWidget *parent = nullptr);

    /// Only this attribute's groups (empty: every attribute).
    void setAttribute(const QString &attribute);
    /// Only this rate column of the model (-1: selection rate, TPR and FPR side by side).
    void setMetricColumn(int column);
    QString attribute() const { return m_attribute; }
    int metricColumn() const { return m_metricColumn; }
    /// The series names, for tests: "gender = male (reference)" marks the reference group.
    QStringList seriesNames() const;

private:
    void rebuild();

    SliceTableModel *m_model;
    QString m_attribute;
    int m_metricColumn = -1;
};

} // namespace cp::ui
