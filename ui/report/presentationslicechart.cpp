// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "presentationslicechart.h"

#include "presentationslides.h"

#include <ui/audit/auditformat.h>

#include <core/report/report.h>

#include <QCategoryAxis>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <array>

namespace cp::ui {

using format::qs;

namespace {

// Okabe–Ito: distinct for every common colour-vision deficiency (and the labels name the
// groups, so colour is never the only cue).
const std::array<QColor, 6> Palette = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00),
                                       QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
                                       QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00)};
constexpr double Cap = 0.09;        // half width of a whisker's cap, in groups
constexpr double LabelGap = 12;     // pixels between a point's marker and its value

} // namespace

PresentationSliceChart::PresentationSliceChart(const cp::Report &report, cp::Metric metric,
                                               int attribute, QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("presentationSliceChart"));
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::NoFocus);
    setFrameShape(QFrame::NoFrame);
    // The chart takes the room the text leaves; its own size hint would crowd the text out.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);

    auto *chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->legend()->setVisible(false);  // the axis names each group
    m_x = new QCategoryAxis;
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x->setGridLineVisible(false);
    m_y = new QValueAxis;
    m_y->setRange(0, 100);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(20);
    m_y->setLabelFormat(QStringLiteral("%.0f %%"));
    m_y->setTitleText(format::metricName(metric));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);

    const cp::AuditResult &r = report.result;
    std::vector<const cp::AttributeSlices *> shownAttributes;
    for (std::size_t i = 0; i < r.slices.size(); ++i)
        if (attribute < 0 || int(i) == attribute)
            shownAttributes.push_back(&r.slices[i]);
    if (attribute >= 0 && !shownAttributes.empty())
        chart->setTitle(qs(shownAttributes.front()->attribute).toHtmlEscaped());
    double x = 0;
    for (const cp::AttributeSlices *shownAttribute : shownAttributes) {
        const cp::AttributeSlices &a = *shownAttribute;
        for (std::size_t i = 0; i < a.groups.size(); ++i, x += 1) {
            const cp::SliceRates &g = a.groups[i];
            const cp::Proportion &p = g.rate(metric);
            Group shown;
            shown.reference = a.reference && *a.reference == g.group;
            QString name = qs(g.group);
            if (shownAttributes.size() > 1)
                name = qs(a.attribute) + QStringLiteral(": ") + name;
            QStringList lines{name.toHtmlEscaped()};
            if (shown.reference)
                lines << QStringLiteral("(reference)");
            const QColor colour = Palette[i % Palette.size()];
            QString value;
            if (report.floor.hides(p))
                value = QStringLiteral("withheld (%1)").arg(qs(report.floor.marker()));
            else if (!p.defined())
                value = QStringLiteral("undefined (n = 0)");
            if (!value.isEmpty()) {
                lines << value;  // nothing is drawn: say why under the axis
            } else {
                const double v = *p.value() * 100;
                const auto ci = *p.ci();
                shown.dashed = g.supportShortFor(metric);
                shown.whisker = new QLineSeries;
                shown.whisker->setColor(colour);
                // An I-beam: bottom cap, the interval, top cap.
                const double lo = ci.low * 100, hi = ci.high * 100;
                for (const QPointF &pt : {QPointF(x - Cap, lo), QPointF(x + Cap, lo),
                                          QPointF(x, lo), QPointF(x, hi), QPointF(x - Cap, hi),
                                          QPointF(x + Cap, hi)})
                    shown.whisker->append(pt);
                shown.point = new QScatterSeries;
                shown.point->setName(name);
                shown.point->setColor(colour);
                shown.point->setBorderColor(QColor(0x1a, 0x1a, 0x1a));
                shown.point->setMarkerShape(shown.reference
                                                ? QScatterSeries::MarkerShapeRectangle
                                                : QScatterSeries::MarkerShapeCircle);
                shown.point->append(x, v);
                // The value beside the point, on an invisible point of its own.
                value = format::percent(*p.value());
                shown.label = new QScatterSeries;
                shown.label->setColor(Qt::transparent);
                shown.label->setBorderColor(Qt::transparent);
                shown.at = QPointF(x, v);
                shown.label->append(x, v);  // placeLabels() moves it beside the point
                shown.label->setPointLabelsVisible(true);
                shown.label->setPointLabelsClipping(false);
                shown.label->setPointLabelsFormat(value);
                shown.label->setPointLabelsColor(QColor(0x1a, 0x1a, 0x1a));
                for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{
                         shown.whisker, shown.point, shown.label}) {
                    chart->addSeries(s);
                    s->attachAxis(m_x);
                    s->attachAxis(m_y);
                }
            }
            m_x->append(lines.join(QStringLiteral("<br>")), x);
            m_groupLabels << (shown.reference ? name + QStringLiteral(" (reference)") : name);
            m_valueLabels << value;
            m_groups.push_back(shown);
        }
        x += 1;  // a gap between attributes
    }
    m_x->setRange(-0.6, std::max(0.4, x - 1.4));
    setChart(chart);
    setScale(1.0);
    connect(chart, &QChart::plotAreaChanged, this, &PresentationSliceChart::placeLabels);
}

void PresentationSliceChart::placeLabels()
{
    // Each value sits just right of its marker, whatever the chart's width.
    const double units = m_x->max() - m_x->min();
    const double width = chart()->plotArea().width();
    if (units <= 0 || width <= 0)
        return;
    for (const Group &g : m_groups) {
        if (!g.label)
            continue;
        const QFontMetricsF metrics(g.label->pointLabelsFont());
        const double text = metrics.horizontalAdvance(g.label->pointLabelsFormat());
        const double pixels = g.point->markerSize() / 2 + LabelGap + text / 2;
        g.label->replace(0, QPointF(g.at.x() + pixels * units / width, g.at.y()));
    }
}

void PresentationSliceChart::setScale(double scale)
{
    using slides::TextRole;
    setMinimumHeight(int(360 * scale));
    QFont axis = font();
    axis.setPixelSize(int(slides::basePixelSize(TextRole::Body) * scale));
    m_x->setLabelsFont(axis);
    QFont small = font();
    small.setPixelSize(int(slides::basePixelSize(TextRole::Small) * scale));
    m_y->setLabelsFont(small);
    m_y->setTitleFont(small);
    QFont title = axis;
    title.setBold(true);
    chart()->setTitleFont(title);
    QFont value = axis;
    value.setBold(true);
    for (const Group &g : m_groups) {
        if (!g.point)
            continue;
        g.point->setMarkerSize(std::max(8.0, (g.reference ? 36 : 32) * scale));
        QPen pen(g.point->color(), std::max(2.0, 5 * scale));
        pen.setCapStyle(Qt::FlatCap);
        if (g.dashed)
            pen.setStyle(Qt::DashLine);
        g.whisker->setPen(pen);
        g.label->setMarkerSize(1);
        g.label->setPointLabelsFont(value);
    }
    placeLabels();
}

QStringList PresentationSliceChart::groupLabels() const
{
    return m_groupLabels;
}

QStringList PresentationSliceChart::valueLabels() const
{
    return m_valueLabels;
}

} // namespace cp::ui
