// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The metric sections of the PDF report: flips and the top flipped pairs, slices (chart and
// table), gaps, intersections, calibration, checks; and the cells every section shares. The
// texts are the HTML's (htmlsections.cpp), the figures go through the same privacy helpers.

#include "pdfsections.h"

#include "pdfcharts.h"

#include "htmlsections.h"
#include "htmltext.h"
#include "reportcharts.h"
#include "reportformat.h"

#include <core/audit/pairsindex.h>

#include <algorithm>
#include <map>

namespace cp::pdf {

using html::num;

namespace {

const Colour ChangedFill = rgb(0xfff1ddU);
const Colour ChangedMark = rgb(0xffd9a0U);
const Colour NotEqual = rgb(0x9a4a00U);
const Colour LowSupportFill = rgb(0xf6f6f6U);

Span small(const std::string &text, bool breakBefore = true)
{
    Span s{text, Font::Regular, palette::Muted, SmallScale};
    s.breakBefore = breakBefore;
    return s;
}

std::string scoreText(const std::optional<double> &s)
{
    return s ? num(*s, 3) : std::string("no score");
}

/// A differing cell's text with the words not in the reference's text marked, after "≠".
Rich markedText(const std::string &text, const std::string &reference)
{
    Span ne{"=", Font::Bold, NotEqual};
    ne.overstrike = "/";
    Rich out{ne, Span{" "}};
    std::size_t at = 0;
    for (const auto &[b, e] : changedWords(text, reference)) {
        out.push_back(Span{text.substr(at, b - at)});
        Span mark{text.substr(b, e - b), Font::Bold};
        mark.highlight = ChangedMark;
        mark.underline = true;
        out.push_back(mark);
        at = e;
    }
    out.push_back(Span{text.substr(at)});
    return out;
}

void pairTable(Layout &layout, const ReportPair &p, std::optional<double> threshold)
{
    Table t;
    t.head.push_back(headerCell("Field"));
    for (std::size_t v = 0; v < p.variants.size(); ++v)
        t.head.push_back(headerCell(p.variants[v] + (v == 0 ? " (compared against)" : "")));
    // The outcome and the score first: they are what flipped.
    std::vector<Cell> outcomes{headerCell("outcome")};
    std::vector<Cell> scores{headerCell(
            "score" + (threshold ? " (threshold " + num(*threshold, 2) + ")" : std::string()))};
    for (std::size_t v = 0; v < p.variants.size(); ++v) {
        Cell c = textCell(p.outcomes[v], Font::Bold);
        if (v > 0 && p.outcomes[v] != p.outcomes[0]) {
            Span ne{"=", Font::Bold, NotEqual};
            ne.overstrike = "/";
            c.text = {ne, Span{" " + p.outcomes[v], Font::Bold}};
            c.fill = ChangedFill;
        }
        outcomes.push_back(c);
        scores.push_back(numCell(scoreText(p.scores[v])));
    }
    t.rows.push_back(outcomes);
    t.rows.push_back(scores);
    for (const ReportPairField &f : p.fields) {
        std::vector<Cell> cells{headerCell(f.name)};
        for (std::size_t v = 0; v < f.values.size(); ++v) {
            if (v == 0 || f.values[v] == f.values[0]) {
                cells.push_back(textCell(f.values[v]));
            } else {
                Cell c;
                c.text = markedText(f.values[v], f.values[0]);
                c.fill = ChangedFill;
                cells.push_back(c);
            }
        }
        t.rows.push_back(cells);
    }
    layout.table(t);
    std::string same;
    for (const auto &[name, value] : p.sameFields)
        same += (same.empty() ? "" : " · ") + name + " " + (value.empty() ? "(empty)" : value);
    if (!same.empty())
        note(layout, "Identical in every variant shown: " + same);
    if (p.variantsOmitted > 0)
        note(layout, std::to_string(p.variantsOmitted) + " more variant"
                             + (p.variantsOmitted == 1 ? "" : "s")
                             + " of this family not shown (the workbench's Pairs view shows "
                               "them all).");
}

std::string join(const std::vector<std::string> &v, std::size_t from, std::size_t to,
                 const char *sep)
{
    std::string out;
    for (std::size_t i = from; i < to; ++i)
        out += (i > from ? sep : "") + v[i];
    return out;
}

} // namespace

Cell textCell(const std::string &text, Font font, Colour colour)
{
    return Cell{rich(text, font, colour)};
}

Cell numCell(const std::string &text)
{
    Cell c{rich(text)};
    c.align = Align::Right;
    return c;
}

Cell headerCell(const std::string &text)
{
    Cell c{rich(text)};
    c.header = true;
    return c;
}

Cell rateCell(const Proportion &p, const PrivacyFloor &floor)
{
    if (floor.hides(p))
        return Cell{{Span{"withheld"}, small("a count below\u00A0" + std::to_string(*floor.k()))}};
    if (!p.defined())
        return Cell{{Span{"undefined"}, small("n = 0")}};
    const auto ci = *p.ci();
    return Cell{{Span{formatPercent(*p.value()), Font::Bold},
                 small(num(ci.low * 100) + "–" + num(ci.high * 100)),
                 small(std::to_string(p.k) + "/" + std::to_string(p.n))}};
}

std::vector<Cell> headRow(const std::vector<std::string> &titles)
{
    std::vector<Cell> row;
    for (const std::string &t : titles)
        row.push_back(textCell(t));
    return row;
}

Table factsTable(const std::vector<std::pair<std::string, Rich>> &facts)
{
    Table t;
    for (const auto &[label, value] : facts)
        t.rows.push_back({headerCell(label), Cell{value}});
    return t;
}

void note(Layout &layout, const std::string &text)
{
    layout.paragraph(rich(text, Font::Regular, palette::Muted), BodySize * SmallScale, 3);
}

void flipsSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    layout.heading("Flips", 1);
    if (!report.spec.familyColumn) {
        layout.paragraph(rich("The spec names no family column: the table is observational, so "
                              "nothing can flip and there are no pair tests."));
        return;
    }
    Table facts;
    auto fact = [&](const std::string &label, Cell value) {
        facts.rows.push_back({headerCell(label), std::move(value)});
    };
    fact("Families", numCell(r.families ? floor.count(*r.families, true) : "undefined"));
    if (r.flipRate) {
        fact("Comparable families (two or more variants)",
             numCell(floor.count(r.flipRate->n, true)));
        fact("Flipped families", numCell(floor.count(r.flipRate->k, true)));
        fact("Flip rate (Wilson 95 %)", rateCell(*r.flipRate, floor));
    }
    std::map<std::string, std::int64_t> byStage;
    for (const Flip &f : r.flips)
        ++byStage[f.stage];
    for (const auto &[stage, n] : byStage)
        fact("Flipped at stage '" + stage + "'", numCell(floor.count(n, true)));
    layout.table(facts);

    layout.heading("Paired tests per group pair (exact McNemar)", 2, false);
    if (r.pairTests.empty()) {
        layout.paragraph(rich("No matched pairs."));
    } else {
        Table t;
        t.head = headRow({"Attribute", "Group a", "Group b", "Matched pairs",
                          "a favourable, b not", "b favourable, a not", "McNemar p",
                          "Mean score shift (b − a)", "Mean |Δscore|"});
        for (const PairTest &pt : r.pairTests) {
            const bool pHidden = floor.hides(pt.aOnly) || floor.hides(pt.bOnly);
            const bool meanHidden = floor.hides(pt.pairs);
            auto mean = [&](const std::optional<double> &v) {
                return numCell(!v ? "undefined" : meanHidden ? "withheld" : num(*v, 3));
            };
            t.rows.push_back({textCell(pt.attribute), textCell(pt.a), textCell(pt.b),
                              numCell(floor.count(pt.pairs, true)),
                              numCell(floor.count(pt.aOnly, true)),
                              numCell(floor.count(pt.bOnly, true)),
                              numCell(pHidden ? "withheld" : formatPValue(pt.mcnemarP)),
                              mean(pt.meanShift), mean(pt.meanAbsDelta)});
        }
        layout.table(t);
    }

    layout.heading("Top flipped pairs, side by side", 2);
    if (!report.pairsNote.empty())
        note(layout, report.pairsNote);
    if (!report.topPairs.empty() && report.options.includePairText) {
        // The explanation draws its marks as the cells do.
        Span ne{"=", Font::Bold, NotEqual, SmallScale};
        ne.overstrike = "/";
        Span changed{"highlighted and underlined", Font::Bold, palette::Muted, SmallScale};
        changed.highlight = ChangedMark;
        changed.underline = true;
        layout.paragraph({Span{"The " + std::to_string(report.topPairs.size()) + " of "
                                       + floor.count(std::int64_t(r.flips.size()), true)
                                       + " flipped families with the largest score differences. "
                                         "In each family the first variant is the one the others "
                                         "are compared against: a cell that differs is shaded "
                                         "and marked ",
                               Font::Regular, palette::Muted, SmallScale},
                          ne,
                          Span{" and its changed words are ", Font::Regular, palette::Muted,
                               SmallScale},
                          changed, Span{".", Font::Regular, palette::Muted, SmallScale}},
                         BodySize, 3);
        for (const ReportPair &p : report.topPairs) {
            layout.heading("Family " + p.family + " · flipped at " + p.stage
                                   + (p.scoreRange ? " · |Δscore| " + num(*p.scoreRange, 3)
                                                   : std::string()),
                           2, false);
            pairTable(layout, p, report.spec.prediction.threshold);
        }
    } else if (!report.topPairs.empty()) {
        Table t;
        t.head = headRow({"Family", "Outcomes by variant", "Scores", "Stage", "|Δscore|"});
        for (const ReportPair &p : report.topPairs) {
            std::string outcomes, scores;
            for (std::size_t v = 0; v < p.variants.size(); ++v) {
                outcomes += (v ? "; " : "") + p.variants[v] + ": " + p.outcomes[v];
                scores += (v ? "; " : "") + scoreText(p.scores[v]);
            }
            t.rows.push_back({textCell(p.family), textCell(outcomes), textCell(scores),
                              textCell(p.stage),
                              numCell(p.scoreRange ? num(*p.scoreRange, 3) : "undefined")});
        }
        layout.table(t);
    }
}

void slicesSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    const Contract *contract = report.spec.contract ? &*report.spec.contract : nullptr;
    layout.heading("Slices", 1);
    std::string intro = "Every proportion carries its Wilson 95 % interval (in the tables: "
                        "low–high in percent) and its k/n. A rate with n = 0 is undefined, "
                        "never 0.";
    if (contract && (contract->minPositives > 0 || contract->minNegatives > 0))
        intro += " Slices with fewer than " + std::to_string(contract->minPositives)
                 + " positives or " + std::to_string(contract->minNegatives)
                 + " negatives lack the contract's minimum support: their whiskers are dashed "
                   "and their rows grey.";
    layout.paragraph(rich(intro));
    for (const AttributeSlices &a : r.slices) {
        layout.heading(a.attribute, 2);
        sliceChart(layout, a, contract, floor);
        Table t;
        t.head = headRow({"Group", "n", "Positives", "Negatives", "Selection rate", "TPR", "FPR",
                          "Precision", "Accuracy", "Mean score"});
        for (const SliceRates &g : a.groups) {
            const bool reference = a.reference && *a.reference == g.group;
            const bool low = contract && (g.positives < contract->minPositives
                                          || g.negatives < contract->minNegatives);
            Cell label = headerCell(g.group);
            if (reference)
                label.text.push_back(small("reference"));
            if (low)
                label.text.push_back(small("below minimum support"));
            std::vector<Cell> row{label, numCell(floor.count(g.n, true)),
                                  numCell(floor.count(g.positives, true)),
                                  numCell(floor.count(g.negatives, true))};
            for (Metric m : {Metric::SelectionRate, Metric::Tpr, Metric::Fpr, Metric::Precision,
                             Metric::Accuracy})
                row.push_back(rateCell(g.rate(m), floor));
            row.push_back(numCell(!g.meanScore        ? "undefined"
                                  : floor.hides(g.n) ? "withheld"
                                                     : num(*g.meanScore, 3)));
            if (low)
                for (Cell &c : row)
                    c.fill = LowSupportFill;
            t.rows.push_back(row);
        }
        layout.table(t);
    }
}

void gapsSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    layout.heading("Gaps", 1);
    layout.paragraph(rich("Across groups: difference = max − min and ratio = min / max over "
                          "groups with a defined rate (Fairlearn's between_groups), with "
                          "Newcombe's hybrid score interval for the difference."));
    Table t;
    t.head = headRow({"Attribute", "Metric", "Difference", "Newcombe 95 %", "Ratio", "Max group",
                      "Min group", "Groups"});
    std::vector<std::string> undefinedEverywhere;
    for (const AttributeGaps &a : r.gaps)
        for (const Gap &g : a.gaps) {
            if (g.groupsCompared == 0) {
                const std::string label = metricLabel(g.metric);
                if (std::find(undefinedEverywhere.begin(), undefinedEverywhere.end(), label)
                    == undefinedEverywhere.end())
                    undefinedEverywhere.push_back(label);
                continue;
            }
            const bool hidden = gapWithheld(floor, r, a.attribute, g);
            t.rows.push_back(
                    {textCell(a.attribute), textCell(metricLabel(g.metric)),
                     numCell(html::optPercent(g.difference, hidden, floor)),
                     numCell(!g.ci ? "undefined" : hidden ? "withheld" : formatInterval(*g.ci)),
                     numCell(html::optPercent(g.ratio, hidden, floor)),
                     // Which group is higher would tell a withheld gap's sign.
                     textCell(hidden ? "withheld" : g.maxGroup),
                     textCell(hidden ? "withheld" : g.minGroup),
                     numCell(std::to_string(g.groupsCompared))});
        }
    layout.table(t);
    if (!undefinedEverywhere.empty())
        note(layout, "No gap for " + join(undefinedEverywhere, 0, undefinedEverywhere.size(), ", ")
                             + ": no group has a defined rate (n = 0), typically because the "
                               "spec names no expected outcome.");
    if (!r.referenceGaps.empty()) {
        layout.heading("Against the reference group (AIF360)", 2, false);
        Table ref;
        ref.head = headRow({"Attribute", "Group vs reference", "SPD", "DI", "EOD", "AOD",
                            "FNR difference"});
        for (const AttributeReferenceGaps &a : r.referenceGaps)
            for (const ReferenceGap &g : a.groups) {
                auto hidden = [&](std::initializer_list<Metric> ms) {
                    return referenceGapWithheld(floor, r, a.attribute, a.reference, g.group, ms);
                };
                const bool sr = hidden({Metric::SelectionRate}), tpr = hidden({Metric::Tpr});
                const bool aod = hidden({Metric::Tpr, Metric::Fpr});
                ref.rows.push_back(
                        {textCell(a.attribute), textCell(g.group + " vs " + a.reference),
                         numCell(html::optPercent(g.spd, sr, floor, true)),
                         numCell(!g.di ? "undefined" : sr ? "withheld" : num(*g.di, 3)),
                         numCell(html::optPercent(g.eod, tpr, floor, true)),
                         numCell(html::optPercent(g.aod, aod, floor, true)),
                         numCell(html::optPercent(g.fnrDifference, tpr, floor, true))});
            }
        layout.table(ref);
    }
    const bool overallHidden = floor.hides(r.overallTpr) || floor.hides(r.overallTnr);
    Table overall;
    overall.rows.push_back({headerCell("Balanced accuracy (all rows)"),
                            numCell(html::optPercent(r.balancedAccuracy, overallHidden, floor))});
    overall.rows.push_back({headerCell("Theil index (all rows)"),
                            numCell(!r.theilIndex   ? "undefined"
                                    : overallHidden ? "withheld"
                                                    : num(*r.theilIndex, 4))});
    layout.table(overall);
}

void intersectionsSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    layout.heading("Intersections", 1);
    if (r.intersections.empty()) {
        layout.paragraph(rich("The spec asks for no intersection grid."));
        return;
    }
    layout.paragraph({Span{"Cells with less than the minimum support are "},
                      Span{"report-only", Font::Bold},
                      Span{": drawn, hatched grey and labelled, never counted as release "
                           "evidence."}});
    constexpr std::size_t MaxRows = 60;   // as the HTML; the CSV export has every cell
    for (const Intersection &x : r.intersections) {
        if (x.dimensions.empty() || x.cells.empty()) {
            layout.paragraph(rich("This grid has no cells."));
            continue;
        }
        const Metric m = html::intersectionMetric(x);
        std::vector<std::string> columns;
        for (const IntersectionCell &c : x.cells) {
            if (std::find(columns.begin(), columns.end(), c.key.back()) != columns.end())
                break;
            columns.push_back(c.key.back());
        }
        const std::size_t width = std::max<std::size_t>(columns.size(), 1);
        const std::size_t rows = x.cells.size() / width;
        const std::size_t last = x.dimensions.size() - 1;
        Table t;
        t.middle = true;
        t.padX = 9;
        t.padY = 6;
        t.caption = metricLabel(m) + " by " + join(x.dimensions, 0, x.dimensions.size(), " × ")
                    + " over "
                    + (x.population == Population::All         ? "all rows"
                       : x.population == Population::Positives ? "positive rows"
                                                               : "negative rows")
                    + (x.minSupport > 0 ? "; minimum support " + std::to_string(x.minSupport)
                                                  + " rows per cell"
                                        : std::string("; the contract sets no minimum support"));
        t.head.push_back(textCell((last == 0 ? std::string() : join(x.dimensions, 0, last, " / ")
                                                                       + " \\ ")
                                  + x.dimensions.back()));
        for (const std::string &c : columns)
            t.head.push_back(textCell(c));
        std::int64_t reportOnly = 0;
        for (const IntersectionCell &c : x.cells)
            reportOnly += c.status == CellStatus::ReportOnly;
        for (std::size_t row = 0; row < rows && row < MaxRows; ++row) {
            std::vector<Cell> cells{headerCell(join(x.cells[row * width].key, 0, last, " / "))};
            for (std::size_t c = 0; c < width; ++c) {
                const IntersectionCell &cell = x.cells[row * width + c];
                cells.push_back(gridCell(intersectionRate(cell, m),
                                         cell.status == CellStatus::ReportOnly, cell.n,
                                         x.minSupport, "report-only", report.floor));
            }
            t.rows.push_back(std::move(cells));
        }
        layout.table(t);
        if (rows > MaxRows)
            note(layout, std::to_string(rows - MaxRows) + " more rows of this grid are in the "
                                                          "CSV export (intersections.csv).");
        if (reportOnly > 0)
            note(layout, std::to_string(reportOnly) + " of " + std::to_string(x.cells.size())
                                 + " cells are report-only.");
    }
    gridLegend(layout, "report-only: below the minimum support, not release evidence");
}

void calibrationSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    layout.heading("Calibration", 1);
    if (!report.spec.truth) {
        layout.paragraph(rich("The spec names no expected outcome (y_true), so the observed "
                              "positive rate of every score band is undefined: there is no "
                              "calibration to show."));
        return;
    }
    if (r.calibration.empty()) {
        layout.paragraph(rich(report.spec.scoreBands
                                      ? "No calibration cell: the table has no expected outcome "
                                        "or score."
                                      : "The spec names no score bands, so there is no "
                                        "calibration."));
        return;
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
    layout.paragraph(rich("Per score band and group, the share of rows whose expected outcome "
                          "is positive. A cell with too little support says \"insufficient\" "
                          "instead of counting."));
    for (const std::string &a : attributes) {
        std::vector<std::string> groups;
        std::map<std::pair<std::string, std::string>, const CalibrationCell *> at;
        for (const CalibrationCell &c : r.calibration) {
            if (c.attribute != a)
                continue;
            if (std::find(groups.begin(), groups.end(), c.group) == groups.end())
                groups.push_back(c.group);
            at[{c.group, c.band}] = &c;
        }
        Table t;
        t.middle = true;
        t.padX = 9;
        t.padY = 6;
        t.caption = "Observed positive rate (expected outcome) per score band and group of " + a
                    + "; at least " + std::to_string(min) + " rows per cell";
        t.head.push_back(textCell(a + " \\ score band"));
        for (const std::string &b : bands)
            t.head.push_back(textCell(b));
        for (const std::string &g : groups) {
            std::vector<Cell> cells{headerCell(g)};
            for (const std::string &b : bands) {
                const auto it = at.find({g, b});
                if (it == at.end()) {
                    Cell none = textCell("no rows", Font::Regular, palette::Muted);
                    none.align = Align::Centre;
                    none.fill = UndefinedFill;
                    cells.push_back(none);
                    continue;
                }
                const CalibrationCell &c = *it->second;
                cells.push_back(gridCell(c.observed, !c.eligible, c.n, min, "insufficient",
                                         report.floor));
            }
            t.rows.push_back(std::move(cells));
        }
        layout.table(t);
    }
    gridLegend(layout, "insufficient support");
}

void checksSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    layout.heading("Contract checks", 1);
    if (r.checks.empty()) {
        layout.paragraph(rich("The spec has no contract: nothing was checked."));
        return;
    }
    Table t;
    t.head = headRow({"Check", "Attribute", "Value", "Limit", "Result", "Detail"});
    for (const Check &c : r.checks) {
        std::string detail = c.detail;
        if (checkValueWithheld(report.floor, r, c))
            detail = c.status == CheckStatus::Insufficient ? "slices lack minimum support" : "";
        // In words and colour, as the HTML's "✓ passed", "✕ failed", "? insufficient".
        const Cell status = c.status == CheckStatus::Passed
                                    ? textCell("passed", Font::Bold, palette::Approved)
                            : c.status == CheckStatus::Failed
                                    ? textCell("failed", Font::Bold, palette::Blocked)
                                    : textCell("? insufficient", Font::Bold, rgb(0x8a5a00U));
        t.rows.push_back({textCell(checkTitle(c)),
                          textCell(c.attribute.empty() ? "all rows" : c.attribute),
                          numCell(checkValueText(c, r, report.floor)),
                          numCell(checkLimitText(c)), status,
                          textCell(report.floor.mask(detail))});
    }
    layout.table(t);
}

} // namespace cp::pdf
