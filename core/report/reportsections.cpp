// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The metric sections of the report document: flips and the top flipped pairs, slices (chart
// and table), gaps, intersections, calibration, checks. Every count and rate goes through the
// privacy floor here, once, for every renderer.

#include "reportsections.h"

#include "htmltext.h"
#include "reportformat.h"

#include <core/audit/metricrules.h>
#include <core/report/report.h>

#include <algorithm>
#include <map>

namespace cp::sections {

using html::num;
using namespace doc;

namespace {

std::string scoreText(const std::optional<double> &s)
{
    return s ? num(*s, 3) : std::string("no score");
}

std::string join(const std::vector<std::string> &v, std::size_t from, std::size_t to,
                 const char *sep)
{
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i > from ? sep : "") + v[i];
    return out;
}

void pairBlocks(std::vector<DocBlock> &b, const ReportPair &p, std::optional<double> threshold)
{
    DocTable t;
    t.style = DocTable::Style::Pair;
    t.wide = true;
    t.head.push_back("Field");
    for (std::size_t v = 0; v < p.variants.size(); ++v)
        t.head.push_back(p.variants[v] + (v == 0 ? " (compared against)" : ""));
    // The outcome and the score first: they are what flipped.
    DocTable::Row outcomes{{header("outcome")}};
    DocTable::Row scores{{header(
            "score" + (threshold ? " (threshold " + num(*threshold, 2) + ")" : std::string()))}};
    for (std::size_t v = 0; v < p.variants.size(); ++v) {
        const bool differs = v > 0 && p.outcomes[v] != p.outcomes[0];
        outcomes.cells.push_back(differs ? changed(p.outcomes[v], {}, true)
                                         : text(p.outcomes[v], true));
        scores.cells.push_back(number(scoreText(p.scores[v])));
    }
    t.rows.push_back(std::move(outcomes));
    t.rows.push_back(std::move(scores));
    for (const ReportPairField &f : p.fields) {
        DocTable::Row row{{header(f.name)}};
        for (std::size_t v = 0; v < f.values.size(); ++v)
            row.cells.push_back(v == 0 || f.values[v] == f.values[0]
                                        ? text(f.values[v])
                                        : changed(f.values[v], f.values[0]));
        t.rows.push_back(std::move(row));
    }
    b.push_back(table(std::move(t)));
    std::string same;
    for (const auto &[name, value] : p.sameFields)
        same += (same.empty() ? "" : " · ") + name + " " + (value.empty() ? "(empty)" : value);
    if (!same.empty())
        b.push_back(paragraph("Identical in every variant shown: " + same,
                              DocBlock::Kind::Small));
    if (p.variantsOmitted > 0)
        b.push_back(paragraph(std::to_string(p.variantsOmitted) + " more variant"
                                      + (p.variantsOmitted == 1 ? "" : "s")
                                      + " of this family not shown (the workbench's Pairs view "
                                        "shows them all).",
                              DocBlock::Kind::Small));
}

/// A grid cell: coloured with its value when it counts, hatched and labelled when it does not.
GridCell gridCell(const Proportion &p, bool reportOnly, std::int64_t n, std::int64_t min,
                  const char *belowWord, const PrivacyFloor &floor)
{
    GridCell c;
    const bool hidden = floor.hides(p);
    c.lines.push_back(hidden ? "withheld" : !p.defined() ? "undefined (n = 0)"
                                                         : formatPercent(*p.value()));
    if (!hidden && p.defined())
        c.lines.push_back(formatInterval(*p.ci()));
    if (reportOnly)
        c.lines.push_back(std::string(belowWord) + " · n"
                          + (floor.hides(n) ? " " + floor.marker() + ", below "
                                            : "=" + std::to_string(n) + " < ")
                          + std::to_string(min));
    else
        c.lines.push_back("n = " + floor.count(n, true));
    c.state = reportOnly               ? GridCell::State::ReportOnly
              : hidden || !p.defined() ? GridCell::State::Undefined
                                       : GridCell::State::Counted;
    if (c.state == GridCell::State::Counted)
        c.value = *p.value();
    return c;
}

DocBlock gridBlock(GridFigure grid)
{
    DocBlock b;
    b.kind = DocBlock::Kind::Grid;
    b.grid = std::move(grid);
    return b;
}

DocBlock legendBlock(std::string hatchText)
{
    return paragraph(std::move(hatchText), DocBlock::Kind::GridLegend);
}

} // namespace

DocSection flips(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    DocSection s{"flips", "Flips", {}};
    auto &b = s.blocks;
    if (!report.spec.familyColumn) {
        b.push_back(paragraph("The spec names no family column: the table is observational, so "
                              "nothing can flip and there are no pair tests."));
        return s;
    }
    DocTable facts;
    facts.style = DocTable::Style::Facts;
    facts.rows.push_back(
            fact("Families", number(r.families ? floor.count(*r.families, true) : "undefined")));
    if (r.familiesLeftOutTotal() > 0)
        for (const LeftOut &l : r.familiesLeftOut)
            facts.rows.push_back(fact("Left out: " + l.reason,
                                      number(floor.count(l.families, true))));
    if (r.flipRate) {
        facts.rows.push_back(fact("Comparable families (two or more variants)",
                                  number(floor.count(r.flipRate->n, true))));
        facts.rows.push_back(fact("Flipped families", number(floor.count(r.flipRate->k, true))));
        facts.rows.push_back(fact("Flip rate (Wilson 95 %)", rate(*r.flipRate, floor)));
    }
    std::map<std::string, std::int64_t> byStage;
    for (const Flip &f : r.flips)
        ++byStage[f.stage];
    for (const auto &[stage, n] : byStage)
        facts.rows.push_back(
                fact("Flipped at stage '" + stage + "'", number(floor.count(n, true))));
    b.push_back(table(std::move(facts)));

    b.push_back(heading("Paired tests per group pair (exact McNemar)", false));
    if (r.pairTests.empty()) {
        b.push_back(paragraph("No matched pairs."));
    } else {
        DocTable t;
        t.head = {"Attribute", "Group a", "Group b", "Matched pairs", "a favourable, b not",
                  "b favourable, a not", "McNemar p", "Mean score shift (b − a)",
                  "Mean |Δscore|"};
        for (const PairTest &pt : r.pairTests) {
            const bool pHidden = floor.hides(pt.aOnly) || floor.hides(pt.bOnly);
            const bool meanHidden = floor.hides(pt.pairs);
            auto mean = [&](const std::optional<double> &v) {
                return number(!v ? "undefined" : meanHidden ? "withheld" : num(*v, 3));
            };
            t.rows.push_back({{text(pt.attribute), text(pt.a), text(pt.b),
                               number(floor.count(pt.pairs, true)),
                               number(floor.count(pt.aOnly, true)),
                               number(floor.count(pt.bOnly, true)),
                               number(pHidden ? "withheld" : formatPValue(pt.mcnemarP)),
                               mean(pt.meanShift), mean(pt.meanAbsDelta)}});
        }
        b.push_back(table(std::move(t)));
    }

    b.push_back(heading("Top flipped pairs, side by side"));
    if (!report.pairsNote.empty())
        b.push_back(paragraph(report.pairsNote, DocBlock::Kind::Note));
    if (!report.topPairs.empty() && report.options.includePairText) {
        b.push_back(paragraph(
                DocText{{"The " + std::to_string(report.topPairs.size()) + " of "
                         + floor.count(std::int64_t(r.flips.size()), true)
                         + " flipped families with the largest score differences. In each "
                           "family the first variant is the one the others are compared "
                           "against: a cell that differs is shaded and marked "},
                        {"≠", DocSpan::Style::NotEqual},
                        {" and its changed words are "},
                        {"highlighted and underlined", DocSpan::Style::Changed},
                        {"."}},
                DocBlock::Kind::Note));
        for (const ReportPair &p : report.topPairs) {
            b.push_back(heading("Family " + p.family + " · flipped at " + p.stage
                                        + (p.scoreRange ? " · |Δscore| " + num(*p.scoreRange, 3)
                                                        : std::string()),
                                false));
            pairBlocks(b, p, report.spec.prediction.threshold);
        }
    } else if (!report.topPairs.empty()) {
        DocTable t;
        t.head = {"Family", "Outcomes by variant", "Scores", "Stage", "|Δscore|"};
        for (const ReportPair &p : report.topPairs) {
            std::string outcomes, scores;
            for (std::size_t v = 0; v < p.variants.size(); ++v) {
                outcomes += (v ? "; " : "") + p.variants[v] + ": " + p.outcomes[v];
                scores += (v ? "; " : "") + scoreText(p.scores[v]);
            }
            t.rows.push_back({{text(p.family), text(outcomes), text(scores), text(p.stage),
                               number(p.scoreRange ? num(*p.scoreRange, 3) : "undefined")}});
        }
        b.push_back(table(std::move(t)));
    }
    return s;
}

SliceChartFigure sliceChart(const AttributeSlices &slices, const PrivacyFloor &floor)
{
    SliceChartFigure f;
    f.attribute = slices.attribute;
    f.axisMax = sliceAxisMax(slices, floor);
    // A metric no group has (no expected outcome: TPR and FPR) takes one line, not a block.
    for (Metric m : {Metric::SelectionRate, Metric::Tpr, Metric::Fpr}) {
        SliceChartFigure::Panel panel;
        panel.metric = m;
        panel.label = metricLabel(m);
        panel.anyDefined = anyRateDefined(slices, m);
        for (const SliceRates &g : slices.groups) {
            SliceChartPoint pt;
            pt.group = g.group;
            pt.reference = slices.reference && *slices.reference == g.group;
            pt.lowSupport = g.reportOnly();
            const Proportion &p = g.rate(m);
            if (floor.hides(p)) {
                pt.state = SliceChartPoint::State::Withheld;
                pt.text = "withheld (" + floor.marker() + ", privacy floor)";
            } else if (!p.defined()) {
                pt.state = SliceChartPoint::State::Undefined;
                pt.text = "undefined (n = 0)";
            } else {
                const auto ci = *p.ci();
                pt.state = SliceChartPoint::State::Shown;
                pt.value = *p.value();
                pt.low = ci.low;
                pt.high = ci.high;
                pt.text = formatPercent(*p.value()) + " " + formatInterval(ci) + " · "
                          + std::to_string(p.k) + "/" + std::to_string(p.n)
                          + (pt.lowSupport ? " · low support" : "");
            }
            panel.points.push_back(std::move(pt));
        }
        f.panels.push_back(std::move(panel));
    }
    return f;
}

DocSection slices(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    const Contract *contract = report.spec.contract ? &*report.spec.contract : nullptr;
    DocSection s{"slices", "Slices", {}};
    auto &b = s.blocks;
    std::string intro = "Every proportion carries its Wilson 95 % interval (in the tables: "
                        "low–high in percent) and its k/n. A rate with n = 0 is undefined, "
                        "never 0.";
    if (contract && (contract->minPositives > 0 || contract->minNegatives > 0))
        intro += " Slices with fewer than " + std::to_string(contract->minPositives)
                 + " positives or " + std::to_string(contract->minNegatives)
                 + " negatives lack the contract's minimum support: their whiskers are dashed "
                   "and their rows grey.";
    b.push_back(paragraph(intro));
    for (const AttributeSlices &a : r.slices) {
        b.push_back(heading(a.attribute));
        DocBlock chart;
        chart.kind = DocBlock::Kind::SliceChart;
        chart.chart = sliceChart(a, floor);
        b.push_back(std::move(chart));
        DocTable t;
        t.wide = true;
        t.head = {"Group", "n", "Positives", "Negatives", "Selection rate", "TPR", "FPR",
                  "Precision", "Accuracy", "Mean score"};
        for (const SliceRates &g : a.groups) {
            std::vector<std::string> notes;
            if (a.reference && *a.reference == g.group)
                notes.push_back("reference");
            if (g.reportOnly())
                notes.push_back("below minimum support");
            DocTable::Row row{{header(g.group, notes, true), number(floor.count(g.n, true)),
                               number(floor.count(g.positives, true)),
                               number(floor.count(g.negatives, true))},
                              g.reportOnly()};
            for (Metric m : {Metric::SelectionRate, Metric::Tpr, Metric::Fpr, Metric::Precision,
                             Metric::Accuracy})
                row.cells.push_back(rate(g.rate(m), floor));
            row.cells.push_back(number(!g.meanScore        ? "undefined"
                                       : floor.hides(g.n) ? "withheld"
                                                          : num(*g.meanScore, 3)));
            t.rows.push_back(std::move(row));
        }
        b.push_back(table(std::move(t)));
    }
    return s;
}

DocSection gaps(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    DocSection s{"gaps", "Gaps", {}};
    auto &b = s.blocks;
    b.push_back(paragraph("Across groups: difference = max − min and ratio = min / max over "
                          "groups with a defined rate (Fairlearn's between_groups), with "
                          "Newcombe's hybrid score interval for the difference."));
    DocTable t;
    t.head = {"Attribute", "Metric", "Difference", "Newcombe 95 %", "Ratio", "Max group",
              "Min group", "Groups"};
    std::vector<std::string> undefinedEverywhere;
    for (const AttributeGaps &a : r.gaps)
        for (const Gap &g : a.gaps) {
            if (g.groupsCompared == 0) {
                // No group has the rate (no expected outcome for TPR, FPR …): one line below.
                const std::string label = metricLabel(g.metric);
                if (std::find(undefinedEverywhere.begin(), undefinedEverywhere.end(), label)
                    == undefinedEverywhere.end())
                    undefinedEverywhere.push_back(label);
                continue;
            }
            const bool hidden = gapWithheld(floor, r, a.attribute, g);
            t.rows.push_back(
                    {{text(a.attribute), text(metricLabel(g.metric)),
                      number(optionalPercent(g.difference, hidden, floor)),
                      number(!g.ci ? "undefined" : hidden ? "withheld" : formatInterval(*g.ci)),
                      number(optionalPercent(g.ratio, hidden, floor)),
                      // Which group is higher would tell a withheld gap's sign.
                      text(hidden ? "withheld" : g.maxGroup),
                      text(hidden ? "withheld" : g.minGroup),
                      number(std::to_string(g.groupsCompared))}});
        }
    b.push_back(table(std::move(t)));
    if (!undefinedEverywhere.empty())
        b.push_back(paragraph("No gap for "
                                      + join(undefinedEverywhere, 0, undefinedEverywhere.size(),
                                             ", ")
                                      + ": no group has a defined rate (n = 0), typically "
                                        "because the spec names no expected outcome.",
                              DocBlock::Kind::Note));
    if (!r.referenceGaps.empty()) {
        b.push_back(heading("Against the reference group (AIF360)", false));
        DocTable ref;
        ref.head = {"Attribute", "Group vs reference", "SPD", "DI", "EOD", "AOD",
                    "FNR difference"};
        for (const AttributeReferenceGaps &a : r.referenceGaps)
            for (const ReferenceGap &g : a.groups) {
                auto hidden = [&](std::initializer_list<Metric> ms) {
                    return referenceGapWithheld(floor, r, a.attribute, a.reference, g.group, ms);
                };
                const bool sr = hidden({Metric::SelectionRate}), tpr = hidden({Metric::Tpr});
                const bool aod = hidden({Metric::Tpr, Metric::Fpr});
                ref.rows.push_back(
                        {{text(a.attribute), text(g.group + " vs " + a.reference),
                          number(optionalPercent(g.spd, sr, floor, true)),
                          number(!g.di ? "undefined" : sr ? "withheld" : num(*g.di, 3)),
                          number(optionalPercent(g.eod, tpr, floor, true)),
                          number(optionalPercent(g.aod, aod, floor, true)),
                          number(optionalPercent(g.fnrDifference, tpr, floor, true))}});
            }
        b.push_back(table(std::move(ref)));
    }
    const bool overallHidden = floor.hides(r.overallTpr) || floor.hides(r.overallTnr);
    DocTable overall;
    overall.style = DocTable::Style::Facts;
    overall.rows.push_back(fact("Balanced accuracy (all rows)",
                                number(optionalPercent(r.balancedAccuracy, overallHidden, floor))));
    overall.rows.push_back(fact("Theil index (all rows)", number(!r.theilIndex ? "undefined"
                                                                 : overallHidden
                                                                         ? "withheld"
                                                                         : num(*r.theilIndex, 4))));
    b.push_back(table(std::move(overall)));
    return s;
}

GridFigure intersectionGrid(const Intersection &x, Metric m, const PrivacyFloor &floor,
                            std::size_t maxRows)
{
    GridFigure g;
    // The last dimension's groups, in order of appearance along the fastest-varying axis.
    for (const IntersectionCell &c : x.cells) {
        if (std::find(g.columns.begin(), g.columns.end(), c.key.back()) != g.columns.end())
            break;
        g.columns.push_back(c.key.back());
    }
    const std::size_t width = std::max<std::size_t>(g.columns.size(), 1);
    const std::size_t rows = x.cells.size() / width;
    const std::size_t last = x.dimensions.size() - 1;
    g.caption = metricLabel(m) + " by " + join(x.dimensions, 0, x.dimensions.size(), " × ")
                + " over "
                + (x.population == Population::All         ? "all rows"
                   : x.population == Population::Positives ? "positive rows"
                                                           : "negative rows")
                + (x.minSupport > 0 ? "; minimum support " + std::to_string(x.minSupport)
                                              + " rows per cell"
                                    : std::string("; the contract sets no minimum support"));
    g.corner = (last == 0 ? std::string() : join(x.dimensions, 0, last, " / ") + " \\ ")
               + x.dimensions.back();
    for (std::size_t row = 0; row < rows && row < maxRows; ++row) {
        GridFigure::Row out{join(x.cells[row * width].key, 0, last, " / "), {}};
        for (std::size_t c = 0; c < width; ++c) {
            const IntersectionCell &cell = x.cells[row * width + c];
            out.cells.push_back(gridCell(cell.rate(m), cell.reportOnly(), cell.n, x.minSupport,
                                         "report-only", floor));
        }
        g.rows.push_back(std::move(out));
    }
    return g;
}

DocSection intersections(const Report &report)
{
    const AuditResult &r = report.result;
    DocSection s{"intersections", "Intersections", {}};
    auto &b = s.blocks;
    if (r.intersections.empty()) {
        b.push_back(paragraph("The spec asks for no intersection grid."));
        return s;
    }
    b.push_back(paragraph(DocText{{"Cells with less than the minimum support are "},
                                  {"report-only", DocSpan::Style::Bold},
                                  {": drawn, hatched grey and labelled, never counted as release "
                                   "evidence."}}));
    constexpr std::size_t MaxRows = 60;   // the CSV export has every cell
    for (const Intersection &x : r.intersections) {
        if (x.dimensions.empty() || x.cells.empty()) {
            b.push_back(paragraph("This grid has no cells."));
            continue;
        }
        GridFigure grid = intersectionGrid(x, defaultMetric(x.population), report.floor, MaxRows);
        const std::size_t rows = x.cells.size() / std::max<std::size_t>(grid.columns.size(), 1);
        b.push_back(gridBlock(std::move(grid)));
        if (rows > MaxRows)
            b.push_back(paragraph(std::to_string(rows - MaxRows)
                                          + " more rows of this grid are in the CSV export "
                                            "(intersections.csv).",
                                  DocBlock::Kind::Note));
        const auto reportOnly = std::count_if(x.cells.begin(), x.cells.end(),
                                              [](const IntersectionCell &c) {
                                                  return c.reportOnly();
                                              });
        if (reportOnly > 0)
            b.push_back(paragraph(std::to_string(reportOnly) + " of "
                                          + std::to_string(x.cells.size())
                                          + " cells are report-only.",
                                  DocBlock::Kind::Note));
    }
    b.push_back(legendBlock("report-only: below the minimum support, not release evidence"));
    return s;
}

DocSection calibration(const Report &report)
{
    const AuditResult &r = report.result;
    DocSection s{"calibration", "Calibration", {}};
    auto &b = s.blocks;
    if (!report.spec.truth) {
        b.push_back(paragraph("The spec names no expected outcome (y_true), so the observed "
                              "positive rate of every score band is undefined: there is no "
                              "calibration to show."));
        return s;
    }
    if (r.calibration.empty()) {
        b.push_back(paragraph(report.spec.scoreBands
                                      ? "No calibration cell: the table has no expected outcome "
                                        "or score."
                                      : "The spec names no score bands, so there is no "
                                        "calibration."));
        return s;
    }
    const std::int64_t min = report.spec.contract ? report.spec.contract->minCalibrationSupport : 0;
    std::vector<std::string> bands = report.spec.scoreBands ? report.spec.scoreBands->labels
                                                            : std::vector<std::string>{};
    std::vector<std::string> attributes;
    for (const CalibrationCell &c : r.calibration) {
        if (std::find(attributes.begin(), attributes.end(), c.attribute) == attributes.end())
            attributes.push_back(c.attribute);
        if (std::find(bands.begin(), bands.end(), c.band) == bands.end())
            bands.push_back(c.band);
    }
    b.push_back(paragraph("Per score band and group, the share of rows whose expected outcome "
                          "is positive. A cell with too little support says \"insufficient\" "
                          "instead of counting."));
    for (const std::string &a : attributes) {
        GridFigure grid;
        grid.caption = "Observed positive rate (expected outcome) per score band and group of "
                       + a + "; at least " + std::to_string(min) + " rows per cell";
        grid.corner = a + " \\ score band";
        grid.columns = bands;
        std::vector<std::string> groups;
        std::map<std::pair<std::string, std::string>, const CalibrationCell *> at;
        for (const CalibrationCell &c : r.calibration) {
            if (c.attribute != a)
                continue;
            if (std::find(groups.begin(), groups.end(), c.group) == groups.end())
                groups.push_back(c.group);
            at[{c.group, c.band}] = &c;
        }
        for (const std::string &g : groups) {
            GridFigure::Row row{g, {}};
            for (const std::string &band : bands) {
                const auto it = at.find({g, band});
                if (it == at.end()) {
                    row.cells.push_back({GridCell::State::NoRows, 0, {"no rows"}});
                    continue;
                }
                const CalibrationCell &c = *it->second;
                row.cells.push_back(gridCell(c.observed, !c.eligible, c.n, min, "insufficient",
                                             report.floor));
            }
            grid.rows.push_back(std::move(row));
        }
        b.push_back(gridBlock(std::move(grid)));
    }
    b.push_back(legendBlock("insufficient support"));
    return s;
}

DocSection checks(const Report &report)
{
    const AuditResult &r = report.result;
    DocSection s{"checks", "Contract checks", {}};
    if (r.checks.empty()) {
        s.blocks.push_back(paragraph("The spec has no contract: nothing was checked."));
        return s;
    }
    DocTable t;
    t.head = {"Check", "Attribute", "Value", "Limit", "Result", "Detail"};
    for (const Check &c : r.checks) {
        std::string detail = c.detail;
        if (checkValueWithheld(report.floor, r, c))
            detail = c.status == CheckStatus::Insufficient ? "slices lack minimum support" : "";
        t.rows.push_back({{text(checkTitle(c)),
                           text(c.attribute.empty() ? "all rows" : c.attribute),
                           number(checkValueText(c, r, report.floor)),
                           number(checkLimitText(c)), status(c.status),
                           text(report.floor.mask(detail))}});
    }
    s.blocks.push_back(table(std::move(t)));
    return s;
}

} // namespace cp::sections
