// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The report document: the block and cell builders, the framing sections (the decision, what
// was tested, the comparison with a baseline, reviewer agreement, limitations, warnings,
// versions and hashes) and the document in its order. The metric sections are in
// reportsections.cpp.

#include "reportdocument.h"

#include "htmltext.h"
#include "reportformat.h"
#include "reportsections.h"

#include <core/report/report.h>

namespace cp {

using html::num;

std::vector<std::string> DocCell::rateLines() const
{
    if (withheld)
        return {"withheld", "a count below " + std::to_string(floorK)};
    if (!rate.defined())
        return {"undefined", "n = 0"};
    // Compact, so that a slice table's ten columns fit the page: the interval in percent
    // without units, then k/n.
    const auto ci = *rate.ci();
    return {formatPercent(*rate.value()), num(ci.low * 100) + "–" + num(ci.high * 100),
            std::to_string(rate.k) + "/" + std::to_string(rate.n)};
}

std::string DocBlock::plainText() const
{
    std::string out;
    for (const DocSpan &s : text)
        out += s.text;
    return out;
}

const DocSection *ReportDocument::find(const std::string &id) const
{
    for (const DocSection &s : sections)
        if (s.id == id)
            return &s;
    return nullptr;
}

namespace doc {

DocBlock paragraph(std::string text, DocBlock::Kind kind)
{
    return paragraph(DocText{DocSpan{std::move(text)}}, kind);
}

DocBlock paragraph(DocText text, DocBlock::Kind kind)
{
    DocBlock b;
    b.kind = kind;
    b.text = std::move(text);
    return b;
}

DocBlock heading(std::string text, bool bookmark)
{
    DocBlock b = paragraph(std::move(text), DocBlock::Kind::Heading);
    b.bookmark = bookmark;
    return b;
}

DocBlock bullets(std::vector<std::string> items)
{
    DocBlock b;
    b.kind = DocBlock::Kind::Bullets;
    b.items = std::move(items);
    return b;
}

DocBlock table(DocTable t)
{
    DocBlock b;
    b.kind = DocBlock::Kind::Table;
    b.table = std::move(t);
    return b;
}

DocCell text(std::string text, bool bold)
{
    DocCell c;
    c.text = std::move(text);
    c.bold = bold;
    return c;
}

DocCell header(std::string text, std::vector<std::string> notes, bool bold)
{
    DocCell c = doc::text(std::move(text), bold);
    c.header = true;
    c.lines = std::move(notes);
    return c;
}

DocCell number(std::string text)
{
    DocCell c = doc::text(std::move(text));
    c.kind = DocCell::Kind::Number;
    return c;
}

DocCell rate(const Proportion &p, const PrivacyFloor &floor)
{
    DocCell c;
    c.kind = DocCell::Kind::Rate;
    c.rate = p;
    c.withheld = floor.hides(p);
    c.floorK = floor.k().value_or(0);
    return c;
}

DocCell status(CheckStatus s)
{
    DocCell c;
    c.kind = DocCell::Kind::CheckResult;
    c.status = s;
    c.text = checkStatusKey(s);
    return c;
}

DocCell lines(std::vector<std::string> lines)
{
    DocCell c;
    c.kind = DocCell::Kind::Lines;
    c.lines = std::move(lines);
    return c;
}

DocCell hash(const std::string &sha256)
{
    if (sha256.empty())
        return text("not recorded");
    DocCell c = text(sha256);
    c.kind = DocCell::Kind::Hash;
    return c;
}

DocCell flag(std::string text, int direction)
{
    DocCell c = doc::text(std::move(text));
    c.kind = DocCell::Kind::Flag;
    c.direction = direction;
    return c;
}

DocCell changed(std::string text, std::string reference, bool bold)
{
    DocCell c = doc::text(std::move(text), bold);
    c.kind = DocCell::Kind::Changed;
    c.reference = std::move(reference);
    return c;
}

DocTable::Row fact(std::string label, DocCell value)
{
    return {{header(std::move(label)), std::move(value)}};
}

} // namespace doc

namespace {

using namespace doc;

DocSection decisionSection(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    DocDecision d;
    d.verdict = report.verdict();
    d.lead = d.verdict.reason(r);
    if (report.comparison && report.comparison->repairedOnRegressionSet)
        d.caveat = report.comparison->caveat;
    std::vector<std::string> failed, insufficient;
    for (const Check &c : r.checks) {
        if (c.status == CheckStatus::Failed)
            failed.push_back(checkMessage(c, r, floor));
        else if (c.status == CheckStatus::Insufficient)
            insufficient.push_back(checkMessage(c, r, floor));
    }
    for (auto &[title, items] :
         {std::pair{"Failed checks", failed},
          std::pair{"Not enough evidence (insufficient, never passed)", insufficient},
          std::pair{"Missing requirements", r.missing}})
        if (!items.empty())
            d.lists.push_back({title, items});
    d.facts = decisionFacts(report);
    DocBlock b;
    b.kind = DocBlock::Kind::Decision;
    b.decision = std::move(d);
    return {"decision", {}, {std::move(b)}};
}

std::string groupsText(const AttributeSpec &a, bool markReference)
{
    std::string groups;
    for (const std::string &g : a.groups)
        groups += (groups.empty() ? "" : ", ") + g
                  + (markReference && a.reference && *a.reference == g ? " (reference)" : "");
    return a.name + ": " + groups;
}

DocSection testedSection(const Report &report)
{
    const ReportTested &t = report.tested;
    const AuditResult &r = report.result;
    DocTable facts;
    facts.style = DocTable::Style::Facts;
    auto fact = [&](const std::string &label, DocCell value) {
        facts.rows.push_back(doc::fact(label, std::move(value)));
    };
    fact("Project", text(t.projectName + " (" + t.projectFile + ")"));
    if (t.sourceKind == "scoring run") {
        fact("Scoring run", text("run " + std::to_string(t.runId) + " · " + t.runStatus
                                 + " · started " + t.runStarted
                                 + (t.runFinished.empty() ? "" : ", finished " + t.runFinished)));
        fact("Probe set", text("'" + t.probeSetName + "' version " + std::to_string(t.probeSetId)
                               + " · " + t.probeSetKind + " · frozen " + t.probeSetCreated
                               + (t.probeSetSeed ? " · seed " + std::to_string(*t.probeSetSeed)
                                                 : std::string())));
        fact("Probe set SHA-256", hash(t.probeSetSha256));
        fact("Model", text(t.modelName + " version " + t.modelVersion + " (" + t.modelKind + ")"));
        fact("Model config SHA-256", hash(t.modelConfigSha256));
    } else {
        fact("Table", text("'" + t.sourceLabel + "', imported " + t.tableImported));
        fact("Model", text("not recorded: the table was scored outside Counterpart"));
    }
    fact("Audited table SHA-256", hash(t.tableSha256));
    fact("Rows", text(report.floor.count(r.rows, true)));
    fact("Families", text(r.families ? r.familiesSentence()
                                     : std::string("none (no family column)")));
    std::vector<std::string> attrs, strata;
    for (const AttributeSpec &a : report.spec.protectedAttributes)
        attrs.push_back(groupsText(a, true));
    for (const AttributeSpec &a : report.spec.strata)
        strata.push_back(groupsText(a, false));
    fact("Protected attributes", attrs.empty() ? text("none") : lines(attrs));
    fact("Strata", strata.empty() ? text("none") : lines(strata));
    if (const auto &c = report.spec.contract) {
        std::vector<std::string> limits{"version " + c->version};
        if (c->primary)
            limits.push_back("primary: " + gapLimitText(*c->primary));
        for (const GapLimit &g : c->guardrails)
            limits.push_back("guardrail: " + gapLimitText(g));
        if (c->maxRefusalGap)
            limits.push_back("refusal-rate gap at most " + formatPercent(*c->maxRefusalGap));
        if (c->minAnswerRatio)
            limits.push_back("answer-rate ratio at least " + num(*c->minAnswerRatio, 2));
        if (c->maxLpbs)
            limits.push_back("log-probability bias at most " + num(*c->maxLpbs, 3) + " ("
                             + lpbsScaleKey(report.spec.llm.lpbsScale) + " scale)");
        if (c->maxCategoricalBias)
            limits.push_back("categorical bias at most " + num(*c->maxCategoricalBias, 3));
        if (c->minPositives > 0 || c->minNegatives > 0)
            limits.push_back("per slice at least " + std::to_string(c->minPositives)
                             + " positives and " + std::to_string(c->minNegatives)
                             + " negatives");
        if (c->minCalibrationSupport > 0)
            limits.push_back("at least " + std::to_string(c->minCalibrationSupport)
                             + " rows per calibration cell");
        if (c->maxFlipRate)
            limits.push_back("flip rate ≤ " + formatPercent(*c->maxFlipRate));
        limits.push_back("privacy floor: "
                         + (c->privacyK ? "k = " + std::to_string(*c->privacyK)
                                        : std::string("none")));
        fact("Contract", lines(limits));
    } else {
        fact("Contract", text("none"));
    }
    fact("Reviewers", text(reviewerList(r)));
    return {"tested", "What was tested", {table(std::move(facts))}};
}

std::string checkStatusWord(const std::optional<CheckStatus> &s)
{
    return s ? checkStatusKey(*s) : std::string("not checked");
}

DocTable deltaTable(const std::vector<MetricDelta> &ds, bool withGroup, const PrivacyFloor &floor)
{
    DocTable t;
    t.head = withGroup ? std::vector<std::string>{"Attribute", "Group", "Metric", "Baseline",
                                                  "Candidate", "Change", "Flag"}
                       : std::vector<std::string>{"Attribute", "Metric", "Baseline",
                                                  "Candidate", "Change", "Flag"};
    for (const MetricDelta &d : ds) {
        if (!d.baseline && !d.candidate)
            continue;   // undefined in both runs (no expected outcome): nothing to compare
        DocTable::Row row{{text(d.attribute)}};
        if (withGroup)
            row.cells.push_back(text(d.group));
        row.cells.push_back(text(metricLabel(d.metric)));
        row.cells.push_back(number(optionalPercent(d.baseline, d.withheld, floor)));
        row.cells.push_back(number(optionalPercent(d.candidate, d.withheld, floor)));
        row.cells.push_back(number(optionalPercent(d.delta, d.withheld, floor, true)));
        // The direction is the comparison's (MetricDelta::change): a gap that grew regressed.
        DocCell f = text({});
        if (d.beyondThreshold && !d.withheld)
            switch (d.change) {
            case DeltaChange::Regressed: f = flag("regressed (gap grew)", 1); break;
            case DeltaChange::Improved: f = flag("improved (gap shrank)", -1); break;
            case DeltaChange::Moved: f = flag("moved beyond the threshold", 0); break;
            case DeltaChange::None: break;
            }
        row.cells.push_back(f);
        t.rows.push_back(std::move(row));
    }
    return t;
}

DocTable llmDeltaTable(const std::vector<LlmDelta> &ds, const PrivacyFloor &floor)
{
    DocTable t;
    t.head = {"Metric", "Attribute", "Group", "Baseline", "Candidate", "Change", "Flag"};
    for (const LlmDelta &d : ds) {
        if (!d.baseline && !d.candidate)
            continue;   // undefined in both runs: nothing to compare
        auto value = [&](const std::optional<double> &v, bool sign) {
            return !v           ? std::string("undefined")
                   : d.withheld ? "withheld (" + floor.marker() + ")"
                                : formatLlmValue(d.metric, *v, sign);
        };
        DocCell f = text({});
        if (d.beyondThreshold && !d.withheld)
            switch (d.change) {
            case DeltaChange::Regressed: f = flag("regressed", 1); break;
            case DeltaChange::Improved: f = flag("improved", -1); break;
            case DeltaChange::Moved: f = flag("moved beyond the threshold", 0); break;
            case DeltaChange::None: break;
            }
        const std::string group = !d.groupLabel().empty()             ? d.groupLabel()
                                  : d.metric == LlmMetric::RefusalGap ? "max − min"
                                                                      : "across groups";
        t.rows.push_back({{text(llmMetricLabel(d.metric)), text(d.attribute), text(group),
                           number(value(d.baseline, false)), number(value(d.candidate, false)),
                           number(value(d.delta, true)), f}});
    }
    return t;
}

std::optional<DocSection> comparisonSection(const Report &report)
{
    if (!report.comparison)
        return std::nullopt;
    const RunComparison &c = *report.comparison;
    const PrivacyFloor &floor = report.floor;
    DocSection s{"comparison", "Baseline and candidate", {}};
    auto &b = s.blocks;
    b.push_back(paragraph("Baseline '" + c.baselineLabel + "' → candidate '" + c.candidateLabel
                          + "', on the same probe set (" + floor.count(c.families, true)
                          + " families). Changes beyond the contract's regression threshold (±"
                          + formatPercent(c.threshold)
                          + ") are flagged: a gap that grows is a regression, one that shrinks "
                            "an improvement."));
    std::string decision = "Decision: " + decisionText(c.baselineDecision) + " → "
                           + decisionText(c.candidateDecision)
                           + (c.decisionChanged() ? " (changed)" : " (unchanged)");
    // The audits' own decisions; the gate's verdict on the candidate can differ.
    if (const GateVerdict v = report.verdict(); v.outcome == GateVerdict::Outcome::NotValidated)
        decision += "; the release gate says " + v.word() + ": not validated for release";
    b.push_back(paragraph(DocText{{decision, DocSpan::Style::Bold}}));
    if (c.repairedOnRegressionSet)
        b.push_back(paragraph(c.caveat, DocBlock::Kind::Caveat));
    b.push_back(heading("Checks", false));
    DocTable checks;
    checks.head = {"Check", "Attribute", "Baseline", "Candidate", "Limit"};
    for (const CheckChange &k : c.checks) {
        Check probe;
        probe.name = k.name;
        probe.limit = k.limit;
        probe.upperLimit = k.upperLimit;
        auto side = [&](const std::optional<double> &v, const std::optional<CheckStatus> &st) {
            const std::string value = !v                         ? "undefined"
                                      : k.withheld               ? "withheld"
                                      : checkValueIsCount(probe) ? floor.count(std::int64_t(*v))
                                      : checkValueIsPlainNumber(probe) ? formatPlainNumber(*v)
                                                                       : formatPercent(*v);
            return text(value + " · " + checkStatusWord(st));
        };
        checks.rows.push_back({{text(checkTitle(probe)), text(k.attribute),
                                side(k.baselineValue, k.baseline),
                                side(k.candidateValue, k.candidate),
                                number(checkLimitText(probe))}});
    }
    b.push_back(table(std::move(checks)));
    b.push_back(paragraph("Metrics undefined in both runs are left out of these tables; the CSV "
                          "export (comparison.csv) lists every one.",
                          DocBlock::Kind::Note));
    b.push_back(heading("Gaps (max − min across groups)", false));
    b.push_back(table(deltaTable(c.gaps, false, floor)));
    b.push_back(heading("Flips", false));
    const auto n = [&](std::size_t v) { return floor.count(std::int64_t(v), true); };
    b.push_back(paragraph("Fixed (flipped in the baseline only): " + n(c.flipsFixed.size())
                          + " · introduced (flipped in the candidate only): "
                          + n(c.flipsIntroduced.size())
                          + " · flipped in both: " + floor.count(c.flipsKept, true)));
    auto families = [&](const char *what, const std::vector<std::string> &ids) {
        if (ids.empty() || floor.hides(std::int64_t(ids.size())))
            return;
        std::string t;
        for (std::size_t i = 0; i < ids.size() && i < 30; ++i)
            t += (i ? ", " : "") + ids[i];
        if (ids.size() > 30)
            t += " … and " + std::to_string(ids.size() - 30) + " more";
        b.push_back(paragraph(std::string(what) + ": " + t));
    };
    families("Fixed", c.flipsFixed);
    families("Introduced", c.flipsIntroduced);
    b.push_back(heading("Slice rates", false));
    b.push_back(table(deltaTable(c.rates, true, floor)));
    if (!c.llm.empty()) {
        b.push_back(heading("LLM outputs", false));
        b.push_back(paragraph("A refusal gap, a log-probability or categorical bias (LPBS by its "
                              "size) that grows beyond the threshold is a regression, and so is a "
                              "reply similarity that falls; a group's refusal rate has no better "
                              "direction. The threshold is the same number on every scale ("
                              + formatPlainNumber(c.threshold)
                              + " for LPBS, categorical bias and reply similarity). The CSV "
                                "export (llm_comparison.csv) lists every one.",
                              DocBlock::Kind::Note));
        b.push_back(table(llmDeltaTable(c.llm, floor)));
    }
    return s;
}

std::optional<DocSection> warningsSection(const Report &report)
{
    const AuditResult &r = report.result;
    if (r.warnings.empty())
        return std::nullopt;
    std::vector<std::string> items;
    for (const AuditWarning &w : r.warnings)
        items.push_back((w.line > 0 ? "line " + std::to_string(w.line) + ": " : std::string())
                        + (w.field.empty() ? "" : w.field + ": ") + report.floor.mask(w.message));
    DocSection s{"warnings", "Warnings", {bullets(std::move(items))}};
    if (r.warningsOmitted > 0)
        s.blocks.push_back(paragraph(std::to_string(r.warningsOmitted) + " more not listed.",
                                     DocBlock::Kind::Note));
    return s;
}

DocSection versionsSection(const Report &report)
{
    const ReportTested &t = report.tested;
    DocTable facts;
    facts.style = DocTable::Style::Facts;
    auto fact = [&](const std::string &label, DocCell value) {
        facts.rows.push_back(doc::fact(label, std::move(value)));
    };
    fact("Report generated", text(report.generatedAt));
    fact("Generated by", text(report.options.toolVersion.empty() ? std::string("Counterpart")
                                                                 : report.options.toolVersion));
    fact("Audit spec", text("'" + t.specName + "' version " + std::to_string(t.specId)));
    fact("Audit spec SHA-256", hash(t.specSha256));
    fact("Contract version", text(t.contractVersion.empty() ? std::string("no contract")
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
    fact("Privacy floor", text(report.floor.active() ? "k = " + std::to_string(*report.floor.k())
                                                     : std::string("none")));
    fact("Pair texts", text(report.options.includePairText ? "included" : "left out"));
    return {"versions", "Versions and hashes", {table(std::move(facts))}};
}

} // namespace

std::vector<DocBlock> reviewBlocks(const std::optional<ReviewEvidence> &reviews,
                                   const PrivacyFloor &floor)
{
    if (!reviews || (reviews->reviewers.empty() && reviews->reviewedFamilies == 0))
        return {paragraph(DocText{{"No reviews recorded.", DocSpan::Style::Bold},
                                  {" No reviewer has labelled the pairs of this audit, so there "
                                   "is no agreement to report and every pair counts as "
                                   "evidence."}})};
    const ReviewEvidence &e = *reviews;
    auto list = [](const std::vector<std::string> &v) {
        std::string out;
        for (const std::string &s : v)
            out += (out.empty() ? "" : ", ") + s;
        return out.empty() ? std::string("none") : out;
    };
    DocTable facts;
    facts.style = DocTable::Style::Facts;
    facts.rows.push_back(fact("Reviewed rows", text(e.subject)));
    facts.rows.push_back(fact("Reviewers", text(list(e.reviewers))));
    facts.rows.push_back(fact("Adjudicators", text(list(e.adjudicators))));
    facts.rows.push_back(fact("Consensus rule", text(e.consensus)));
    for (const auto &[label, n] : reviewCountRows(e))
        facts.rows.push_back(fact(label, number(floor.count(n, true))));
    std::vector<DocBlock> blocks{table(std::move(facts))};
    if (e.agreement.empty()) {
        blocks.push_back(paragraph("No agreement figure: fewer than two reviewers labelled the "
                                   "same pairs."));
        return blocks;
    }
    DocTable t;
    t.head = {"Question", "Statistic", "Reviewers", "Value", "Items", "Note"};
    for (const ReviewAgreementFigure &f : e.agreement) {
        const std::string stat = f.statistic == "cohen_kappa"          ? "Cohen's κ"
                                 : f.statistic == "krippendorff_alpha" ? "Krippendorff's α"
                                                                       : f.statistic;
        const bool hidden = floor.hides(f.items);
        t.rows.push_back({{text(f.question), text(stat), text(f.reviewers),
                           number(hidden    ? "withheld"
                                  : f.value ? num(*f.value, 3)
                                            : "undefined"),
                           number(floor.count(f.items, true)), text(floor.mask(f.detail))}});
    }
    blocks.push_back(table(std::move(t)));
    return blocks;
}

std::string sourceText(const ReportTested &tested)
{
    return tested.sourceKind == "table" ? "table '" + tested.sourceLabel + "'" : tested.sourceLabel;
}

std::string decisionFacts(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    std::string facts = sourceText(report.tested) + " · " + floor.count(r.rows, true) + " rows";
    if (r.families)
        facts += " · " + floor.count(*r.families, true) + " families";
    if (const std::int64_t left = r.familiesLeftOutTotal(); left > 0)
        facts += " (" + floor.count(left, true) + " left out: "
                 + (r.familiesLeftOut.size() == 1 ? r.familiesLeftOut.front().reason
                                                  : std::string("see What was tested"))
                 + ")";
    if (r.flipRate)
        facts += " · " + floor.count(r.flipRate->k, true) + " flipped";
    if (!report.tested.contractVersion.empty())
        facts += " · contract version " + report.tested.contractVersion;
    return facts;
}

std::string optionalPercent(const std::optional<double> &v, bool withheld,
                            const PrivacyFloor &floor, bool sign)
{
    if (!v)
        return "undefined";
    if (withheld)
        return "withheld (" + floor.marker() + ")";
    return formatPercent(*v, 1, sign);
}

ReportDocument buildReportDocument(const Report &report)
{
    ReportDocument d;
    d.title = "Fairness audit: "
              + (report.spec.name.empty() ? report.tested.sourceLabel : report.spec.name);
    d.meta = "Project " + report.tested.projectName + " · " + sourceText(report.tested)
             + " · report generated " + report.generatedAt;
    d.generator = report.options.toolVersion.empty() ? std::string("Counterpart")
                                                     : report.options.toolVersion;
    d.verdict = report.verdict();
    auto &s = d.sections;
    s.push_back(decisionSection(report));
    s.push_back(testedSection(report));
    if (auto c = comparisonSection(report))
        s.push_back(std::move(*c));
    s.push_back(sections::flips(report));
    if (auto llm = sections::llmOutputs(report))
        s.push_back(std::move(*llm));
    s.push_back(sections::slices(report));
    s.push_back(sections::gaps(report));
    s.push_back(sections::intersections(report));
    s.push_back(sections::calibration(report));
    s.push_back({"reviews", "Reviewer agreement", reviewBlocks(report.result.reviews,
                                                               report.floor)});
    s.push_back(sections::checks(report));
    // Limitations count cells and warnings, never people: nothing in them is masked.
    s.push_back({"limitations", "Limitations", {bullets(report.limitations)}});
    if (auto w = warningsSection(report))
        s.push_back(std::move(*w));
    s.push_back(versionsSection(report));
    return d;
}

} // namespace cp
