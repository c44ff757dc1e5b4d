// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reportcharts.h"

#include "htmltext.h"

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

std::string sliceChartSvg(const SliceChartFigure &chart)
{
    const double axisMax = chart.axisMax;
    const auto xOf = [axisMax](double fraction) { return cp::html::xOf(fraction, axisMax); };
    const double plotTop = AxisHeight;
    double plotHeight = 0;
    for (const SliceChartFigure::Panel &panel : chart.panels)
        plotHeight += HeadHeight + (panel.anyDefined ? double(panel.points.size()) * RowHeight
                                                     : 0);
    const double height = plotTop + plotHeight + 8 + LegendHeight;
    std::string s = "<svg class=\"chart\" role=\"img\" width=\"" + num(Width, 0) + "\" height=\""
                    + num(height, 0) + "\" viewBox=\"0 0 " + num(Width, 0) + " " + num(height, 0)
                    + "\" font-family=\"system-ui, sans-serif\" font-size=\"13\">";
    s += "<title>" + esc("Selection rate, TPR and FPR per group of " + chart.attribute
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
    for (const SliceChartFigure::Panel &panel : chart.panels) {
        s += text(0, y + 19, panel.label, "font-weight=\"700\" font-size=\"14\"");
        s += line(0, y + HeadHeight - 2, Width, y + HeadHeight - 2,
                  "stroke=\"#bbbbbb\" stroke-width=\"1\"");
        if (!panel.anyDefined) {
            s += text(PlotX + 6, y + 19, "undefined for every group (n = 0)",
                      std::string("fill=\"") + MutedColour + "\" font-style=\"italic\"");
            y += HeadHeight;
            continue;
        }
        y += HeadHeight;
        for (const SliceChartPoint &p : panel.points) {
            const bool reference = p.reference;
            const bool lowSupport = p.lowSupport;
            const double cy = y + RowHeight / 2;
            std::string label = clip(p.group, 26) + (reference ? " (reference)" : "");
            s += "<g><title>"
                 + esc(chart.attribute + " = " + p.group
                       + (reference ? ", the reference group" : "")
                       + (lowSupport ? ", below the contract's minimum support (report-only)" : ""))
                 + "</title>";
            s += text(LabelWidth, cy + 4, label,
                      std::string("text-anchor=\"end\"")
                              + (reference ? " font-weight=\"700\"" : ""));
            if (p.state != SliceChartPoint::State::Shown) {
                s += text(PlotX + 6, cy + 4, p.text,
                          std::string("fill=\"") + MutedColour + "\" font-style=\"italic\"");
            } else {
                const char *colour = reference ? ReferenceColour : PointColour;
                const std::string stroke = std::string("stroke=\"") + colour
                                           + "\" stroke-width=\"2\""
                                           + (lowSupport ? " stroke-dasharray=\"5 3\"" : "");
                s += line(xOf(p.low), cy, xOf(p.high), cy, stroke);
                s += line(xOf(p.low), cy - 5, xOf(p.low), cy + 5, stroke);
                s += line(xOf(p.high), cy - 5, xOf(p.high), cy + 5, stroke);
                s += reference ? diamond(xOf(p.value), cy, 7, colour)
                               : circle(xOf(p.value), cy, 5, colour);
                s += text(TextX, cy + 4, p.text, "fill=\"#222222\"");
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

namespace {

std::string gridCellHtml(const GridCell &c)
{
    if (c.state == GridCell::State::NoRows)
        return "<td class=\"cell undefined\">" + esc(c.lines.front()) + "</td>";
    std::string body;
    for (std::size_t i = 0; i < c.lines.size(); ++i)
        body += i == 0 ? "<b>" + esc(c.lines[i]) + "</b>" : "<br/>" + esc(c.lines[i]);
    switch (c.state) {
    case GridCell::State::ReportOnly:
        return "<td class=\"cell report-only\"><span class=\"plate\">" + body + "</span></td>";
    case GridCell::State::Undefined:
    case GridCell::State::NoRows:
        return "<td class=\"cell undefined\">" + body + "</td>";
    case GridCell::State::Counted:
        break;
    }
    const std::string bg = viridis(c.value);
    return "<td class=\"cell\" style=\"background:" + bg + ";color:" + textOn(bg) + "\">" + body
           + "</td>";
}

} // namespace

std::string gridHtml(const GridFigure &grid)
{
    std::string s = "<table class=\"grid\"><caption>" + esc(grid.caption)
                    + "</caption><thead><tr><th>" + esc(grid.corner) + "</th>";
    for (const std::string &c : grid.columns)
        s += "<th>" + esc(c) + "</th>";
    s += "</tr></thead><tbody>";
    for (const GridFigure::Row &row : grid.rows) {
        s += "<tr><th>" + esc(row.header) + "</th>";
        for (const GridCell &c : row.cells)
            s += gridCellHtml(c);
        s += "</tr>";
    }
    return s + "</tbody></table>";
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
