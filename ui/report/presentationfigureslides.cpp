// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The figure slides: the slice chart of the primary metric and the intersection grid.

#include "presentationslides.h"

#include "flooredgridmodel.h"
#include "presentationslicechart.h"

#include <ui/audit/auditformat.h>
#include <ui/audit/heatmapdelegate.h>
#include <ui/audit/intersectiongridmodel.h>

#include <core/audit/metricrules.h>
#include <core/report/report.h>
#include <core/report/reportformat.h>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace cp::ui::slides {

using format::qs;

namespace {

const QColor Muted(0x4a, 0x4a, 0x4a);

QString proportionText(const cp::Proportion &p, const cp::PrivacyFloor &floor)
{
    if (floor.hides(p))
        return QStringLiteral("withheld (%1)").arg(qs(floor.marker()));
    if (!p.defined())
        return QStringLiteral("undefined (n = 0)");
    const auto ci = *p.ci();
    return QStringLiteral("%1 [%2 – %3] (%4 of %5)")
        .arg(format::percent(*p.value()), format::percent(ci.low), format::percent(ci.high))
        .arg(p.k)
        .arg(p.n);
}

QString populationText(cp::Population p)
{
    switch (p) {
    case cp::Population::All: return QStringLiteral("all rows");
    case cp::Population::Positives: return QStringLiteral("positives");
    case cp::Population::Negatives: return QStringLiteral("negatives");
    }
    return {};
}

QString statusWord(cp::CheckStatus s)
{
    switch (s) {
    case cp::CheckStatus::Passed: return QStringLiteral("✓ passed");
    case cp::CheckStatus::Failed: return QStringLiteral("✕ FAILED");
    case cp::CheckStatus::Insufficient: return QStringLiteral("? too little support to pass");
    }
    return {};
}

QLabel *muted(QLabel *label)
{
    label->setStyleSheet(QStringLiteral("color: %1;").arg(Muted.name()));
    return label;
}

} // namespace

QWidget *slicesSlide(const cp::Report &report, QWidget *parent)
{
    const cp::AuditResult &r = report.result;
    const cp::Metric metric = cp::primaryMetric(report.spec);
    auto *slide = new QWidget(parent);
    slide->setObjectName(QStringLiteral("slicesSlide"));
    const QString by = r.slices.size() == 1 ? qs(r.slices.front().attribute)
                                            : QStringLiteral("group");
    const bool primary = report.spec.contract && report.spec.contract->primary
                         && report.spec.contract->primary->metric == metric;
    QString metricTitle = format::metricName(metric);
    if (!metricTitle.isEmpty() && metricTitle.front().isLower())
        metricTitle.front() = metricTitle.front().toUpper();
    QVBoxLayout *layout = slideLayout(
        slide,
        (primary ? QStringLiteral("The contract's primary metric, per group")
                 : QStringLiteral("The main metric, per group"))
            + QStringLiteral(" · whiskers: Wilson 95 % intervals"),
        QStringLiteral("%1 by %2").arg(metricTitle, by));
    layout->setSpacing(8);

    // One chart per attribute, side by side, each as wide as its groups need.
    auto *charts = new QHBoxLayout;
    charts->setSpacing(24);
    std::size_t groupCount = 0;
    if (r.slices.size() <= 1) {
        charts->addWidget(new PresentationSliceChart(report, metric, -1, slide));
    } else {
        for (std::size_t i = 0; i < r.slices.size(); ++i)
            charts->addWidget(new PresentationSliceChart(report, metric, int(i), slide),
                              int(r.slices[i].groups.size()) + 1);
    }
    for (const cp::AttributeSlices &a : r.slices)
        groupCount += a.groups.size();
    layout->addLayout(charts, 1);

    // Each attribute's groups in words, then the contract's verdict on the gap.
    bool dashed = false;
    for (const cp::AttributeSlices &a : r.slices) {
        QStringList parts;
        for (const cp::SliceRates &g : a.groups) {
            QString name = qs(g.group);
            if (a.reference && *a.reference == g.group)
                name += QStringLiteral(" (reference)");
            parts << QStringLiteral("%1: %2").arg(name,
                                                  proportionText(g.rate(metric), report.floor));
            dashed = dashed || g.reportOnly();
        }
        // A line per group while they are few; more share lines, in smaller type.
        const bool few = groupCount <= 4;
        QString detail = parts.join(few ? QStringLiteral("\n") : QStringLiteral("  ·  "));
        if (!few && r.slices.size() > 1)
            detail = qs(a.attribute) + QStringLiteral(" — ") + detail;
        QLabel *groups = text(detail, few ? TextRole::Body : TextRole::Small, slide);
        groups->setObjectName(QStringLiteral("sliceValues"));
        groups->setTextFormat(Qt::PlainText);
        layout->addWidget(groups);
        const cp::Gap *gap = r.findGap(a.attribute, metric);
        const cp::Check *check = r.findCheck(cp::metricKey(metric) + "_gap", a.attribute);
        if (!gap)
            continue;
        QString line = QStringLiteral("%1 gap (%2): ").arg(format::metricName(metric),
                                                          qs(a.attribute));
        if (gapWithheld(report.floor, r, a.attribute, *gap))
            line += QStringLiteral("withheld (%1)").arg(qs(report.floor.marker()));
        else if (!gap->difference)
            line += QStringLiteral("undefined");
        else
            line += QStringLiteral("%1 (%2 − %3)").arg(format::percent(*gap->difference),
                                                       qs(gap->maxGroup), qs(gap->minGroup));
        if (check)
            line += QStringLiteral(" — limit %1: %2").arg(qs(cp::checkLimitText(*check)),
                                                          statusWord(check->status));
        // A min_ratio limit on the same metric (the four-fifths rule) belongs here too.
        if (const cp::Check *ratio = r.findCheck(cp::metricKey(metric) + "_ratio", a.attribute))
            line += QStringLiteral(" · ratio %1 — limit %2: %3")
                        .arg(qs(cp::checkValueText(*ratio, r, report.floor)),
                             qs(cp::checkLimitText(*ratio)), statusWord(ratio->status));
        QLabel *verdict = text(line, TextRole::Body, slide, true);
        verdict->setObjectName(QStringLiteral("gapVerdict"));
        verdict->setTextFormat(Qt::PlainText);
        layout->addWidget(verdict);
    }
    if (dashed && report.spec.contract)
        layout->addWidget(muted(text(
            QStringLiteral("Dashed whiskers: fewer rows than the contract's minimum support "
                           "(%1 positives, %2 negatives): too few to rely on.")
                .arg(report.spec.contract->minPositives)
                .arg(report.spec.contract->minNegatives),
            TextRole::Small, slide)));
    return slide;
}

QWidget *intersectionsSlide(const std::shared_ptr<const cp::Report> &report, QWidget *parent)
{
    const cp::AuditResult &r = report->result;
    auto *slide = new QWidget(parent);
    slide->setObjectName(QStringLiteral("intersectionsSlide"));
    if (r.intersections.empty()) {
        QVBoxLayout *layout = slideLayout(slide, {}, QStringLiteral("Intersections"));
        layout->addWidget(text(QStringLiteral("The spec defines no intersection grid: groups "
                                              "were not examined in combination."),
                               TextRole::Large, slide));
        layout->addStretch(1);
        return slide;
    }
    const cp::Intersection &x = r.intersections.front();
    auto *model = new IntersectionGridModel(slide);
    model->setIntersection(std::shared_ptr<const cp::AuditResult>(report, &report->result), 0,
                           &report->spec);
    const cp::Metric wanted = cp::primaryMetric(report->spec);
    const auto offered = model->metrics();
    if (std::find(offered.begin(), offered.end(), wanted) != offered.end())
        model->setMetric(wanted);
    auto *floored = new FlooredGridModel(report->floor, slide);
    floored->setSourceModel(model);

    QStringList dims;
    for (const std::string &d : x.dimensions)
        dims << qs(d);
    QString kicker = QStringLiteral("%1 over %2 · rows: %3 · columns: %4")
                         .arg(format::metricName(model->metric()), populationText(x.population),
                              model->dimensionName(model->rowDimension()),
                              model->dimensionName(model->columnDimension()));
    for (int d : model->facetDimensions())
        kicker += QStringLiteral(" · %1 held at %2")
                      .arg(model->dimensionName(d), model->groups(d).value(model->facet(d)));
    QVBoxLayout *layout = slideLayout(slide, kicker, QStringLiteral("Intersections: %1")
                                                         .arg(dims.join(QStringLiteral(" × "))));

    std::int64_t reportOnly = 0;
    for (const cp::IntersectionCell &c : x.cells)
        reportOnly += c.status == cp::CellStatus::ReportOnly;
    const QString what = x.population == cp::Population::Positives   ? QStringLiteral("positives")
                         : x.population == cp::Population::Negatives ? QStringLiteral("negatives")
                                                                     : QStringLiteral("rows");
    QString summary;
    if (reportOnly == 0)
        summary = QStringLiteral("All %1 cells have at least %2 %3: each counts as evidence.")
                      .arg(x.cells.size())
                      .arg(x.minSupport)
                      .arg(what);
    else
        summary = QStringLiteral("%1 of %2 cells are report-only: fewer than %3 %4 each, so "
                                 "they are shown but never used for the decision.")
                      .arg(reportOnly)
                      .arg(x.cells.size())
                      .arg(x.minSupport)
                      .arg(what);
    QLabel *summaryLabel = text(summary, TextRole::Body, slide, true);
    summaryLabel->setObjectName(QStringLiteral("gridSummary"));
    summaryLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(summaryLabel);

    auto *table = new QTableView(slide);
    table->setObjectName(QStringLiteral("presentationGrid"));
    table->setModel(floored);
    table->setItemDelegate(new HeatmapDelegate(table));
    table->setFocusPolicy(Qt::NoFocus);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setFrameShape(QFrame::NoFrame);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setStyleSheet(QStringLiteral("QTableView { background: white; }"
                                        " QHeaderView::section { background: white; color: "
                                        "#1a1a1a; border: none; padding: 6px 14px; }"));
    setRole(table, TextRole::Large);
    layout->addWidget(table, 1);

    // The legend: the scale's ends, and the hatch in words (never colour alone).
    auto *legend = new QHBoxLayout;
    legend->setSpacing(12);
    legend->addWidget(muted(text(QStringLiteral("0 %"), TextRole::Small, slide)));
    auto *scale = new QLabel(slide);
    scale->setPixmap(HeatmapDelegate::scalePixmap(QSize(220, 22)));
    legend->addWidget(scale);
    legend->addWidget(muted(text(QStringLiteral("100 %"), TextRole::Small, slide)));
    legend->addSpacing(36);
    auto *hatch = new QLabel(slide);
    hatch->setPixmap(HeatmapDelegate::hatchPixmap(QSize(44, 30)));
    legend->addWidget(hatch);
    QLabel *hatchText = muted(text(QStringLiteral("hatched grey, labelled “report-only”: below "
                                                  "the minimum support of %1 %2")
                                       .arg(x.minSupport)
                                       .arg(what),
                                   TextRole::Small, slide));
    hatchText->setObjectName(QStringLiteral("gridLegend"));
    hatchText->setTextFormat(Qt::PlainText);
    legend->addWidget(hatchText, 1);
    if (reportOnly == 0) {  // nothing hatched: the scale alone
        hatch->hide();
        hatchText->hide();
        legend->addStretch(1);
    }
    layout->addLayout(legend);
    if (r.intersections.size() > 1)
        layout->addWidget(muted(text(QStringLiteral("Grid 1 of %1: the exported report and the "
                                                    "Intersections view show the others.")
                                         .arg(r.intersections.size()),
                                     TextRole::Small, slide)));
    layout->addStretch(0);
    return slide;
}

} // namespace cp::ui::slides
