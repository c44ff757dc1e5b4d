// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "sliceintervalchart.h"

#include "auditformat.h"
#include "slicetablemodel.h"

#include <QCategoryAxis>
#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <array>

namespace cp::ui {

namespace {

constexpr std::array<int, 3> ChartColumns = {SliceTableModel::SelectionRateColumn,
                                             SliceTableModel::TprColumn,
                                             SliceTableModel::FprColumn};

const std::array<QColor, 6> Palette = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                       QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                       QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2)};

} // namespace

SliceIntervalChart::SliceIntervalChart(SliceTableModel *model, QWidget *parent)
    : QChartView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("sliceIntervalChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SliceIntervalChart::rebuild);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SliceIntervalChart::rebuild);
    rebuild();
}

void SliceIntervalChart::setAttribute(const QString &attribute)
{
    m_attribute = attribute;
    rebuild();
}

void SliceIntervalChart::setMetricColumn(int column)
{
    m_metricColumn = SliceTableModel::isRateColumn(column) ? column : -1;
    rebuild();
}

QStringList SliceIntervalChart::seriesNames() const
{
    QStringList names;
    if (chart())
        for (QAbstractSeries *series : chart()->series())
            if (qobject_cast<QScatterSeries *>(series))
                names << series->name();
    return names;
}

void SliceIntervalChart::rebuild()
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setTitle(QStringLiteral("Rates by group with Wilson 95 % intervals (reference group: "
                                   "square marker)"));
    std::vector<int> chartColumns(ChartColumns.begin(), ChartColumns.end());
    if (m_metricColumn >= 0)
        chartColumns = {m_metricColumn};
    // The rows shown: every group, or one attribute's.
    std::vector<int> shown;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_attribute.isEmpty()
            || m_model->index(row, SliceTableModel::AttributeColumn).data().toString()
                   == m_attribute)
            shown.push_back(row);

    const int rows = int(shown.size());
    const int stride = rows + 1; // one gap between metric blocks
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    x->setRange(-0.75, double(chartColumns.size()) * stride - 1.25);
    auto *y = new QValueAxis;
    y->setRange(-3, 103); // room for markers at 0 % and 100 %
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(20);
    y->setLabelFormat(QStringLiteral("%.0f %%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    for (std::size_t m = 0; m < chartColumns.size(); ++m) {
        const double end = double(m) * stride + rows - 0.25;
        x->append(format::metricName(SliceTableModel::metricForColumn(chartColumns[m])), end + 0.5);
    }

    for (int slot = 0; slot < rows; ++slot) {
        const int row = shown[std::size_t(slot)];
        const QColor color = Palette[std::size_t(slot) % Palette.size()];
        const QModelIndex groupIndex = m_model->index(row, SliceTableModel::GroupColumn);
        // The display text says "(reference)" for the reference group; the marker shape too.
        const QString group = groupIndex.data().toString();
        const bool reference = group.contains(QStringLiteral("(reference)"));
        const QString label = m_model->index(row, SliceTableModel::AttributeColumn).data().toString()
                              + QStringLiteral(" = ") + group;
        auto *points = new QScatterSeries;
        points->setName(label);
        points->setColor(color);
        points->setBorderColor(color.darker(130));
        points->setMarkerSize(reference ? 12 : 10);
        points->setMarkerShape(reference ? QScatterSeries::MarkerShapeRectangle
                                         : QScatterSeries::MarkerShapeCircle);
        for (std::size_t m = 0; m < chartColumns.size(); ++m) {
            const QModelIndex cell = m_model->index(row, chartColumns[m]);
            const QVariant value = cell.data(SliceTableModel::ValueRole);
            if (!value.isValid())
                continue; // undefined: drawn as nothing, never as 0
            const double px = double(m) * stride + slot;
            points->append(px, value.toDouble() * 100);
            auto *whisker = new QLineSeries;
            QPen pen(color, 2);
            if (cell.data(SliceTableModel::ReportOnlyRole).toBool())
                pen.setStyle(Qt::DashLine); // below minimum support: report-only
            whisker->setPen(pen);
            whisker->append(px, cell.data(SliceTableModel::CiLowRole).toDouble() * 100);
            whisker->append(px, cell.data(SliceTableModel::CiHighRole).toDouble() * 100);
            chart->addSeries(whisker);
            whisker->attachAxis(x);
            whisker->attachAxis(y);
            for (QLegendMarker *marker : chart->legend()->markers(whisker))
                marker->setVisible(false);
        }
        chart->addSeries(points);
        points->attachAxis(x);
        points->attachAxis(y);
    }
    chart->legend()->setVisible(rows > 0);

    QChart *old = this->chart();
    setChart(chart);
    delete old;
}

} // namespace cp::ui
