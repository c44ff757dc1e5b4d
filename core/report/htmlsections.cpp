// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The metric sections of the HTML report: flips and pairs, slices, gaps, intersections,
// calibration, checks; and the small helpers every section shares.

#include "htmlsections.h"

#include "htmltext.h"
#include "reportcharts.h"
#include "reportformat.h"

#include <core/audit/pairsindex.h>

#include <algorithm>
#include <map>

namespace cp::html {

std::string sourceText(const ReportTested &tested)
{
    return tested.sourceKind == "table" ? "table '" + tested.sourceLabel + "'" : tested.sourceLabel;
}

std::string section(const char *id, const std::string &title, const std::string &body)
{
    return std::string("<section id=\"") + id + "\"><h2>" + esc(title) + "</h2>" + body
           + "</section>";
}

std::string row(const std::vector<std::string> &cells, bool rowHeader)
{
    std::string s = "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string &c = cells[i];
        if (c.rfind("<td", 0) == 0 || c.rfind("<th", 0) == 0)
            s += c;
        else if (i == 0 && rowHeader)
            s += "<th>" + c + "</th>";
        else
            s += "<td>" + c + "</td>";
    }
    return s + "</tr>";
}

std::string headRow(const std::vector<std::string> &titles)
{
    std::string s = "<tr>";
    for (const std::string &t : titles)
        s += "<th>" + esc(t) + "</th>";
    return s + "</tr>";
}

std::string numCell(const std::string &text)
{
    return "<td class=\"num\">" + esc(text) + "</td>";
}

std::string rateCell(const Proportion &p, const PrivacyFloor &floor)
{
    if (floor.hides(p))
        return "<td class=\"rate\">withheld<span class=\"small\">"
               + esc("a count below " + std::to_string(*floor.k())) + "</span></td>";
    if (!p.defined())
        return "<td class=\"rate\">undefined<span class=\"small\">n = 0</span></td>";
    // Compact, so that a slice table's ten columns fit the page: the interval in percent
    // without units, then k/n.
    const auto ci = *p.ci();
    return "<td class=\"rate\"><b>" + esc(formatPercent(*p.value())) + "</b><span class=\"small\">"
           + esc(num(ci.low * 100) + "–" + num(ci.high * 100)) + "</span><span class=\"small\">"
           + esc(std::to_string(p.k) + "/" + std::to_string(p.n)) + "</span></td>";
}

std::string optPercent(const std::optional<double> &v, bool withheld, const PrivacyFloor &floor,
                       bool sign)
{
    if (!v)
        return "undefined";
    if (withheld)
        return "withheld (" + floor.marker() + ")";
    return formatPercent(*v, 1, sign);
}

std::string statusCell(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Passed: return "<td class=\"status-passed\">✓ passed</td>";
    case CheckStatus::Failed: return "<td class=\"status-failed\">✕ failed</td>";
    case CheckStatus::Insufficient: return "<td class=\"status-insufficient\">? insufficient</td>";
    }
    return "<td></td>";
}

namespace {

/// A cell's text with the words not in the reference's text marked.
std::string markedText(const std::string &text, const std::string &reference)
{
    const auto changed = changedWords(text, reference);
    std::string s;
    std::size_t at = 0;
    for (const auto &[b, e] : changed) {
        s += esc(std::string_view(text).substr(at, b - at));
        s += "<mark class=\"changed\">" + esc(std::string_view(text).substr(b, e - b)) + "</mark>";
        at = e;
    }
    return s + esc(std::string_view(text).substr(at));
}

std::string scoreText(const std::optional<double> &s)
{
    return s ? num(*s, 3) : std::string("no score");
}

std::string pairTable(const ReportPair &p, std::optional<double> threshold)
{
    std::string s = "<div class=\"wide\"><table class=\"pair\"><thead><tr><th>Field</th>";
    for (std::size_t v = 0; v < p.variants.size(); ++v)
        s += "<th>" + esc(p.variants[v]) + (v == 0 ? " (compared against)" : "") + "</th>";
    s += "</tr></thead><tbody>";
    // The outcome and the score first: they are what flipped.
    std::vector<std::string> outcomes{esc("outcome")};
    std::vector<std::string> scores{
            esc("score" + (threshold ? " (threshold " + num(*threshold, 2) + ")" : std::string()))};
    for (std::size_t v = 0; v < p.variants.size(); ++v) {
        const bool differs = v > 0 && p.outcomes[v] != p.outcomes[0];
        outcomes.push_back(differs ? "<td class=\"changed\"><span class=\"ne\">≠ </span><b>"
                                         + esc(p.outcomes[v]) + "</b></td>"
                                   : "<td><b>" + esc(p.outcomes[v]) + "</b></td>");
        scores.push_back(numCell(scoreText(p.scores[v])));
    }
    s += row(outcomes, true) + row(scores, true);
    for (const ReportPairField &f : p.fields) {
        std::vector<std::string> cells{esc(f.name)};
        for (std::size_t v = 0; v < f.values.size(); ++v) {
            if (v == 0 || f.values[v] == f.values[0])
                cells.push_back(esc(f.values[v]));
            else
                cells.push_back("<td class=\"changed\"><span class=\"ne\">≠ </span>"
                                + markedText(f.values[v], f.values[0]) + "</td>");
        }
        s += row(cells, true);
    }
    s += "</tbody></table></div>";
    std::string same;
    for (const auto &[name, value] : p.sameFields)
        same += (same.empty() ? "" : " · ") + name + " " + (value.empty() ? "(empty)" : value);
    if (!same.empty())
        s += "<p class=\"small\">" + esc("Identical in every variant shown: " + same) + "</p>";
    if (p.variantsOmitted > 0)
        s += "<p class=\"small\">" + esc(std::to_string(p.variantsOmitted) + " more variant"
                                         + (p.variantsOmitted == 1 ? "" : "s")
                                         + " of this family not shown (the workbench's Pairs view "
                                           "shows them all).")
             + "</p>";
    return s;
}

} // namespace

std::string flipsSection(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    if (!report.spec.familyColumn)
        return section("flips", "Flips",
                       "<p>The spec names no family column: the table is observational, so "
                       "nothing can flip and there are no pair tests.</p>");
    std::string s = "<table class=\"facts\"><tbody>";
    s += row({esc("Families"), numCell(r.families ? floor.count(*r.families, true) : "undefined")},
             true);
    if (r.flipRate) {
        s += row({esc("Comparable families (two or more variants)"),
                  numCell(floor.count(r.flipRate->n, true))}, true);
        s += row({esc("Flipped families"), numCell(floor.count(r.flipRate->k, true))}, true);
        s += row({esc("Flip rate (Wilson 95 %)"), rateCell(*r.flipRate, floor)}, true);
    }
    std::map<std::string, std::int64_t> byStage;
    for (const Flip &f : r.flips)
        ++byStage[f.stage];
    for (const auto &[stage, n] : byStage)
        s += row({esc("Flipped at stage '" + stage + "'"), numCell(floor.count(n, true))}, true);
    s += "</tbody></table>";

    s += "<h3>Paired tests per group pair (exact McNemar)</h3>";
    if (r.pairTests.empty()) {
        s += "<p>No matched pairs.</p>";
    } else {
        s += "<table><thead>"
             + headRow({"Attribute", "Group a", "Group b", "Matched pairs", "a favourable, b not",
                        "b favourable, a not", "McNemar p", "Mean score shift (b − a)",
                        "Mean |Δscore|"})
             + "</thead><tbody>";
        for (const PairTest &t : r.pairTests) {
            const bool pHidden = floor.hides(t.aOnly) || floor.hides(t.bOnly);
            const bool meanHidden = floor.hides(t.pairs);
            auto mean = [&](const std::optional<double> &v) {
                return numCell(!v ? "undefined" : meanHidden ? "withheld" : num(*v, 3));
            };
            s += row({esc(t.attribute), esc(t.a), esc(t.b), numCell(floor.count(t.pairs, true)),
                      numCell(floor.count(t.aOnly, true)), numCell(floor.count(t.bOnly, true)),
                      numCell(pHidden ? "withheld" : formatPValue(t.mcnemarP)), mean(t.meanShift),
                      mean(t.meanAbsDelta)});
        }
        s += "</tbody></table>";
    }

    s += "<h3>Top flipped pairs, side by side</h3>";
    if (!report.pairsNote.empty())
        s += "<p class=\"note\">" + esc(report.pairsNote) + "</p>";
    if (!report.topPairs.empty() && report.options.includePairText) {
        s += "<p class=\"note\">" + esc("The " + std::to_string(report.topPairs.size()) + " of "
                                        + report.floor.count(std::int64_t(r.flips.size()), true)
                                        + " flipped families with the largest score "
                                          "differences.")
             + " In each family the first "
             "variant is the one the others are compared against: a cell that differs is marked "
             "<span class=\"ne\">≠</span> and its changed words are "
             "<mark class=\"changed\">highlighted and underlined</mark>.</p>";
        for (const ReportPair &p : report.topPairs) {
            s += "<h3>"
                 + esc("Family " + p.family + " · flipped at " + p.stage
                       + (p.scoreRange ? " · |Δscore| " + num(*p.scoreRange, 3) : std::string()))
                 + "</h3>";
            s += pairTable(p, report.spec.prediction.threshold);
        }
    } else if (!report.topPairs.empty()) {
        s += "<table><thead>" + headRow({"Family", "Outcomes by variant", "Scores", "Stage",
                                          "|Δscore|"})
             + "</thead><tbody>";
        for (const ReportPair &p : report.topPairs) {
            std::string outcomes, scores;
            for (std::size_t v = 0; v < p.variants.size(); ++v) {
                outcomes += (v ? "; " : "") + p.variants[v] + ": " + p.outcomes[v];
                scores += (v ? "; " : "") + scoreText(p.scores[v]);
            }
            s += row({esc(p.family), esc(outcomes), esc(scores), esc(p.stage),
                      numCell(p.scoreRange ? num(*p.scoreRange, 3) : "undefined")});
        }
        s += "</tbody></table>";
    }
    return section("flips", "Flips", s);
}

std::string slicesSection(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    const Contract *contract = report.spec.contract ? &*report.spec.contract : nullptr;
    std::string s = "<p>Every proportion carries its Wilson 95 % interval (in the tables: "
                    "low–high in percent) and its k/n. A rate with n = 0 is undefined, never 0.";
    if (contract && (contract->minPositives > 0 || contract->minNegatives > 0))
        s += esc(" Slices with fewer than " + std::to_string(contract->minPositives)
                 + " positives or " + std::to_string(contract->minNegatives)
                 + " negatives lack the contract's minimum support: their whiskers are dashed and "
                   "their rows grey.");
    s += "</p>";
    for (const AttributeSlices &a : r.slices) {
        s += "<h3>" + esc(a.attribute) + "</h3>";
        s += sliceChartSvg(a, contract, floor);
        s += "<div class=\"wide\"><table><thead>"
             + headRow({"Group", "n", "Positives", "Negatives", "Selection rate", "TPR", "FPR",
                        "Precision", "Accuracy", "Mean score"})
             + "</thead><tbody>";
        for (const SliceRates &g : a.groups) {
            const bool reference = a.reference && *a.reference == g.group;
            const bool low = contract && (g.positives < contract->minPositives
                                          || g.negatives < contract->minNegatives);
            std::string label = "<b>" + esc(g.group) + "</b>";
            if (reference)
                label += "<span class=\"small\">reference</span>";
            if (low)
                label += "<span class=\"small\">below minimum support</span>";
            std::string out = low ? "<tr class=\"low-support\">" : "<tr>";
            out += "<th>" + label + "</th>" + numCell(floor.count(g.n, true))
                   + numCell(floor.count(g.positives, true))
                   + numCell(floor.count(g.negatives, true));
            for (Metric m : {Metric::SelectionRate, Metric::Tpr, Metric::Fpr, Metric::Precision,
                             Metric::Accuracy})
                out += rateCell(g.rate(m), floor);
            out += numCell(!g.meanScore ? "undefined"
                           : floor.hides(g.n) ? "withheld" : num(*g.meanScore, 3));
            s += out + "</tr>";
        }
        s += "</tbody></table></div>";
    }
    return section("slices", "Slices", s);
}

std::string gapsSection(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    std::string s
            = "<p>Across groups: difference = max − min and ratio = min / max over groups with "
              "a defined rate (Fairlearn's between_groups), with Newcombe's hybrid score "
              "interval for the difference.</p>";
    s += "<table><thead>" + headRow({"Attribute", "Metric", "Difference", "Newcombe 95 %", "Ratio",
                                      "Max group", "Min group", "Groups"})
         + "</thead><tbody>";
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
            s += row({esc(a.attribute), esc(metricLabel(g.metric)),
                      numCell(optPercent(g.difference, hidden, floor)),
                      numCell(!g.ci ? "undefined" : hidden ? "withheld" : formatInterval(*g.ci)),
                      numCell(optPercent(g.ratio, hidden, floor)),
                      // Which group is higher would tell a withheld gap's sign.
                      esc(hidden ? "withheld" : g.maxGroup), esc(hidden ? "withheld" : g.minGroup),
                      numCell(std::to_string(g.groupsCompared))});
        }
    s += "</tbody></table>";
    if (!undefinedEverywhere.empty()) {
        std::string names;
        for (const std::string &n : undefinedEverywhere)
            names += (names.empty() ? "" : ", ") + n;
        s += "<p class=\"note\">" + esc("No gap for " + names + ": no group has a defined rate "
                                        "(n = 0), typically because the spec names no expected "
                                        "outcome.")
             + "</p>";
    }
    if (!r.referenceGaps.empty()) {
        s += "<h3>Against the reference group (AIF360)</h3><table><thead>"
             + headRow({"Attribute", "Group vs reference", "SPD", "DI", "EOD", "AOD",
                        "FNR difference"})
             + "</thead><tbody>";
        for (const AttributeReferenceGaps &a : r.referenceGaps)
            for (const ReferenceGap &g : a.groups) {
                auto hidden = [&](std::initializer_list<Metric> ms) {
                    return referenceGapWithheld(floor, r, a.attribute, a.reference, g.group, ms);
                };
                const bool sr = hidden({Metric::SelectionRate}), tpr = hidden({Metric::Tpr});
                const bool aod = hidden({Metric::Tpr, Metric::Fpr});
                s += row({esc(a.attribute), esc(g.group + " vs " + a.reference),
                          numCell(optPercent(g.spd, sr, floor, true)),
                          numCell(!g.di ? "undefined" : sr ? "withheld" : num(*g.di, 3)),
                          numCell(optPercent(g.eod, tpr, floor, true)),
                          numCell(optPercent(g.aod, aod, floor, true)),
                          numCell(optPercent(g.fnrDifference, tpr, floor, true))});
            }
        s += "</tbody></table>";
    }
    const bool overallHidden = floor.hides(r.overallTpr) || floor.hides(r.overallTnr);
    s += "<table class=\"facts\"><tbody>";
    s += row({esc("Balanced accuracy (all rows)"),
              numCell(optPercent(r.balancedAccuracy, overallHidden, floor))}, true);
    s += row({esc("Theil index (all rows)"), numCell(!r.theilIndex   ? "undefined"
                                                     : overallHidden ? "withheld"
                                                                     : num(*r.theilIndex, 4))},
             true);
    s += "</tbody></table>";
    return section("gaps", "Gaps", s);
}

std::string intersectionsSection(const Report &report)
{
    const AuditResult &r = report.result;
    if (r.intersections.empty())
        return section("intersections", "Intersections",
                       "<p>The spec asks for no intersection grid.</p>");
    std::string s = "<p>Cells with less than the minimum support are <b>report-only</b>: drawn, "
                    "hatched grey and labelled, never counted as release evidence.</p>";
    for (const Intersection &x : r.intersections) {
        std::int64_t reportOnly = 0;
        for (const IntersectionCell &c : x.cells)
            reportOnly += c.status == CellStatus::ReportOnly;
        s += intersectionGridHtml(x, report.floor);
        if (reportOnly > 0)
            s += "<p class=\"note\">" + esc(std::to_string(reportOnly) + " of "
                                            + std::to_string(x.cells.size())
                                            + " cells are report-only.")
                 + "</p>";
    }
    s += gridLegendHtml("report-only: below the minimum support, not release evidence");
    return section("intersections", "Intersections", s);
}

std::string calibrationSection(const Report &report)
{
    const AuditResult &r = report.result;
    if (!report.spec.truth)
        return section("calibration", "Calibration",
                       "<p>The spec names no expected outcome (y_true), so the observed positive "
                       "rate of every score band is undefined: there is no calibration to "
                       "show.</p>");
    if (r.calibration.empty())
        return section(
                "calibration", "Calibration",
                report.spec.scoreBands
                        ? "<p>No calibration cell: the table has no expected outcome or score.</p>"
                        : "<p>The spec names no score bands, so there is no calibration.</p>");
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
    std::string s = "<p>Per score band and group, the share of rows whose expected outcome is "
                    "positive. A cell with too little support says \"insufficient\" instead of "
                    "counting.</p>";
    for (const std::string &a : attributes) {
        std::vector<const CalibrationCell *> cells;
        for (const CalibrationCell &c : r.calibration)
            if (c.attribute == a)
                cells.push_back(&c);
        s += calibrationGridHtml(a, cells, bands, min, report.floor);
    }
    s += gridLegendHtml("insufficient support");
    return section("calibration", "Calibration", s);
}

std::string checksSection(const Report &report)
{
    const AuditResult &r = report.result;
    if (r.checks.empty())
        return section("checks", "Contract checks",
                       "<p>The spec has no contract: nothing was checked.</p>");
    std::string s = "<table><thead>" + headRow({"Check", "Attribute", "Value", "Limit", "Result",
                                                 "Detail"})
                    + "</thead><tbody>";
    for (const Check &c : r.checks) {
        std::string detail = c.detail;
        if (checkValueWithheld(report.floor, r, c))
            detail = c.status == CheckStatus::Insufficient ? "slices lack minimum support" : "";
        s += row({esc(checkTitle(c)), esc(c.attribute.empty() ? "all rows" : c.attribute),
                  numCell(checkValueText(c, r, report.floor)), numCell(checkLimitText(c)),
                  statusCell(c.status), esc(report.floor.mask(detail))});
    }
    return section("checks", "Contract checks", s + "</tbody></table>");
}

} // namespace cp::html
