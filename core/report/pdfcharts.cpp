// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The PDF report's charts and grid cells, drawn as the HTML's (reportcharts.cpp): the slice
// chart with Wilson whiskers, the reference group as a labelled diamond and dashed whiskers
// below the minimum support; grid cells on viridis, or hatched, grey and labelled when
// report-only; the grids' legend.

#include "pdfcharts.h"

#include "htmltext.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cp::pdf {

using html::num;

namespace {

const Colour Point = rgb(0x0072b2U);       // Okabe–Ito blue, as the HTML chart
const Colour Reference = rgb(0xd55e00U);   // Okabe–Ito vermillion
const Colour Grid = rgb(0xd9d9d9U);

// The slice chart: a dot per group with its Wilson 95 % interval as whiskers, the reference
// group a labelled diamond, slices below the minimum support with dashed whiskers.
constexpr double LabelWidth = 116;
constexpr double PlotOffset = 124;
constexpr double PlotWidth = 180;
constexpr double TextOffset = PlotOffset + PlotWidth + 10;
constexpr double ChartRow = 13;
constexpr double ChartHead = 16;
constexpr double ChartAxis = 13;
constexpr double ChartText = 7.2;

void circle(PdfWriter &w, double x, double y, double r, Colour fill)
{
    std::vector<std::pair<double, double>> points;
    for (int i = 0; i < 16; ++i) {
        const double a = i * std::numbers::pi / 8;
        points.emplace_back(x + r * std::cos(a), y + r * std::sin(a));
    }
    w.polygon(points, fill, rgb(0x222222U), 0.6);
}

void diamond(PdfWriter &w, double x, double y, double r, Colour fill)
{
    w.polygon({{x, y - r}, {x + r, y}, {x, y + r}, {x - r, y}}, fill, rgb(0x222222U), 0.6);
}

std::string tickLabel(double fraction)
{
    const double pct = fraction * 100;
    return (std::abs(pct - std::round(pct)) < 1e-9 ? num(pct, 0) : num(pct, 1)) + " %";
}

/// Cut to a width with "…", never inside a UTF-8 sequence.
std::string clipTo(std::string s, Font font, double size, double width)
{
    if (textWidth(toWinAnsi(s), font, size) <= width)
        return s;
    while (!s.empty() && textWidth(toWinAnsi(s + "…"), font, size) > width) {
        s.pop_back();
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80)
            s.pop_back();
        if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0xC0)
            s.pop_back();
    }
    return s + "…";
}

} // namespace

void sliceChart(Layout &layout, const SliceChartFigure &chart)
{
    PdfWriter &w = layout.writer();
    const double x0 = layout.left();
    const double axisMax = chart.axisMax;
    auto xOf = [&](double f) {
        return x0 + PlotOffset + std::clamp(f / axisMax, 0.0, 1.0) * PlotWidth;
    };
    auto gridBand = [&](double top, double h) {
        for (int t = 0; t <= 4; ++t)
            w.line(xOf(axisMax * t / 4), top, xOf(axisMax * t / 4), top + h, Grid, 0.5);
    };
    auto axis = [&] {
        const double y = layout.y();
        for (int t = 0; t <= 4; ++t) {
            const std::string label = toWinAnsi(tickLabel(axisMax * t / 4));
            w.text(xOf(axisMax * t / 4) - textWidth(label, Font::Regular, ChartText) / 2,
                   y + 8, label, Font::Regular, ChartText, rgb(0x333333U));
        }
        gridBand(y + 10, ChartAxis - 10);
        layout.setY(y + ChartAxis);
    };
    layout.ensure(ChartAxis + ChartHead + 2 * ChartRow);
    layout.closeGroup();
    axis();
    for (const SliceChartFigure::Panel &panel : chart.panels) {
        const bool defined = panel.anyDefined;
        if (layout.y() + ChartHead + (defined ? ChartRow : 0) > Layout::Bottom) {
            layout.newPage();
            axis();
        }
        double y = layout.y();
        gridBand(y, ChartHead);
        w.text(x0, y + 11, toWinAnsi(panel.label), Font::Bold, 8.5);
        w.line(x0, y + ChartHead - 1, x0 + layout.width(), y + ChartHead - 1, rgb(0xbbbbbbU),
               0.5);
        if (!defined)
            w.text(x0 + PlotOffset + 4, y + 11, toWinAnsi("undefined for every group (n = 0)"),
                   Font::Oblique, ChartText, palette::Muted);
        layout.setY(y + ChartHead);
        if (!defined)
            continue;
        for (const SliceChartPoint &p : panel.points) {
            if (layout.y() + ChartRow > Layout::Bottom) {
                layout.newPage();
                axis();
            }
            y = layout.y();
            gridBand(y, ChartRow);
            const double cy = y + ChartRow / 2;
            const Font font = p.reference ? Font::Bold : Font::Regular;
            const std::string suffix = p.reference ? " (reference)" : "";
            const std::string label
                    = clipTo(p.group, font, ChartText,
                             LabelWidth - textWidth(toWinAnsi(suffix), font, ChartText))
                      + suffix;
            const std::string ansi = toWinAnsi(label);
            w.text(x0 + LabelWidth - textWidth(ansi, font, ChartText), cy + 2.5, ansi, font,
                   ChartText);
            if (p.state != SliceChartPoint::State::Shown) {
                w.text(x0 + PlotOffset + 4, cy + 2.5, toWinAnsi(p.text), Font::Oblique, ChartText,
                       palette::Muted);
            } else {
                const Colour c = p.reference ? Reference : Point;
                w.line(xOf(p.low), cy, xOf(p.high), cy, c, 1.4, p.lowSupport);
                w.line(xOf(p.low), cy - 3.5, xOf(p.low), cy + 3.5, c, 1.4);
                w.line(xOf(p.high), cy - 3.5, xOf(p.high), cy + 3.5, c, 1.4);
                if (p.reference)
                    diamond(w, xOf(p.value), cy, 4.6, c);
                else
                    circle(w, xOf(p.value), cy, 3.3, c);
                w.text(x0 + TextOffset, cy + 2.5, toWinAnsi(p.text), Font::Regular, ChartText);
            }
            layout.setY(y + ChartRow);
        }
    }
    // Legend: shape, not colour, tells the reference apart; dashes tell low support.
    layout.ensure(16);
    const double ly = layout.y() + 9;
    double x = x0 + 4;
    auto item = [&](const std::string &text) {
        const std::string a = toWinAnsi(text);
        w.text(x, ly + 2.5, a, Font::Regular, ChartText, palette::Muted);
        x += textWidth(a, Font::Regular, ChartText) + 14;
    };
    circle(w, x, ly, 3.3, Point);
    x += 7;
    item("group");
    diamond(w, x, ly, 4.6, Reference);
    x += 8;
    item("reference group");
    w.line(x, ly, x + 22, ly, Point, 1.4);
    x += 26;
    item("Wilson 95 % interval");
    w.line(x, ly, x + 22, ly, Point, 1.4, true);
    x += 26;
    item("below the contract's minimum support (report-only)");
    layout.setY(ly + 8);
}

Cell gridCell(const GridCell &g)
{
    Cell c;
    c.align = Align::Centre;
    Colour ink = palette::Ink;
    switch (g.state) {
    case GridCell::State::ReportOnly:
        c.hatched = true;
        ink = rgb(0x333333U);
        break;
    case GridCell::State::Undefined:
    case GridCell::State::NoRows:
        c.fill = UndefinedFill;
        ink = palette::Muted;
        break;
    case GridCell::State::Counted: {
        const std::string bg = html::viridis(g.value);
        c.fill = rgb(bg);
        ink = rgb(html::textOn(bg));
        break;
    }
    }
    for (std::size_t i = 0; i < g.lines.size(); ++i) {
        const Font font = g.state == GridCell::State::NoRows ? Font::Regular
                          : i == 0                           ? Font::Bold
                          : g.state == GridCell::State::ReportOnly ? Font::Oblique
                                                                   : Font::Regular;
        Span s{g.lines[i], font, ink};
        s.breakBefore = i > 0;
        c.text.push_back(s);
    }
    return c;
}

void gridLegend(Layout &layout, const std::string &hatchText)
{
    layout.ensure(18);
    layout.closeGroup();
    PdfWriter &w = layout.writer();
    const double y = layout.y() + 3;
    double x = layout.left();
    for (int i = 0; i < 10; ++i)
        w.fillRect(x + i * 9, y, 9, 10, rgb(html::viridis(i / 9.0)));
    w.strokeRect(x, y, 90, 10, rgb(0x808080U), 0.5);
    x += 96;
    const std::string scale = toWinAnsi("0 % to 100 % (viridis)");
    w.text(x, y + 8, scale, Font::Regular, 7.5, palette::Muted);
    x += textWidth(scale, Font::Regular, 7.5) + 16;
    w.hatch(x, y, 26, 10, rgb(0xeeeeeeU), rgb(0xc4c4c4U), 4, 1);
    w.strokeRect(x, y, 26, 10, rgb(0x808080U), 0.5);
    x += 32;
    const Laid text = layoutText(rich(hatchText, Font::Regular, palette::Muted), 7.5,
                                 layout.left() + layout.width() - x);
    drawLines(w, text, x, y + 0.5, layout.left() + layout.width() - x, Align::Left);
    layout.setY(y + std::max(12.0, text.height) + 4);
}

} // namespace cp::pdf
