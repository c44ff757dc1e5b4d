// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditjson.h"

#include <algorithm>
#include <cstdio>

namespace cp {

namespace {

std::string fmt(const char *format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string pct(double v) { return fmt("%.1f %%", v * 100); }

/// "60.0 % [31.3, 83.2]" or "undefined (n = 0)".
std::string rate(const Proportion &p)
{
    if (!p.defined())
        return "undefined (n=0)";
    const auto ci = *p.ci();
    return fmt("%5.1f %%", *p.value() * 100) + " [" + fmt("%.1f", ci.low * 100) + ", "
           + fmt("%.1f", ci.high * 100) + "] " + std::to_string(p.k) + "/" + std::to_string(p.n);
}

/// Pads to width; a longer cell still gets one space, so that columns never run together
/// ("1306/8000undefined").
std::string pad(std::string s, std::size_t width)
{
    s.append(s.size() < width ? width - s.size() : 1, ' ');
    return s;
}

} // namespace

std::string auditDecisionLines(const AuditResult &r)
{
    std::string out = r.decision ? "Decision: " + decisionKey(*r.decision) + "\n"
                                 : std::string("Decision: none (the spec has no contract)\n");
    if (const std::string families = r.familiesSentence(); !families.empty())
        out += "  Families: " + families + "\n";
    return out;
}

std::string auditSummary(const AuditResult &r, std::size_t maxFlips)
{
    std::string out = auditDecisionLines(r);
    if (r.decision) {
        for (const Check &c : r.checks) {
            if (c.status == CheckStatus::Passed)
                continue;
            out += "  " + pad(checkStatusKey(c.status), 13) + c.name;
            if (!c.attribute.empty())
                out += " [" + c.attribute + "]";
            out += ": " + c.detail + " (value "
                   + (c.value ? fmt("%.4g", *c.value) : std::string("undefined"))
                   + (c.upperLimit ? ", max " : ", min ") + fmt("%.4g", c.limit) + ")\n";
        }
        for (const std::string &m : r.missing)
            out += "  missing      " + m + "\n";
        const auto passed = std::count_if(r.checks.begin(), r.checks.end(), [](const Check &c) {
            return c.status == CheckStatus::Passed;
        });
        out += "  " + std::to_string(passed) + " of " + std::to_string(r.checks.size())
               + " checks passed\n";
    }

    out += "\nTable: " + r.source + " — " + std::to_string(r.rows) + " rows";
    if (r.families)
        out += ", " + std::to_string(*r.families) + " families";
    out += "\n  sha256 " + r.tableSha256 + "\n";
    if (!r.contractVersion.empty())
        out += "  contract version " + r.contractVersion + "\n";

    if (r.flipRate) {
        out += "\nFlips: " + std::to_string(r.flipRate->k) + " of " + std::to_string(r.flipRate->n)
               + " comparable families";
        if (r.flipRate->defined())
            out += " — " + rate(*r.flipRate);
        if (r.repeats)
            out += "; " + std::to_string(r.repeats->flipsInNoisyFamilies)
                   + " of them in noisy families";
        if (r.refusals)
            out += "; and " + std::to_string(r.refusals->refusalFlips)
                   + " refusal flips (some variants refused, others answered)";
        out += "\n";
        std::vector<const Flip *> sorted;
        for (const Flip &f : r.flips)
            sorted.push_back(&f);
        std::stable_sort(sorted.begin(), sorted.end(), [](const Flip *a, const Flip *b) {
            return a->scoreRange.value_or(0) > b->scoreRange.value_or(0);
        });
        for (std::size_t i = 0; i < std::min(maxFlips, sorted.size()); ++i) {
            const Flip &f = *sorted[i];
            out += "  " + pad(f.family, 10);
            for (const auto &[variant, outcome] : f.outcomes)
                out += " " + variant + "=" + outcome;
            out += "  stage " + f.stage;
            if (f.kind == FlipKind::Refusal)
                out += "  refusal";
            if (f.noisy)
                out += "  noisy";
            if (f.scoreRange)
                out += fmt("  Δscore %.3f", *f.scoreRange);
            out += "\n";
        }
        if (sorted.size() > maxFlips)
            out += "  … and " + std::to_string(sorted.size() - maxFlips) + " more\n";
        for (const PairTest &t : r.pairTests) {
            out += "  " + t.attribute + ": " + t.a + " vs " + t.b + " — " + std::to_string(t.pairs)
                   + " pairs, " + t.a + " only favourable " + std::to_string(t.aOnly) + ", " + t.b
                   + " only " + std::to_string(t.bOnly) + ", exact McNemar p = "
                   + fmt("%.4g", t.mcnemarP);
            if (t.meanShift)
                out += fmt(", mean score shift %+.3f", *t.meanShift);
            out += "\n";
        }
    }

    if (r.refusals) {
        const RefusalEvidence &e = *r.refusals;
        out += "\nRefusals (" + e.column + "): " + rate(e.overall) + " of variants; "
               + std::to_string(e.familiesWithRefusal) + " of " + std::to_string(e.families)
               + " families have a refused variant (" + std::to_string(e.familiesAllRefused)
               + " every variant)\n";
        for (const AttributeRefusals &a : e.attributes) {
            for (const GroupRefusals &g : a.groups)
                out += "  " + pad(a.attribute + "=" + g.group, 26) + pad(rate(g.refused), 31)
                       + (g.status == CellStatus::Eligible ? "" : "REPORT-ONLY") + "\n";
            out += "  refusal gap: ";
            if (!a.gap)
                out += "undefined (fewer than two groups with variants)\n";
            else
                out += pct(*a.gap) + " (" + a.maxGroup + " − " + a.minGroup + "), Newcombe 95 % ["
                       + pct(a.gapCi->low) + ", " + pct(a.gapCi->high) + "]"
                       + (a.answerRatio ? ", answer-rate ratio " + fmt("%.3f", *a.answerRatio)
                                        : std::string())
                       + "\n";
            for (const RefusalPairTest &p : a.pairs)
                out += "  " + p.a + " vs " + p.b + " — " + std::to_string(p.pairs) + " pairs, "
                       + p.a + " refused and " + p.b + " answered " + std::to_string(p.aOnly)
                       + ", the reverse " + std::to_string(p.bOnly) + ", exact McNemar p = "
                       + fmt("%.4g", p.mcnemarP) + "\n";
        }
    }
    if (r.repeats) {
        const RepeatEvidence &e = *r.repeats;
        out += "\nRepeats: " + std::to_string(e.repeats) + " per variant; "
               + std::to_string(e.noisyVariants) + " of " + std::to_string(e.variants)
               + " variants disagree with themselves, " + std::to_string(e.ties)
               + " majority ties; " + std::to_string(e.noisyFamilies) + " of "
               + std::to_string(e.families) + " families noisy\n";
        for (const AttributeRepeats &a : e.attributes) {
            for (const GroupRepeats &g : a.groups)
                out += "  " + pad(a.attribute + "=" + g.group, 26) + "self-disagreement "
                       + rate(g.noisy) + "\n";
            for (const RepeatPairTest &p : a.pairs) {
                out += "  " + p.a + " − " + p.b + " favourable share: ";
                if (!p.shareDifference.defined()) {
                    out += "undefined (no matched family)\n";
                    continue;
                }
                out += fmt("%+.4f", p.shareDifference.mean);
                if (const auto ci = p.shareDifference.ci())
                    out += " [" + fmt("%+.4f", ci->low) + ", " + fmt("%+.4f", ci->high) + "]";
                out += " over " + std::to_string(p.shareDifference.n) + " families\n";
            }
        }
    }
    if (r.lpbs) {
        const LogprobEvidence &e = *r.lpbs;
        out += "\nLog-probabilities (" + e.column + ", " + std::to_string(e.variantsWithLogprob)
               + " variants; " + std::to_string(e.variantsWithout) + " answered without one)\n";
        for (const LpbsPair &p : e.pairs) {
            out += "  " + p.attribute + ": " + p.a + " vs " + p.b + " — LPBS ";
            if (!p.delta.defined()) {
                out += "undefined (no matched family)\n";
                continue;
            }
            out += fmt("%+.4f", p.delta.mean);
            if (const auto ci = p.delta.ci())
                out += " [" + fmt("%+.4f", ci->low) + ", " + fmt("%+.4f", ci->high) + "]";
            out += ", mean |ΔP| " + fmt("%.4f", p.probabilityShift.mean) + " over "
                   + std::to_string(p.delta.n) + " families"
                   + (p.favoured.empty() ? std::string() : ", favours " + p.favoured) + "\n";
        }
        for (const CategoricalBias &b : e.categorical)
            out += "  categorical bias [" + b.attribute + ", " + std::to_string(b.groups)
                   + " groups, population variance]: "
                   + (b.variance.defined() ? fmt("%.4f", b.variance.mean) + " over "
                                                 + std::to_string(b.variance.n) + " families"
                                           : std::string("undefined")) + "\n";
    }
    if (r.replySimilarity) {
        const ReplyEvidence &e = *r.replySimilarity;
        out += "\nReplies (" + e.column + ", swapped words masked)\n";
        for (const ReplyPairSimilarity &p : e.pairs) {
            out += "  " + p.attribute + ": " + p.a + " vs " + p.b + " — ";
            if (!p.rougeL.defined()) {
                out += "no pair of replies\n";
                continue;
            }
            out += "ROUGE-L " + fmt("%.3f", p.rougeL.mean) + ", BLEU " + fmt("%.3f", p.bleu.mean)
                   + ", exact " + rate(p.exactMatch) + ", length Δ "
                   + fmt("%+.2f", p.lengthDifference.mean) + " words\n";
        }
    }
    if (r.embeddingSimilarity) {
        const EmbeddingEvidence &e = *r.embeddingSimilarity;
        out += "\nReplies by embedding (" + e.column + ", " + std::to_string(e.dimension)
               + " dimensions" + (e.source.empty() ? std::string() : ", from " + e.source)
               + "; cosine similarity)\n";
        for (const EmbeddingPairSimilarity &p : e.pairs) {
            out += "  " + p.attribute + ": " + p.a + " vs " + p.b + " — ";
            if (!p.cosine.defined()) {
                out += "no pair of embedded replies\n";
                continue;
            }
            out += "cosine " + fmt("%.4f", p.cosine.mean);
            if (const auto ci = p.cosine.ci())
                out += " [" + fmt("%.4f", ci->low) + ", " + fmt("%.4f", ci->high) + "]";
            out += " over " + std::to_string(p.cosine.n) + " families";
            if (!p.leastSimilar.empty())
                out += ", least similar " + p.leastSimilar.front().first + " ("
                       + fmt("%.4f", p.leastSimilar.front().second) + ")";
            out += "\n";
        }
    }
    if (r.scoreParity) {
        const ScoreParityEvidence &e = *r.scoreParity;
        out += "\nScore parity (" + e.column + "; strict: Wasserstein-1 between the groups' "
               "scores; weak: difference of P(score > "
               + (e.threshold ? fmt("%g", *e.threshold) : std::string("τ")) + "))\n";
        for (const ScoreParityPair &p : e.pairs) {
            out += "  " + p.attribute + ": " + p.a + " vs " + p.b + " — ";
            if (!p.wasserstein1) {
                out += "undefined (" + std::to_string(p.na) + " and " + std::to_string(p.nb)
                       + " scored variants)\n";
                continue;
            }
            out += "W1 " + fmt("%.4f", *p.wasserstein1);
            if (p.weakGap) {
                out += ", weak gap " + fmt("%+.4f", *p.weakGap);
                if (p.weakGapCi)
                    out += " [" + fmt("%+.4f", p.weakGapCi->low) + ", "
                           + fmt("%+.4f", p.weakGapCi->high) + "]";
                out += " (" + rate(p.aAbove) + " vs " + rate(p.bAbove) + ")";
            } else if (!e.threshold) {
                out += ", no weak parity (the spec names no threshold)";
            }
            out += "\n";
        }
    }

    for (std::size_t a = 0; a < r.slices.size(); ++a) {
        const AttributeSlices &s = r.slices[a];
        out += "\nSlices by " + s.attribute;
        if (s.reference)
            out += " (reference " + *s.reference + ")";
        out += "\n  " + pad("group", 18) + pad("n", 8) + pad("pos", 7) + pad("neg", 7)
               + pad("selection", 31) + pad("TPR", 31) + pad("FPR", 31) + "mean score\n";
        for (const SliceRates &g : s.groups)
            out += "  " + pad(g.group, 18) + pad(std::to_string(g.n), 8)
                   + pad(std::to_string(g.positives), 7) + pad(std::to_string(g.negatives), 7)
                   + pad(rate(g.rate(Metric::SelectionRate)), 31) + pad(rate(g.rate(Metric::Tpr)), 31)
                   + pad(rate(g.rate(Metric::Fpr)), 31)
                   + (g.meanScore ? fmt("%.3f", *g.meanScore) : std::string("—")) + "\n";
        for (const Gap &gap : r.gaps[a].gaps) {
            if (gap.metric != Metric::SelectionRate && gap.metric != Metric::Tpr
                && gap.metric != Metric::Fpr)
                continue;
            out += "  " + metricKey(gap.metric) + " gap: ";
            if (!gap.difference) {
                out += "undefined (fewer than two groups with a defined rate)\n";
                continue;
            }
            out += pct(*gap.difference) + " (" + gap.maxGroup + " − " + gap.minGroup + ")";
            if (gap.ci)
                out += ", Newcombe 95 % [" + pct(gap.ci->low) + ", " + pct(gap.ci->high) + "]";
            if (gap.ratio)
                out += ", ratio " + fmt("%.3f", *gap.ratio);
            out += "\n";
        }
    }
    out += "\nOverall: balanced accuracy "
           + (r.balancedAccuracy ? pct(*r.balancedAccuracy) : std::string("undefined"))
           + ", Theil index " + (r.theilIndex ? fmt("%.4f", *r.theilIndex) : std::string("undefined"))
           + "\n";

    for (const Intersection &x : r.intersections) {
        std::string dims;
        for (const auto &d : x.dimensions)
            dims += (dims.empty() ? "" : " × ") + d;
        const auto reportOnly = std::count_if(x.cells.begin(), x.cells.end(), [](const auto &c) {
            return c.status == CellStatus::ReportOnly;
        });
        out += "\nIntersection " + dims + " over " + populationKey(x.population) + " rows (min support "
               + std::to_string(x.minSupport) + "; " + std::to_string(reportOnly) + " of "
               + std::to_string(x.cells.size()) + " cells report-only)\n";
        for (const IntersectionCell &c : x.cells) {
            std::string key;
            for (const auto &k : c.key)
                key += (key.empty() ? "" : " / ") + k;
            out += "  " + pad(key, 34) + pad("n=" + std::to_string(c.n), 10)
                   + pad(c.status == CellStatus::Eligible ? "eligible" : "REPORT-ONLY", 13)
                   + "selection " + rate(c.rate(Metric::SelectionRate)) + "\n";
        }
    }
    if (!r.calibration.empty()) {
        out += "\nCalibration (observed positive rate per score band)\n";
        for (const CalibrationCell &c : r.calibration) {
            out += "  " + pad(c.attribute + "=" + c.group, 26) + pad(c.band, 12)
                   + pad("n=" + std::to_string(c.n), 8)
                   + pad(c.observed.defined() ? pct(*c.observed.value()) : "undefined", 10)
                   + (c.eligible ? "" : "insufficient support") + "\n";
        }
    }
    if (r.reviews) {
        const ReviewEvidence &e = *r.reviews;
        out += "\nReviews of " + e.subject + " (consensus: " + e.consensus + ", "
               + std::to_string(e.reviewers.size()) + " reviewer(s))\n";
        out += "  " + std::to_string(e.reviewedFamilies) + " families reviewed: "
               + std::to_string(e.equivalent) + " equivalent, "
               + std::to_string(e.excludedNotEquivalent) + " excluded as not equivalent, "
               + std::to_string(e.unsure) + " unsure, " + std::to_string(e.awaitingAdjudication)
               + " awaiting adjudication (" + std::to_string(e.adjudicated) + " adjudicated)\n";
        for (const ReviewAgreementFigure &f : e.agreement) {
            out += "  " + pad(f.question, 18)
                   + pad(f.statistic == "cohen_kappa" ? "kappa " + f.reviewers : "alpha (all)", 26)
                   + (f.value ? fmt("%.3f", *f.value) : std::string("undefined"))
                   + "  n=" + std::to_string(f.items) + "\n";
        }
    }
    if (!r.warnings.empty()) {
        out += "\nWarnings\n";
        for (const AuditWarning &w : r.warnings) {
            out += "  ";
            if (w.line > 0)
                out += r.source + ":" + std::to_string(w.line) + ": ";
            if (!w.field.empty())
                out += w.field + ": ";
            out += w.message + "\n";
        }
        if (r.warningsOmitted > 0)
            out += "  … and " + std::to_string(r.warningsOmitted) + " more\n";
    }
    return out;
}

} // namespace cp
