// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QChartView>

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

private:
    void rebuild();

    SliceTableModel *m_model;
};

} // namespace cp::ui
