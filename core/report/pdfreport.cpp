// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The PDF report's framing sections (the decision and its reasons, what was tested, the
// comparison with a baseline, reviewer agreement, limitations, warnings, versions and hashes)
// and the document around them: title, sections in the HTML's order, footers, outline.

#include "pdfreport.h"

#include "htmlsections.h"
#include "htmltext.h"
#include "pdfsections.h"
#include "reportformat.h"

namespace cp {

namespace pdf {

namespace {

const Colour CaveatFill = rgb(0xfff4e0U);
const Colour CaveatBar = rgb(0xb36b00U);

std::string hashText(const std::string &h)
{
    return h.empty() ? std::string("not recorded") : h;
}

/// Lines of a fact, one per item.
Rich lines(const std::vector<std::string> &items)
{
    Rich r;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Span s{items[i]};
        s.breakBefore = i > 0;
        r.push_back(s);
    }
    return r;
}

void decisionSection(Layout &layout, const Report &report)
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
    const bool none = !r.decision;
    const bool approved = r.decision && *r.decision == Decision::Approved;
    const Colour ink = none ? rgb(0x444444U) : approved ? palette::Approved : palette::Blocked;
    const Colour fill = none ? rgb(0xf4f4f4U) : approved ? rgb(0xedf7f0U) : rgb(0xfdf0efU);

    std::vector<Block> blocks;
    Block verdict{rich(decisionText(r.decision), Font::Bold, ink), 30};
    verdict.indent = none ? 0 : 40;   // room for the drawn ✓ or ✕: the word says it too
    blocks.push_back(verdict);
    blocks.push_back(Block{rich(decisionLead(r)), 12, 6});
    if (report.comparison && report.comparison->repairedOnRegressionSet) {
        Block caveat{rich(report.comparison->caveat, Font::Bold), 10.5, 8};
        caveat.fill = CaveatFill;
        caveat.bar = CaveatBar;
        blocks.push_back(caveat);
    }
    auto list = [&](const std::string &title, const std::vector<std::string> &items) {
        if (items.empty())
            return;
        blocks.push_back(Block{rich(title, Font::Bold), 10.5, 10});
        for (const std::string &item : items) {
            Block b{rich(item), BodySize, 3};
            b.bullet = true;
            b.indent = 2;
            blocks.push_back(b);
        }
    };
    list("Failed checks", failed);
    list("Not enough evidence (insufficient, never passed)", insufficient);
    list("Missing requirements", r.missing);
    blocks.push_back(Block{rich(html::decisionFacts(report), Font::Regular, palette::Muted),
                           BodySize * SmallScale, 10});

    layout.writer().bookmark("Decision: " + decisionText(r.decision),
                             layout.writer().currentPage(), layout.y());
    PdfWriter &w = layout.writer();
    layout.box(blocks, ink, fill, 3, [&](double x, double y) {
        if (none)
            return;
        // A symbol drawn in lines (the fonts have no ✓ or ✕), beside the verdict in words.
        const double s = 26, top = y + 5;
        if (approved) {
            w.line(x + 3, top + s * 0.55, x + s * 0.4, top + s * 0.9, ink, 4.5);
            w.line(x + s * 0.4, top + s * 0.9, x + s, top + 2, ink, 4.5);
        } else {
            w.line(x + 3, top + 2, x + s - 3, top + s - 2, ink, 4.5);
            w.line(x + s - 3, top + 2, x + 3, top + s - 2, ink, 4.5);
        }
    });
}

void testedSection(Layout &layout, const Report &report)
{
    const ReportTested &t = report.tested;
    const AuditResult &r = report.result;
    layout.heading("What was tested", 1);
    std::vector<std::pair<std::string, Rich>> facts;
    auto fact = [&](const std::string &label, Rich value) {
        facts.emplace_back(label, std::move(value));
    };
    fact("Project", rich(t.projectName + " (" + t.projectFile + ")"));
    if (t.sourceKind == "scoring run") {
        fact("Scoring run", rich("run " + std::to_string(t.runId) + " · " + t.runStatus
                                 + " · started " + t.runStarted
                                 + (t.runFinished.empty() ? "" : ", finished " + t.runFinished)));
        fact("Probe set", rich("'" + t.probeSetName + "' version " + std::to_string(t.probeSetId)
                               + " · " + t.probeSetKind + " · frozen " + t.probeSetCreated
                               + (t.probeSetSeed ? " · seed " + std::to_string(*t.probeSetSeed)
                                                 : std::string())));
        fact("Probe set SHA-256", rich(hashText(t.probeSetSha256)));
        fact("Model", rich(t.modelName + " version " + t.modelVersion + " (" + t.modelKind + ")"));
        fact("Model config SHA-256", rich(hashText(t.modelConfigSha256)));
    } else {
        fact("Table", rich("'" + t.sourceLabel + "', imported " + t.tableImported));
        fact("Model", rich("not recorded: the table was scored outside Counterpart"));
    }
    fact("Audited table SHA-256", rich(hashText(t.tableSha256)));
    fact("Rows", rich(report.floor.count(r.rows, true)));
    fact("Families", rich(r.families ? report.floor.count(*r.families, true)
                                     : std::string("none (no family column)")));
    std::vector<std::string> attrs, strata;
    for (const AttributeSpec &a : report.spec.protectedAttributes) {
        std::string groups;
        for (const std::string &g : a.groups)
            groups += (groups.empty() ? "" : ", ") + g
                      + (a.reference && *a.reference == g ? " (reference)" : "");
        attrs.push_back(a.name + ": " + groups);
    }
    fact("Protected attributes", attrs.empty() ? rich("none") : lines(attrs));
    for (const AttributeSpec &a : report.spec.strata) {
        std::string groups;
        for (const std::string &g : a.groups)
            groups += (groups.empty() ? "" : ", ") + g;
        strata.push_back(a.name + ": " + groups);
    }
    fact("Strata", strata.empty() ? rich("none") : lines(strata));
    if (const auto &c = report.spec.contract) {
        std::vector<std::string> limits{"version " + c->version};
        if (c->primary)
            limits.push_back("primary: " + gapLimitText(*c->primary));
        for (const GapLimit &g : c->guardrails)
            limits.push_back("guardrail: " + gapLimitText(g));
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
        fact("Contract", rich("none"));
    }
    const std::string reviewers = reviewerList(r);
    fact("Reviewers", rich(reviewers));
    layout.table(factsTable(facts));
}

void comparisonSection(Layout &layout, const Report &report)
{
    if (!report.comparison)
        return;
    const RunComparison &c = *report.comparison;
    const PrivacyFloor &floor = report.floor;
    layout.heading("Baseline and candidate", 1);
    layout.paragraph(rich("Baseline '" + c.baselineLabel + "' → candidate '" + c.candidateLabel
                          + "', on the same probe set (" + floor.count(c.families, true)
                          + " families). Changes beyond the contract's regression threshold (±"
                          + formatPercent(c.threshold)
                          + ") are flagged: a gap that grows is a regression, one that shrinks "
                            "an improvement."));
    layout.paragraph(rich("Decision: " + decisionText(c.baselineDecision) + " → "
                                  + decisionText(c.candidateDecision)
                                  + (c.decisionChanged() ? " (changed)" : " (unchanged)"),
                          Font::Bold));
    if (c.repairedOnRegressionSet) {
        Block caveat{rich(c.caveat, Font::Bold), 10, 6};
        caveat.fill = CaveatFill;
        caveat.bar = CaveatBar;
        layout.block(caveat);
    }
    layout.heading("Checks", 2, false);
    Table checks;
    checks.head = headRow({"Check", "Attribute", "Baseline", "Candidate", "Limit"});
    for (const CheckChange &k : c.checks) {
        Check probe;
        probe.name = k.name;
        probe.limit = k.limit;
        probe.upperLimit = k.upperLimit;
        auto side = [&](const std::optional<double> &v, const std::optional<CheckStatus> &st) {
            const std::string value = !v                         ? "undefined"
                                      : k.withheld               ? "withheld"
                                      : checkValueIsCount(probe) ? floor.count(std::int64_t(*v))
                                                                 : formatPercent(*v);
            return textCell(value + " · " + html::checkStatusWord(st));
        };
        checks.rows.push_back({textCell(checkTitle(probe)), textCell(k.attribute),
                               side(k.baselineValue, k.baseline),
                               side(k.candidateValue, k.candidate),
                               numCell(checkLimitText(probe))});
    }
    layout.table(checks);
    auto deltas = [&](const std::vector<MetricDelta> &ds, bool withGroup) {
        Table t;
        t.head = withGroup ? headRow({"Attribute", "Group", "Metric", "Baseline", "Candidate",
                                      "Change", "Flag"})
                           : headRow({"Attribute", "Metric", "Baseline", "Candidate", "Change",
                                      "Flag"});
        for (const MetricDelta &d : ds) {
            if (!d.baseline && !d.candidate)
                continue;   // undefined in both runs: nothing to compare
            std::vector<Cell> row{textCell(d.attribute)};
            if (withGroup)
                row.push_back(textCell(d.group));
            row.push_back(textCell(metricLabel(d.metric)));
            row.push_back(numCell(html::optPercent(d.baseline, d.withheld, floor)));
            row.push_back(numCell(html::optPercent(d.candidate, d.withheld, floor)));
            row.push_back(numCell(html::optPercent(d.delta, d.withheld, floor, true)));
            // A gap is worse when it grows; a slice rate has no better direction.
            Cell flag;
            if (d.beyondThreshold && !d.withheld && d.delta)
                flag = withGroup      ? textCell("moved beyond the threshold")
                       : *d.delta > 0 ? textCell("regressed (gap grew)", Font::Bold,
                                                 palette::Blocked)
                                      : textCell("improved (gap shrank)", Font::Bold,
                                                 palette::Approved);
            row.push_back(flag);
            t.rows.push_back(std::move(row));
        }
        layout.table(t);
    };
    note(layout, "Metrics undefined in both runs are left out of these tables; the CSV export "
                 "(comparison.csv) lists every one.");
    layout.heading("Gaps (max − min across groups)", 2, false);
    deltas(c.gaps, false);
    layout.heading("Flips", 2, false);
    const auto n = [&](std::size_t v) { return floor.count(std::int64_t(v), true); };
    layout.paragraph(rich("Fixed (flipped in the baseline only): " + n(c.flipsFixed.size())
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
        layout.paragraph(rich(std::string(what) + ": " + t));
    };
    families("Fixed", c.flipsFixed);
    families("Introduced", c.flipsIntroduced);
    layout.heading("Slice rates", 2, false);
    deltas(c.rates, true);
}

void reviewsSection(Layout &layout, const Report &report)
{
    const std::optional<ReviewEvidence> &reviews = report.result.reviews;
    const PrivacyFloor &floor = report.floor;
    layout.heading("Reviewer agreement", 1);
    if (!reviews || (reviews->reviewers.empty() && reviews->reviewedFamilies == 0)) {
        layout.paragraph({Span{"No reviews recorded.", Font::Bold},
                          Span{" No reviewer has labelled the pairs of this audit, so there is "
                               "no agreement to report and every pair counts as evidence."}});
        return;
    }
    const ReviewEvidence &e = *reviews;
    auto list = [](const std::vector<std::string> &v) {
        std::string out;
        for (const std::string &s : v)
            out += (out.empty() ? "" : ", ") + s;
        return out.empty() ? std::string("none") : out;
    };
    Table facts;
    auto fact = [&](const std::string &label, Cell value) {
        facts.rows.push_back({headerCell(label), std::move(value)});
    };
    fact("Reviewed rows", textCell(e.subject));
    fact("Reviewers", textCell(list(e.reviewers)));
    fact("Adjudicators", textCell(list(e.adjudicators)));
    fact("Consensus rule", textCell(e.consensus));
    for (const auto &[label, n] : reviewCountRows(e))
        fact(label, numCell(floor.count(n, true)));
    layout.table(facts);
    if (e.agreement.empty()) {
        layout.paragraph(rich("No agreement figure: fewer than two reviewers labelled the same "
                              "pairs."));
        return;
    }
    Table t;
    t.head = headRow({"Question", "Statistic", "Reviewers", "Value", "Items", "Note"});
    for (const ReviewAgreementFigure &f : e.agreement) {
        const std::string stat = f.statistic == "cohen_kappa"          ? "Cohen's κ"
                                 : f.statistic == "krippendorff_alpha" ? "Krippendorff's α"
                                                                       : f.statistic;
        const bool hidden = floor.hides(f.items);
        t.rows.push_back({textCell(f.question), textCell(stat), textCell(f.reviewers),
                          numCell(hidden    ? "withheld"
                                  : f.value ? html::num(*f.value, 3)
                                            : "undefined"),
                          numCell(floor.count(f.items, true)), textCell(floor.mask(f.detail))});
    }
    layout.table(t);
}

void limitationsSection(Layout &layout, const Report &report)
{
    // Limitations count cells and warnings, never people: nothing in them is masked.
    layout.heading("Limitations", 1);
    layout.bullets(report.limitations);
}

void warningsSection(Layout &layout, const Report &report)
{
    const AuditResult &r = report.result;
    if (r.warnings.empty())
        return;
    layout.heading("Warnings", 1);
    std::vector<std::string> items;
    for (const AuditWarning &w : r.warnings)
        items.push_back((w.line > 0 ? "line " + std::to_string(w.line) + ": " : std::string())
                        + (w.field.empty() ? "" : w.field + ": ") + report.floor.mask(w.message));
    layout.bullets(items);
    if (r.warningsOmitted > 0)
        note(layout, std::to_string(r.warningsOmitted) + " more not listed.");
}

void versionsSection(Layout &layout, const Report &report)
{
    const ReportTested &t = report.tested;
    layout.heading("Versions and hashes", 1);
    std::vector<std::pair<std::string, Rich>> facts;
    auto fact = [&](const std::string &label, const std::string &value) {
        facts.emplace_back(label, rich(value));
    };
    fact("Report generated", report.generatedAt);
    fact("Generated by", report.options.toolVersion.empty() ? std::string("Counterpart")
                                                            : report.options.toolVersion);
    fact("Audit spec", "'" + t.specName + "' version " + std::to_string(t.specId));
    fact("Audit spec SHA-256", hashText(t.specSha256));
    fact("Contract version", t.contractVersion.empty() ? std::string("no contract")
                                                       : t.contractVersion);
    fact("Audited table SHA-256", hashText(t.tableSha256));
    if (!t.probeSetSha256.empty())
        fact("Probe set SHA-256", hashText(t.probeSetSha256));
    if (!t.modelConfigSha256.empty())
        fact("Model config SHA-256", hashText(t.modelConfigSha256));
    if (report.comparison) {
        fact("Baseline table SHA-256", hashText(report.comparison->baselineSha256));
        fact("Candidate table SHA-256", hashText(report.comparison->candidateSha256));
    }
    fact("Privacy floor", report.floor.active() ? "k = " + std::to_string(*report.floor.k())
                                                : std::string("none"));
    fact("Pair texts", report.options.includePairText ? "included" : "left out");
    layout.table(factsTable(facts));
}

/// Every page: the decision in words on the left (a printed page alone still says it), the
/// page number of the total on the right.
void footers(PdfWriter &w, const std::string &title, const std::string &decision)
{
    const double y = Layout::Bottom + 22;
    const double size = 7.5;
    for (int i = 0; i < w.pageCount(); ++i) {
        w.setPage(i);
        w.line(Layout::Margin, y - 10, PdfWriter::PageWidth - Layout::Margin, y - 10,
               palette::Rule, 0.5);
        const std::string right
                = "Page " + std::to_string(i + 1) + " of " + std::to_string(w.pageCount());
        const double rightWidth = textWidth(right, Font::Regular, size);
        const std::string left = toWinAnsi(title + " · ");
        const std::string verdict = toWinAnsi(decision);
        const double room = PdfWriter::PageWidth - 2 * Layout::Margin - rightWidth - 20
                            - textWidth(verdict, Font::Bold, size);
        std::string shown = left;
        while (!shown.empty() && textWidth(shown, Font::Regular, size) > room)
            shown.pop_back();
        if (shown.size() < left.size())
            shown += "\x85 ";   // …
        w.text(Layout::Margin, y, shown, Font::Regular, size, palette::Muted);
        w.text(Layout::Margin + textWidth(shown, Font::Regular, size), y, verdict, Font::Bold,
               size, palette::Muted);
        w.text(PdfWriter::PageWidth - Layout::Margin - rightWidth, y, right, Font::Regular, size,
               palette::Muted);
    }
}

} // namespace

} // namespace pdf

std::string renderPdf(const Report &report)
{
    using namespace pdf;
    const AuditResult &r = report.result;
    const std::string title = "Fairness audit: "
                              + (report.spec.name.empty() ? report.tested.sourceLabel
                                                          : report.spec.name);
    PdfWriter writer;
    Layout layout(writer);
    layout.newPage();
    const Laid heading = layoutText(rich(title, Font::Bold), 18, layout.width());
    drawLines(writer, heading, layout.left(), layout.y(), layout.width(), Align::Left);
    layout.setY(layout.y() + heading.height + 2);
    layout.paragraph(rich("Project " + report.tested.projectName + " · "
                                  + html::sourceText(report.tested) + " · report generated "
                                  + report.generatedAt,
                          Font::Regular, palette::Muted),
                     8.5, 0);
    layout.space(8);
    decisionSection(layout, report);
    testedSection(layout, report);
    comparisonSection(layout, report);
    flipsSection(layout, report);
    slicesSection(layout, report);
    gapsSection(layout, report);
    intersectionsSection(layout, report);
    calibrationSection(layout, report);
    reviewsSection(layout, report);
    checksSection(layout, report);
    limitationsSection(layout, report);
    warningsSection(layout, report);
    versionsSection(layout, report);
    footers(writer, title, decisionText(r.decision));
    return writer.finish(title + " — " + decisionText(r.decision),
                         report.options.toolVersion.empty() ? std::string("Counterpart")
                                                            : report.options.toolVersion);
}

} // namespace cp
