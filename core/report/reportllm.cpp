// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The report's "LLM outputs" section: refusals, repeated sampling, log-probability and
// categorical bias, reply similarity and score parity. Counts go through the privacy floor.

#include "reportsections.h"

#include "htmltext.h"
#include "reportformat.h"

#include <core/report/report.h>

#include <algorithm>

namespace cp::sections {

using html::num;
using namespace doc;

namespace {

/// "−0.4583 [−0.4765, −0.4400] · n 261", or "undefined (n = 0)".
std::string meanText(const stats::MeanEstimate &m, int decimals, bool withheld)
{
    if (!m.defined())
        return "undefined (n = 0)";
    if (withheld)
        return "withheld";
    std::string s = num(m.mean, decimals);
    if (const auto ci = m.ci())
        s += " [" + num(ci->low, decimals) + ", " + num(ci->high, decimals) + "]";
    return s;
}

} // namespace

std::optional<DocSection> llmOutputs(const Report &report)
{
    const AuditResult &r = report.result;
    const PrivacyFloor &floor = report.floor;
    if (!r.refusals && !r.repeats && !r.lpbs && !r.replySimilarity && !r.scoreParity
        && !r.embeddingSimilarity)
        return std::nullopt;
    DocSection s{"llm", "LLM outputs", {}};
    auto &b = s.blocks;
    b.push_back(paragraph("A refused variant is an outcome: the refusal rates count every "
                          "variant, while the score- and label-based sections use the families "
                          "in which every variant answered. "
                          + r.familiesSentence() + "."));
    if (r.refusals) {
        const RefusalEvidence &e = *r.refusals;
        b.push_back(heading("Refusals"));
        DocTable facts;
        facts.style = DocTable::Style::Facts;
        facts.rows.push_back(fact("Refused variants (Wilson 95 %)", rate(e.overall, floor)));
        facts.rows.push_back(fact("Families with a refused variant",
                                  number(floor.count(e.familiesWithRefusal, true) + " of "
                                         + floor.count(e.families, true))));
        facts.rows.push_back(fact("Refusal flips (some variants refused, others answered)",
                                  number(floor.count(e.refusalFlips, true))));
        b.push_back(table(std::move(facts)));
        DocTable t;
        t.head = {"Attribute", "Group", "Refusal rate (Wilson 95 %)", "Support"};
        for (const AttributeRefusals &a : e.attributes)
            for (const GroupRefusals &g : a.groups) {
                DocTable::Row row{{text(a.attribute), text(g.group), rate(g.refused, floor),
                                   text(g.status == CellStatus::Eligible ? "eligible"
                                                                         : "report-only")}};
                row.lowSupport = g.status == CellStatus::ReportOnly;
                t.rows.push_back(std::move(row));
            }
        b.push_back(table(std::move(t)));
        DocTable gaps;
        gaps.head = {"Attribute", "Refusal gap (most − least refused)", "Newcombe 95 %",
                     "Answer-rate ratio", "Discordant pairs (a refused / b refused)",
                     "McNemar p"};
        for (const AttributeRefusals &a : e.attributes) {
            std::string discordant, p;
            for (const RefusalPairTest &pt : a.pairs) {
                discordant += (discordant.empty() ? "" : "; ") + pt.a + " / " + pt.b + ": "
                              + floor.count(pt.aOnly, true) + " / " + floor.count(pt.bOnly, true);
                p += (p.empty() ? "" : "; ")
                     + (floor.hides(pt.aOnly) || floor.hides(pt.bOnly)
                                ? std::string("withheld")
                                : formatPValue(pt.mcnemarP));
            }
            // Withheld with the most or least refused group's rate, as a gap is.
            const bool hidden = refusalGapWithheld(floor, a);
            const std::string withheld = "withheld";
            gaps.rows.push_back(
                    {{text(a.attribute),
                      number(!a.gap   ? std::string("undefined")
                             : hidden ? withheld
                                      : formatPercent(*a.gap) + " (" + a.maxGroup + " − "
                                                + a.minGroup + ")"),
                      number(!a.gapCi ? std::string("undefined")
                             : hidden ? withheld
                                      : formatPercent(a.gapCi->low) + " to "
                                                + formatPercent(a.gapCi->high)),
                      number(!a.answerRatio ? std::string("undefined")
                             : hidden       ? withheld
                                            : num(*a.answerRatio, 3)),
                      text(discordant.empty() ? std::string("no matched pairs") : discordant),
                      number(p.empty() ? std::string("—") : p)}});
        }
        b.push_back(table(std::move(gaps)));
    }
    if (r.repeats) {
        const RepeatEvidence &e = *r.repeats;
        b.push_back(heading("Repeated sampling"));
        b.push_back(paragraph(
                std::to_string(e.repeats) + " repeats per variant. A variant's outcome is its "
                "majority; a family flips only when its variants' majorities differ. "
                + floor.count(e.flips, true) + " flips, " + floor.count(e.flipsInNoisyFamilies, true)
                + " of them in noisy families (a variant's repeats disagree); "
                + floor.count(e.noisyFamilies, true) + " of " + floor.count(e.families, true)
                + " families are noisy; " + floor.count(e.ties, true) + " variants' majorities "
                "are ties."));
        DocTable t;
        t.head = {"Attribute", "Group", "Self-disagreement (Wilson 95 %)", "Majority ties",
                  "Mean favourable share p_v"};
        for (const AttributeRepeats &a : e.attributes)
            for (const GroupRepeats &g : a.groups)
                t.rows.push_back({{text(a.attribute), text(g.group), rate(g.noisy, floor),
                                   number(floor.count(g.ties, true)),
                                   number(meanText(g.favourableShare, 3,
                                                   floor.hides(g.favourableShare)))}});
        b.push_back(table(std::move(t)));
        DocTable d;
        d.head = {"Attribute", "Pair", "Mean paired difference p_a − p_b (95 %)", "Families"};
        for (const AttributeRepeats &a : e.attributes)
            for (const RepeatPairTest &p : a.pairs)
                d.rows.push_back({{text(a.attribute), text(p.a + " − " + p.b),
                                   number(meanText(p.shareDifference, 4,
                                                   floor.hides(p.shareDifference))),
                                   number(floor.count(p.shareDifference.n, true))}});
        b.push_back(table(std::move(d)));
    }
    if (r.lpbs) {
        const LogprobEvidence &e = *r.lpbs;
        b.push_back(heading("Log-probability bias"));
        b.push_back(paragraph(
                "Per matched family, Δ = ln P(t | a) − ln P(t | b) of the target token; LPBS is "
                "the mean Δ. The contract reads it on the "
                + std::string(e.scale == LpbsScale::Log ? "log scale (|mean Δ|)"
                                                        : "probability scale (mean |P_a − P_b|)")
                + ". " + floor.count(e.variantsWithLogprob, true)
                + " variants have a log-probability, " + floor.count(e.variantsWithout, true)
                + " answered without one."));
        DocTable t;
        t.head = {"Attribute", "Pair", "LPBS mean Δ (95 %)", "Mean |P_a − P_b| (95 %)",
                  "Favours", "Families"};
        for (const LpbsPair &p : e.pairs) {
            // The favoured group says the sign of a withheld mean.
            const bool hidden = floor.hides(p.delta);
            t.rows.push_back({{text(p.attribute), text(p.a + " vs " + p.b),
                               number(meanText(p.delta, 4, hidden)),
                               number(meanText(p.probabilityShift, 4,
                                               floor.hides(p.probabilityShift))),
                               text(hidden               ? std::string("withheld")
                                    : p.favoured.empty() ? std::string("neither")
                                                         : p.favoured),
                               number(floor.count(p.delta.n, true))}});
        }
        b.push_back(table(std::move(t)));
        if (!e.associations.empty()) {
            DocTable a;
            a.head = {"Attribute", "Group", "a(g) = ln P(t | g) − ln P(t | neutral) (95 %)",
                      "Families"};
            for (const GroupAssociation &g : e.associations)
                a.rows.push_back({{text(g.attribute), text(g.group + " vs " + g.neutral),
                                   number(meanText(g.association, 4,
                                                   floor.hides(g.association))),
                                   number(floor.count(g.association.n, true))}});
            b.push_back(table(std::move(a)));
        }
        DocTable c;
        c.head = {"Attribute", "Groups", "Categorical bias: mean population variance of ln P "
                                         "(95 %)",
                  "Families"};
        for (const CategoricalBias &cb : e.categorical)
            c.rows.push_back({{text(cb.attribute), number(std::to_string(cb.groups)),
                               number(meanText(cb.variance, 4, floor.hides(cb.variance))),
                               number(floor.count(cb.variance.n, true))}});
        b.push_back(table(std::move(c)));
    }
    if (r.replySimilarity) {
        const ReplyEvidence &e = *r.replySimilarity;
        b.push_back(heading("Reply similarity"));
        b.push_back(paragraph("Counterfactual replies compared word by word after masking the "
                              "swapped group words: ROUGE-L F1, symmetric sentence BLEU-4 (the "
                              "lower of the two directions, NLTK method-1 smoothing), exact "
                              "match, and the length difference in words. 1 is identical."));
        DocTable t;
        t.head = {"Attribute", "Pair", "ROUGE-L (95 %)", "BLEU (95 %)", "Exact match",
                  "Length b − a (words)", "Least similar families"};
        for (const ReplyPairSimilarity &p : e.pairs) {
            std::string least;
            for (std::size_t i = 0; i < std::min<std::size_t>(5, p.leastSimilar.size()); ++i)
                least += (least.empty() ? "" : ", ") + p.leastSimilar[i].first + " ("
                         + num(p.leastSimilar[i].second, 2) + ")";
            t.rows.push_back({{text(p.attribute), text(p.a + " vs " + p.b),
                               number(meanText(p.rougeL, 3, floor.hides(p.rougeL))),
                               number(meanText(p.bleu, 3, floor.hides(p.bleu))),
                               rate(p.exactMatch, floor),
                               number(meanText(p.lengthDifference, 2,
                                               floor.hides(p.lengthDifference))),
                               text(least.empty() ? std::string("—") : least)}});
        }
        b.push_back(table(std::move(t)));
    }
    if (r.embeddingSimilarity) {
        const EmbeddingEvidence &e = *r.embeddingSimilarity;
        b.push_back(heading("Reply similarity by embedding"));
        b.push_back(paragraph(
                "Counterfactual replies compared by their embeddings"
                + (e.source.empty() ? std::string() : " (" + e.source + ")") + ": the cosine "
                "similarity of the two variants' vectors, " + std::to_string(e.dimension)
                + " dimensions, with a t interval over the families. 1 is the same direction; "
                "the swapped group words are not masked, so two fair replies differ a little."));
        DocTable t;
        t.head = {"Attribute", "Pair", "Cosine (95 %)", "Families", "Least similar families"};
        for (const EmbeddingPairSimilarity &p : e.pairs) {
            std::string least;
            for (std::size_t i = 0; i < std::min<std::size_t>(5, p.leastSimilar.size()); ++i)
                least += (least.empty() ? "" : ", ") + p.leastSimilar[i].first + " ("
                         + num(p.leastSimilar[i].second, 3) + ")";
            t.rows.push_back({{text(p.attribute), text(p.a + " vs " + p.b),
                               number(meanText(p.cosine, 3, floor.hides(p.cosine))),
                               number(floor.count(p.cosine.n, true)),
                               text(least.empty() || floor.hides(p.cosine) ? std::string("—")
                                                                            : least)}});
        }
        b.push_back(table(std::move(t)));
    }
    if (r.scoreParity) {
        const ScoreParityEvidence &e = *r.scoreParity;
        const std::string tau = e.threshold ? num(*e.threshold, 2) : std::string("τ");
        b.push_back(heading("Score parity"));
        b.push_back(paragraph(
                "Do the groups' variants get the same distribution of " + e.column
                + " (a scorer of the replies: sentiment, toxicity, a rubric)? Strict parity: the "
                "Wasserstein-1 distance between the groups' scores (0 is the same "
                "distribution). Weak parity: the difference of P(" + e.column + " > " + tau
                + ") with Newcombe's 95 % interval."
                + (e.threshold ? std::string() : " The spec names no threshold, so there is no "
                                                 "weak parity.")));
        DocTable t;
        t.head = {"Attribute", "Pair", "Wasserstein-1", "P(score > " + tau + ") a",
                  "P(score > " + tau + ") b", "Weak gap a − b (Newcombe 95 %)", "Scored a / b"};
        for (const ScoreParityPair &p : e.pairs) {
            // The weak gap tells the two above-τ shares: withheld when either is hidden.
            const bool withheld = floor.hides(p.na) || floor.hides(p.nb)
                                  || floor.hides(p.aAbove) || floor.hides(p.bAbove);
            std::string gap = "undefined";
            if (withheld && p.weakGap)
                gap = "withheld";
            else if (p.weakGap)
                gap = formatPercent(*p.weakGap)
                      + (p.weakGapCi ? " (" + formatPercent(p.weakGapCi->low) + " to "
                                               + formatPercent(p.weakGapCi->high) + ")"
                                     : std::string());
            t.rows.push_back(
                    {{text(p.attribute), text(p.a + " vs " + p.b),
                      number(!p.wasserstein1 ? std::string("undefined")
                             : withheld      ? std::string("withheld")
                                             : num(*p.wasserstein1, 4)),
                      rate(p.aAbove, floor), rate(p.bAbove, floor), number(gap),
                      number(floor.count(p.na, true) + " / " + floor.count(p.nb, true))}});
        }
        b.push_back(table(std::move(t)));
    }
    return s;
}

} // namespace cp::sections
