// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The HTML report's framing sections: the decision and its reasons, what was tested, the
// comparison with a baseline, limitations, warnings, versions and hashes.

#include "htmlsections.h"

#include "htmltext.h"
#include "reportformat.h"

namespace cp::html {

namespace {

std::string list(const std::vector<std::string> &items)
{
    std::string s = "<ul>";
    for (const std::string &i : items)
        s += "<li>" + esc(i) + "</li>";
    return s + "</ul>";
}

std::string hash(const std::string &h)
{
    return h.empty() ? esc("not recorded") : "<span class=\"hash\">" + esc(h) + "</span>";
}

} // namespace

std::string decisionSection(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    std::vector<std::string> failed, insufficient;
    for (const Check &c : r.checks) {
        if (c.status == CheckStatus::Failed)
            failed.push_back(checkMessage(c, r, floor));
        else if (c.status == CheckStatus::Insufficient)
            insufficient.push_back(checkMessage(c, r, floor));
    }
    std::string cls = !r.decision                         ? "none"
                      : *r.decision == Decision::Approved ? "approved"
                                                          : "blocked";
    std::string verdict = !r.decision                         ? "NO CONTRACT"
                          : *r.decision == Decision::Approved ? "✓ APPROVED"
                                                              : "✕ BLOCKED";
    const std::string lead = decisionLead(r);
    std::string s = "<section id=\"decision\"><div class=\"decision " + cls + "\">";
    s += "<div class=\"verdict\">" + esc(verdict) + "</div>";
    s += "<p class=\"lead\">" + esc(lead) + "</p>";
    if (report.comparison && report.comparison->repairedOnRegressionSet)
        s += "<p class=\"caveat\">" + esc(report.comparison->caveat) + "</p>";
    if (!failed.empty())
        s += "<h3>Failed checks</h3>" + list(failed);
    if (!insufficient.empty())
        s += "<h3>Not enough evidence (insufficient, never passed)</h3>" + list(insufficient);
    if (!r.missing.empty())
        s += "<h3>Missing requirements</h3>" + list(r.missing);
    s += "<p class=\"small\">" + esc(decisionFacts(report)) + "</p></div></section>";
    return s;
}

std::string checkStatusWord(const std::optional<CheckStatus> &s)
{
    return s ? checkStatusKey(*s) : std::string("not checked");
}

std::string decisionFacts(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    std::string facts = sourceText(report.tested) + " · " + floor.count(r.rows, true) + " rows";
    if (r.families)
        facts += " · " + floor.count(*r.families, true) + " families";
    if (r.flipRate)
        facts += " · " + floor.count(r.flipRate->k, true) + " flipped";
    if (!report.tested.contractVersion.empty())
        facts += " · contract version " + report.tested.contractVersion;
    return facts;
}

std::string testedSection(const Report &report)
{
    const ReportTested &t = report.tested;
    const AuditResult &r = report.result;
    std::string s = "<table class=\"facts\"><tbody>";
    auto fact = [&](const std::string &label, const std::string &html) {
        s += row({esc(label), html}, true);
    };
    fact("Project", esc(t.projectName + " (" + t.projectFile + ")"));
    if (t.sourceKind == "scoring run") {
        fact("Scoring run",
             esc("run " + std::to_string(t.runId) + " · " + t.runStatus + " · started "
                 + t.runStarted + (t.runFinished.empty() ? "" : ", finished " + t.runFinished)));
        fact("Probe set", esc("'" + t.probeSetName + "' version " + std::to_string(t.probeSetId)
                              + " · " + t.probeSetKind + " · frozen " + t.probeSetCreated
                              + (t.probeSetSeed ? " · seed " + std::to_string(*t.probeSetSeed)
                                                : std::string())));
        fact("Probe set SHA-256", hash(t.probeSetSha256));
        fact("Model", esc(t.modelName + " version " + t.modelVersion + " (" + t.modelKind + ")"));
        fact("Model config SHA-256", hash(t.modelConfigSha256));
    } else {
        fact("Table", esc("'" + t.sourceLabel + "', imported " + t.tableImported));
        fact("Model", esc("not recorded: the table was scored outside Counterpart"));
    }
    fact("Audited table SHA-256", hash(t.tableSha256));
    fact("Rows", esc(report.floor.count(r.rows, true)));
    fact("Families", esc(r.families ? report.floor.count(*r.families, true)
                                    : std::string("none (no family column)")));
    std::string attrs;
    for (const AttributeSpec &a : report.spec.protectedAttributes) {
        std::string groups;
        for (const std::string &g : a.groups)
            groups += (groups.empty() ? "" : ", ") + g
                      + (a.reference && *a.reference == g ? " (reference)" : "");
        attrs += "<div>" + esc(a.name + ": " + groups) + "</div>";
    }
    fact("Protected attributes", attrs.empty() ? esc("none") : attrs);
    std::string strata;
    for (const AttributeSpec &a : report.spec.strata) {
        std::string groups;
        for (const std::string &g : a.groups)
            groups += (groups.empty() ? "" : ", ") + g;
        strata += "<div>" + esc(a.name + ": " + groups) + "</div>";
    }
    fact("Strata", strata.empty() ? esc("none") : strata);
    if (const auto &c = report.spec.contract) {
        std::string limits;
        if (c->primary)
            limits += "<div>" + esc("primary: " + gapLimitText(*c->primary)) + "</div>";
        for (const GapLimit &g : c->guardrails)
            limits += "<div>" + esc("guardrail: " + gapLimitText(g)) + "</div>";
        if (c->minPositives > 0 || c->minNegatives > 0)
            limits += "<div>" + esc("per slice at least " + std::to_string(c->minPositives)
                                    + " positives and " + std::to_string(c->minNegatives)
                                    + " negatives")
                      + "</div>";
        if (c->minCalibrationSupport > 0)
            limits += "<div>" + esc("at least " + std::to_string(c->minCalibrationSupport)
                                    + " rows per calibration cell")
                      + "</div>";
        if (c->maxFlipRate)
            limits += "<div>" + esc("flip rate ≤ " + formatPercent(*c->maxFlipRate)) + "</div>";
        limits += "<div>"
                  + esc("privacy floor: "
                        + (c->privacyK ? "k = " + std::to_string(*c->privacyK)
                                       : std::string("none")))
                  + "</div>";
        fact("Contract", esc("version " + c->version) + limits);
    } else {
        fact("Contract", esc("none"));
    }
    const std::string reviewers = reviewerList(r);
    fact("Reviewers", esc(reviewers));
    s += "</tbody></table>";
    return section("tested", "What was tested", s);
}

std::string comparisonSection(const Report &report)
{
    if (!report.comparison)
        return {};
    const RunComparison &c = *report.comparison;
    const PrivacyFloor &floor = report.floor;
    std::string s = "<p>" + esc("Baseline '" + c.baselineLabel + "' → candidate '"
                                + c.candidateLabel + "', on the same probe set ("
                                + floor.count(c.families, true) + " families). Changes beyond the "
                                "contract's regression threshold (±" + formatPercent(c.threshold)
                                + ") are flagged: a gap that grows is a regression, one that "
                                  "shrinks an improvement.")
                    + "</p>";
    s += "<p><b>" + esc("Decision: " + decisionText(c.baselineDecision) + " → "
                        + decisionText(c.candidateDecision)
                        + (c.decisionChanged() ? " (changed)" : " (unchanged)"))
         + "</b></p>";
    if (c.repairedOnRegressionSet)
        s += "<p class=\"caveat\">" + esc(c.caveat) + "</p>";
    s += "<h3>Checks</h3><table><thead>" + headRow({"Check", "Attribute", "Baseline", "Candidate",
                                                    "Limit"})
         + "</thead><tbody>";
    for (const CheckChange &k : c.checks) {
        Check probe;
        probe.name = k.name;
        probe.limit = k.limit;
        probe.upperLimit = k.upperLimit;
        auto side = [&](const std::optional<double> &v, const std::optional<CheckStatus> &st) {
            std::string value = !v ? "undefined"
                                : k.withheld ? "withheld"
                                : checkValueIsCount(probe) ? floor.count(std::int64_t(*v))
                                                           : formatPercent(*v);
            return esc(value + " · " + checkStatusWord(st));
        };
        s += row({esc(checkTitle(probe)), esc(k.attribute), side(k.baselineValue, k.baseline),
                  side(k.candidateValue, k.candidate), numCell(checkLimitText(probe))});
    }
    s += "</tbody></table>";
    auto deltaRows = [&](const std::vector<MetricDelta> &ds, bool withGroup) {
        std::string t;
        for (const MetricDelta &d : ds) {
            if (!d.baseline && !d.candidate)
                continue;   // undefined in both runs (no expected outcome): nothing to compare
            std::vector<std::string> cells{esc(d.attribute)};
            if (withGroup)
                cells.push_back(esc(d.group));
            cells.push_back(esc(metricLabel(d.metric)));
            cells.push_back(numCell(optPercent(d.baseline, d.withheld, floor)));
            cells.push_back(numCell(optPercent(d.candidate, d.withheld, floor)));
            cells.push_back(numCell(optPercent(d.delta, d.withheld, floor, true)));
            // A gap is worse when it grows; a slice rate has no better direction.
            std::string flag = "<td></td>";
            if (d.beyondThreshold && !d.withheld && d.delta)
                flag = withGroup      ? "<td class=\"flag-moved\">moved beyond the threshold</td>"
                       : *d.delta > 0 ? "<td class=\"flag-up\">▲ regressed</td>"
                                      : "<td class=\"flag-down\">▼ improved</td>";
            cells.push_back(flag);
            t += row(cells);
        }
        return t;
    };
    s += "<p class=\"note\">Metrics undefined in both runs are left out of these tables; the "
         "CSV export (comparison.csv) lists every one.</p>";
    s += "<h3>Gaps (max − min across groups)</h3><table><thead>"
         + headRow({"Attribute", "Metric", "Baseline", "Candidate", "Change", "Flag"})
         + "</thead><tbody>" + deltaRows(c.gaps, false) + "</tbody></table>";
    s += "<h3>Flips</h3>";
    const auto n = [&](std::size_t v) { return floor.count(std::int64_t(v), true); };
    s += "<p>" + esc("Fixed (flipped in the baseline only): " + n(c.flipsFixed.size())
                     + " · introduced (flipped in the candidate only): "
                     + n(c.flipsIntroduced.size()) + " · flipped in both: "
                     + floor.count(c.flipsKept, true))
         + "</p>";
    auto families = [&](const char *what, const std::vector<std::string> &ids) {
        if (ids.empty() || floor.hides(std::int64_t(ids.size())))
            return std::string();
        std::string t;
        for (std::size_t i = 0; i < ids.size() && i < 30; ++i)
            t += (i ? ", " : "") + ids[i];
        if (ids.size() > 30)
            t += " … and " + std::to_string(ids.size() - 30) + " more";
        return "<p>" + esc(std::string(what) + ": " + t) + "</p>";
    };
    s += families("Fixed", c.flipsFixed) + families("Introduced", c.flipsIntroduced);
    s += "<h3>Slice rates</h3><table><thead>"
         + headRow({"Attribute", "Group", "Metric", "Baseline", "Candidate", "Change", "Flag"})
         + "</thead><tbody>" + deltaRows(c.rates, true) + "</tbody></table>";
    return section("comparison", "Baseline and candidate", s);
}

std::string limitationsSection(const Report &report)
{
    // Limitations count cells and warnings, never people: nothing in them is masked.
    return section("limitations", "Limitations", list(report.limitations));
}

std::string warningsSection(const Report &report)
{
    const AuditResult &r = report.result;
    if (r.warnings.empty())
        return {};
    std::vector<std::string> items;
    for (const AuditWarning &w : r.warnings)
        items.push_back((w.line > 0 ? "line " + std::to_string(w.line) + ": " : std::string())
                        + (w.field.empty() ? "" : w.field + ": ") + report.floor.mask(w.message));
    std::string s = list(items);
    if (r.warningsOmitted > 0)
        s += "<p class=\"note\">" + esc(std::to_string(r.warningsOmitted) + " more not listed.")
             + "</p>";
    return section("warnings", "Warnings", s);
}

std::string versionsSection(const Report &report)
{
    const ReportTested &t = report.tested;
    std::string s = "<table class=\"facts\"><tbody>";
    auto fact = [&](const std::string &label, const std::string &html) {
        s += row({esc(label), html}, true);
    };
    fact("Report generated", esc(report.generatedAt));
    fact("Generated by", esc(report.options.toolVersion.empty() ? std::string("Counterpart")
                                                                : report.options.toolVersion));
    fact("Audit spec", esc("'" + t.specName + "' version " + std::to_string(t.specId)));
    fact("Audit spec SHA-256", hash(t.specSha256));
    fact("Contract version", esc(t.contractVersion.empty() ? std::string("no contract")
                                                           : t.contractVersion));
    fact("Audited table SHA-256", hash(t.tableSha256));
    if (!t.probeSetSha256.empty())
        fact("Probe set SHA-256", hash(t.probeSetSha256));
    if (!t.modelConfigSha256.empty())
        fact("Model config SHA-256", hash(t.modelConfigSha256));
    if (report.comparison) {
        fact("Baseline table SHA-256", hash(report.comparison->baselineSha256));
        fact("Candidate table SHA-256", hash(report.comparison->candidateSha256));
    }
    fact("Privacy floor", esc(report.floor.active() ? "k = " + std::to_string(*report.floor.k())
                                                    : std::string("none")));
    fact("Pair texts", esc(report.options.includePairText ? "included" : "left out"));
    s += "</tbody></table>";
    return section("versions", "Versions and hashes", s);
}

} // namespace cp::html
