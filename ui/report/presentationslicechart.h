// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditspec.h>

#include <QChartView>
#include <QStringList>

#include <vector>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace cp {
struct Report;
} // namespace cp

namespace cp::ui {

/// One metric of the groups of a protected attribute (or of all of them), drawn for a
/// presentation slide: a
/// large point per group with its Wilson 95 % whisker (capped), its value written beside it,
/// and the group named under the axis, "(reference)" under the reference group, whose point is
/// a square. A slice below the contract's minimum support has a dashed whisker. A rate the
/// privacy floor withholds, or an undefined one, is drawn as nothing and named so in the axis.
class PresentationSliceChart : public QChartView
{
    Q_OBJECT

public:
    /// attribute: an index into the result's slices, titled with its name; −1: every
    /// attribute's groups on one axis.
    PresentationSliceChart(const cp::Report &report, cp::Metric metric, int attribute = -1,
                           QWidget *parent = nullptr);

    /// Fonts, markers and pens for a slide scale (1.0 at 1080 lines).
    void setScale(double scale);
    /// The axis labels, one per group, as plain text ("formal (reference)").
    QStringList groupLabels() const;
    /// The values written beside the points ("83.3 %").
    QStringList valueLabels() const;

private:
    void placeLabels();

    struct Group {
        QPointF at;                     ///< the point, in axis units
        QScatterSeries *point = nullptr;
        QLineSeries *whisker = nullptr;
        QScatterSeries *label = nullptr;
        bool reference = false;
        bool dashed = false;
    };

    QCategoryAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    std::vector<Group> m_groups;
    QStringList m_groupLabels;
    QStringList m_valueLabels;
};

} // namespace cp::ui
