// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reportcharts.h"

#include "htmltext.h"
#include "reportformat.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace cp::html {

namespace {

constexpr double Width = 960;
constexpr double LabelWidth = 236;
constexpr double PlotX = 248;
constexpr double PlotWidth = 400;
constexpr double TextX = PlotX + PlotWidth + 16;
constexpr double RowHeight = 24;
constexpr double HeadHeight = 28;
constexpr double AxisHeight = 30;
constexpr double LegendHeight = 44;

const char *const PointColour = "#0072B2";     // Okabe–Ito blue
const char *const ReferenceColour = "#D55E00"; // Okabe–Ito vermillion
const char *const MutedColour = "#555555";

std::string clip(const std::string &s, std::size_t max)
{
    if (s.size() <= max)
        return s;
    std::size_t cut = max - 1;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80)
        --cut;  // never split a UTF-8 sequence
    return s.substr(0, cut) + "…";
}

/// x of a rate on an axis from 0 to axisMax.
double xOf(double fraction, double axisMax)
{
    return PlotX + std::clamp(fraction / axisMax, 0.0, 1.0) * PlotWidth;
}

std::string tickLabel(double fraction)
{
    const double pct = fraction * 100;
    return (std::abs(pct - std::round(pct)) < 1e-9 ? num(pct, 0) : num(pct, 1)) + " %";
}

std::string diamond(double x, double y, double r, const char *fill)
{
    return "<polygon points=\"" + num(x) + "," + num(y - r) + " " + num(x + r) + "," + num(y) + " "
           + num(x) + "," + num(y + r) + " " + num(x - r) + "," + num(y)
           + "\" fill=\"" + fill + "\" stroke=\"#222222\" stroke-width=\"1\"/>";
}

std::string circle(double x, double y, double r, const char *fill)
{
    return "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) + "\" fill=\""
           + fill + "\" stroke=\"#222222\" stroke-width=\"1\"/>";
}

std::string text(double x, double y, const std::string &s, const std::string &extra = {})
{
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"" + (extra.empty() ? "" : " " + extra)
           + ">" + esc(s) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, const std::string &style)
{
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\""
           + num(y2) + "\" " + style + "/>";
}

} // namespace

std::string sliceChartSvg(const AttributeSlices &slices, const Contract *contract,
                          const PrivacyFloor &floor)
{
    // A metric no group has (no expected outcome: TPR and FPR) takes one line, not a block.
    const Metric metrics[] = {Metric::SelectionRate, Metric::Tpr, Metric::Fpr};
    const std::size_t groups = slices.groups.size();
    auto anyDefined = [&](Metric m) { return anyRateDefined(slices, m); };
    const double axisMax = sliceAxisMax(slices, floor);
    const auto xOf = [axisMax](double fraction) { return cp::html::xOf(fraction, axisMax); };
    const double plotTop = AxisHeight;
    double plotHeight = 0;
    for (Metric m : metrics)
        plotHeight += HeadHeight + (anyDefined(m) ? double(groups) * RowHeight : 0);
    const double height = plotTop + plotHeight + 8 + LegendHeight;
    std::string s = "<svg class=\"chart\" role=\"img\" width=\"" + num(Width, 0) + "\" height=\""
                    + num(height, 0) + "\" viewBox=\"0 0 " + num(Width, 0) + " " + num(height, 0)
                    + "\" font-family=\"system-ui, sans-serif\" font-size=\"13\">";
    s += "<title>" + esc("Selection rate, TPR and FPR per group of " + slices.attribute
                         + ", with Wilson 95 % intervals")
         + "</title>";
    // Axis: ticks every 25 %, gridlines through the whole plot.
    for (int t = 0; t <= 4; ++t) {
        const double x = xOf(axisMax * t / 4.0);
        s += line(x, plotTop - 6, x, plotTop + plotHeight,
                  "stroke=\"#d9d9d9\" stroke-width=\"1\"");
        s += text(x, plotTop - 10, tickLabel(axisMax * t / 4),
                  "text-anchor=\"middle\" fill=\"#333333\"");
    }
    double y = plotTop;
    for (Metric m : metrics) {
        s += text(0, y + 19, metricLabel(m), "font-weight=\"700\" font-size=\"14\"");
        s += line(0, y + HeadHeight - 2, Width, y + HeadHeight - 2,
                  "stroke=\"#bbbbbb\" stroke-width=\"1\"");
        if (!anyDefined(m)) {
            s += text(PlotX + 6, y + 19, "undefined for every group (n = 0)",
                      std::string("fill=\"") + MutedColour + "\" font-style=\"italic\"");
            y += HeadHeight;
            continue;
        }
        y += HeadHeight;
        for (const SliceRates &g : slices.groups) {
            const bool reference = slices.reference && *slices.reference == g.group;
            const bool lowSupport = contract
                                    && (g.positives < contract->minPositives
                                        || g.negatives < contract->minNegatives);
            const double cy = y + RowHeight / 2;
            std::string label = clip(g.group, 26) + (reference ? " (reference)" : "");
            s += "<g><title>"
                 + esc(slices.attribute + " = " + g.group
                       + (reference ? ", the reference group" : "")
                       + (lowSupport ? ", below the contract's minimum support (report-only)" : ""))
                 + "</title>";
            s += text(LabelWidth, cy + 4, label,
                      std::string("text-anchor=\"end\"")
                              + (reference ? " font-weight=\"700\"" : ""));
            const Proportion &p = g.rate(m);
            if (floor.hides(p) || !p.defined()) {
                s += text(PlotX + 6, cy + 4,
                          floor.hides(p) ? "withheld (" + floor.marker() + ", privacy floor)"
                                         : "undefined (n = 0)",
                          std::string("fill=\"") + MutedColour + "\" font-style=\"italic\"");
            } else {
                const auto ci = *p.ci();
                const char *colour = reference ? ReferenceColour : PointColour;
                const std::string stroke = std::string("stroke=\"") + colour
                                           + "\" stroke-width=\"2\""
                                           + (lowSupport ? " stroke-dasharray=\"5 3\"" : "");
                s += line(xOf(ci.low), cy, xOf(ci.high), cy, stroke);
                s += line(xOf(ci.low), cy - 5, xOf(ci.low), cy + 5, stroke);
                s += line(xOf(ci.high), cy - 5, xOf(ci.high), cy + 5, stroke);
                s += reference ? diamond(xOf(*p.value()), cy, 7, colour)
                               : circle(xOf(*p.value()), cy, 5, colour);
                s += text(TextX, cy + 4,
                          formatPercent(*p.value()) + " " + formatInterval(ci) + " · "
                              + std::to_string(p.k) + "/" + std::to_string(p.n)
                              + (lowSupport ? " · low support" : ""),
                          "fill=\"#222222\"");
            }
            s += "</g>";
            y += RowHeight;
        }
    }
    // Legend: shape, not colour, tells the reference apart; dashes tell low support.
    const double ly = plotTop + plotHeight + 8 + 18;
    s += circle(12, ly - 4, 5, PointColour) + text(24, ly, "group");
    s += diamond(90, ly - 4, 7, ReferenceColour) + text(102, ly, "reference group");
    s += line(230, ly - 4, 270, ly - 4,
              std::string("stroke=\"") + PointColour + "\" stroke-width=\"2\"");
    s += text(278, ly, "Wilson 95 % interval");
    s += line(430, ly - 4, 470, ly - 4,
              std::string("stroke=\"") + PointColour
                      + "\" stroke-width=\"2\" stroke-dasharray=\"5 3\"");
    s += text(478, ly, "slice below the contract's minimum support (report-only)");
    s += "</svg>";
    return s;
}

Metric intersectionMetric(const Intersection &x)
{
    switch (x.population) {
    case Population::Positives: return Metric::Tpr;
    case Population::Negatives: return Metric::Fpr;
    case Population::All: break;
    }
    return Metric::SelectionRate;
}

namespace {

const Proportion &cellRate(const IntersectionCell &c, Metric m)
{
    switch (m) {
    case Metric::Tpr: return c.tpr;
    case Metric::Fpr: return c.fpr;
    case Metric::Precision: return c.precision;
    default: return c.selectionRate;
    }
}

std::string join(const std::vector<std::string> &v, std::size_t from, std::size_t to,
                 const char *sep)
{
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i > from ? sep : "") + v[i];
    return out;
}

/// A grid cell: coloured with its value when it counts, hatched and labelled when it does not.
std::string gridCell(const Proportion &p, bool reportOnly, std::int64_t n, std::int64_t min,
                     const char *belowWord, const PrivacyFloor &floor)
{
    std::vector<std::string> lines;
    const bool hidden = floor.hides(p);
    if (hidden)
        lines.push_back("withheld");
    else if (!p.defined())
        lines.push_back("undefined (n = 0)");
    else
        lines.push_back(formatPercent(*p.value()));
    if (!hidden && p.defined())
        lines.push_back(formatInterval(*p.ci()));
    if (reportOnly)
        lines.push_back(std::string(belowWord) + " · n"
                        + (floor.hides(n) ? " " + floor.marker() + ", below "
                                          : "=" + std::to_string(n) + " < ")
                        + std::to_string(min));
    else
        lines.push_back("n = " + floor.count(n, true));
    std::string body;
    for (std::size_t i = 0; i < lines.size(); ++i)
        body += i == 0 ? "<b>" + esc(lines[i]) + "</b>" : "<br/>" + esc(lines[i]);
    if (reportOnly)
        return "<td class=\"cell report-only\"><span class=\"plate\">" + body + "</span></td>";
    if (hidden || !p.defined())
        return "<td class=\"cell undefined\">" + body + "</td>";
    const std::string bg = viridis(*p.value());
    return "<td class=\"cell\" style=\"background:" + bg + ";color:" + textOn(bg) + "\">" + body
           + "</td>";
}

} // namespace

std::string intersectionGridHtml(const Intersection &x, const PrivacyFloor &floor,
                                 std::size_t maxRows)
{
    if (x.dimensions.empty() || x.cells.empty())
        return "<p>This grid has no cells.</p>";
    const Metric m = intersectionMetric(x);
    // The last dimension's groups, in order of appearance along the fastest-varying axis.
    std::vector<std::string> columns;
    for (const IntersectionCell &c : x.cells) {
        if (std::find(columns.begin(), columns.end(), c.key.back()) != columns.end())
            break;
        columns.push_back(c.key.back());
    }
    const std::size_t width = std::max<std::size_t>(columns.size(), 1);
    const std::size_t rows = x.cells.size() / width;
    const std::size_t last = x.dimensions.size() - 1;
    std::string s = "<table class=\"grid\"><caption>" + esc(metricLabel(m) + " by "
                    + join(x.dimensions, 0, x.dimensions.size(), " × ") + " over "
                    + (x.population == Population::All ? "all rows"
                       : x.population == Population::Positives ? "positive rows"
                                                                : "negative rows")
                    + (x.minSupport > 0 ? "; minimum support " + std::to_string(x.minSupport)
                                              + " rows per cell"
                                        : std::string("; the contract sets no minimum support")))
                    + "</caption><thead><tr><th>"
                    + esc(last == 0 ? std::string() : join(x.dimensions, 0, last, " / ") + " \\ ")
                    + esc(x.dimensions.back()) + "</th>";
    for (const std::string &c : columns)
        s += "<th>" + esc(c) + "</th>";
    s += "</tr></thead><tbody>";
    for (std::size_t r = 0; r < rows && r < maxRows; ++r) {
        const IntersectionCell &first = x.cells[r * width];
        s += "<tr><th>" + esc(join(first.key, 0, last, " / ")) + "</th>";
        for (std::size_t c = 0; c < width; ++c) {
            const IntersectionCell &cell = x.cells[r * width + c];
            s += gridCell(cellRate(cell, m), cell.status == CellStatus::ReportOnly, cell.n,
                          x.minSupport, "report-only", floor);
        }
        s += "</tr>";
    }
    s += "</tbody></table>";
    if (rows > maxRows)
        s += "<p class=\"note\">" + esc(std::to_string(rows - maxRows) + " more rows of this grid "
                                        "are in the CSV export (intersections.csv).")
             + "</p>";
    return s;
}

std::string calibrationGridHtml(const std::string &attribute,
                                const std::vector<const CalibrationCell *> &cells,
                                const std::vector<std::string> &bands, std::int64_t minSupport,
                                const PrivacyFloor &floor)
{
    std::vector<std::string> groups;
    std::map<std::pair<std::string, std::string>, const CalibrationCell *> at;
    for (const CalibrationCell *c : cells) {
        if (std::find(groups.begin(), groups.end(), c->group) == groups.end())
            groups.push_back(c->group);
        at[{c->group, c->band}] = c;
    }
    std::string s = "<table class=\"grid\"><caption>"
                    + esc("Observed positive rate (expected outcome) per score band and group of "
                          + attribute + "; at least " + std::to_string(minSupport)
                          + " rows per cell")
                    + "</caption><thead><tr><th>" + esc(attribute + " \\ score band") + "</th>";
    for (const std::string &b : bands)
        s += "<th>" + esc(b) + "</th>";
    s += "</tr></thead><tbody>";
    for (const std::string &g : groups) {
        s += "<tr><th>" + esc(g) + "</th>";
        for (const std::string &b : bands) {
            const auto it = at.find({g, b});
            if (it == at.end()) {
                s += "<td class=\"cell undefined\">no rows</td>";
                continue;
            }
            const CalibrationCell &c = *it->second;
            s += gridCell(c.observed, !c.eligible, c.n, minSupport, "insufficient", floor);
        }
        s += "</tr>";
    }
    s += "</tbody></table>";
    return s;
}

std::string gridLegendHtml(const std::string &hatchText)
{
    std::string stops;
    for (int i = 0; i <= 9; ++i)
        stops += (i ? "," : "") + viridis(i / 9.0);
    return "<p class=\"legend\"><span class=\"scale\" style=\"background:linear-gradient(to right,"
           + stops
           + ")\"></span> 0 % to 100 % (viridis) <span class=\"swatch report-only\"></span> "
           + esc(hatchText) + "</p>";
}

} // namespace cp::html
