// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "runcomparison.h"

#include "privacyfloor.h"
#include "reportformat.h"

#include <core/audit/pairsindex.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace cp {

const char *deltaChangeKey(DeltaChange change)
{
    switch (change) {
    case DeltaChange::None: return "none";
    case DeltaChange::Regressed: return "regressed";
    case DeltaChange::Improved: return "improved";
    case DeltaChange::Moved: return "moved";
    }
    return "none";
}

namespace {

constexpr double Slack = 1e-12;

/// Family id → its variants (protected groups and strata of each row, sorted), one string.
Result<std::unordered_map<std::string, std::string>> familySignatures(const PairsIndex &index,
                                                                      const AuditSpec &spec,
                                                                      const std::string &label)
{
    const auto &columns = index.rows->columns();
    const auto at = std::find(columns.begin(), columns.end(), *spec.familyColumn);
    if (at == columns.end())
        return Error{ErrorCode::Schema, label, 0, *spec.familyColumn,
                     "the family column is missing"};
    const std::size_t familyColumn = std::size_t(at - columns.begin());
    std::unordered_map<std::string, std::string> out;
    out.reserve(index.families.size());
    std::vector<std::string_view> cells;
    std::string scratch;
    std::vector<std::string> keys;
    for (std::size_t f = 0; f < index.families.size(); ++f) {
        keys.clear();
        for (int v = 0; v < index.families[f].variants; ++v) {
            const std::int64_t row = index.row(f, v);
            std::string key;
            for (const auto *dims : {&index.protectedDims, &index.strata})
                for (const PairsIndex::Dimension &d : *dims)
                    key += d.groups[d.groupOfRow[std::size_t(row)]] + '\x1f';
            keys.push_back(std::move(key));
        }
        std::sort(keys.begin(), keys.end());
        std::string signature;
        for (const std::string &k : keys)
            signature += k + '\x1e';
        index.rows->cells(index.row(f, 0), cells, scratch);
        out.emplace(std::string(cells[familyColumn]), std::move(signature));
    }
    return out;
}

std::optional<double> minus(const std::optional<double> &a, const std::optional<double> &b)
{
    return a && b ? std::optional<double>(*a - *b) : std::nullopt;
}

MetricDelta delta(std::string attribute, std::string group, Metric m, std::optional<double> b,
                  std::optional<double> c, bool withheld, double threshold)
{
    MetricDelta d;
    d.attribute = std::move(attribute);
    d.group = std::move(group);
    d.metric = m;
    d.baseline = b;
    d.candidate = c;
    d.delta = minus(c, b);
    d.beyondThreshold = d.delta && std::abs(*d.delta) > threshold + Slack;
    if (d.beyondThreshold)
        d.change = !d.group.empty() ? DeltaChange::Moved
                   : *d.delta > 0   ? DeltaChange::Regressed
                                    : DeltaChange::Improved;
    d.withheld = withheld;
    return d;
}

/// One LLM metric of one run, keyed by what it measures.
struct LlmValue {
    LlmMetric metric;
    std::string attribute, group, versus;
    std::optional<double> value;
    bool withheld = false;
};

/// Every LLM metric of a run, under the privacy floor: a rate or gap is withheld with its
/// proportions, a mean with its support (as the report and the CSV do).
std::vector<LlmValue> llmValues(const AuditResult &r, const PrivacyFloor &floor)
{
    std::vector<LlmValue> out;
    if (r.refusals) {
        for (const AttributeRefusals &a : r.refusals->attributes)
            out.push_back({LlmMetric::RefusalGap, a.attribute, {}, {}, a.gap,
                           refusalGapWithheld(floor, a)});
        for (const AttributeRefusals &a : r.refusals->attributes)
            for (const GroupRefusals &g : a.groups)
                out.push_back({LlmMetric::RefusalRate, a.attribute, g.group, {}, g.refused.value(),
                               floor.hides(g.refused)});
    }
    if (r.lpbs) {
        for (const LpbsPair &p : r.lpbs->pairs)
            out.push_back({LlmMetric::Lpbs, p.attribute, p.a, p.b, p.delta.value(),
                           floor.hides(p.delta)});
        for (const LpbsPair &p : r.lpbs->pairs)
            out.push_back({LlmMetric::ProbabilityShift, p.attribute, p.a, p.b,
                           p.probabilityShift.value(), floor.hides(p.probabilityShift)});
        for (const CategoricalBias &b : r.lpbs->categorical)
            out.push_back({LlmMetric::CategoricalBias, b.attribute, {}, {}, b.variance.value(),
                           floor.hides(b.variance)});
    }
    if (r.replySimilarity) {
        for (const ReplyPairSimilarity &p : r.replySimilarity->pairs)
            out.push_back({LlmMetric::RougeL, p.attribute, p.a, p.b, p.rougeL.value(),
                           floor.hides(p.rougeL)});
        for (const ReplyPairSimilarity &p : r.replySimilarity->pairs)
            out.push_back({LlmMetric::Bleu, p.attribute, p.a, p.b, p.bleu.value(),
                           floor.hides(p.bleu)});
        for (const ReplyPairSimilarity &p : r.replySimilarity->pairs)
            out.push_back({LlmMetric::ExactMatch, p.attribute, p.a, p.b, p.exactMatch.value(),
                           floor.hides(p.exactMatch)});
    }
    return out;
}

/// Which way a change beyond the threshold went; `delta` is candidate − baseline.
DeltaChange llmChange(LlmMetric m, double baseline, double candidate, double delta)
{
    switch (m) {
    case LlmMetric::RefusalRate:
        return DeltaChange::Moved;      // a group's rate alone has no better direction
    case LlmMetric::Lpbs:               // signed: a bias is its distance from 0
        if (std::abs(candidate) > std::abs(baseline) + Slack)
            return DeltaChange::Regressed;
        if (std::abs(candidate) < std::abs(baseline) - Slack)
            return DeltaChange::Improved;
        return DeltaChange::Moved;      // the same size, favouring the other group
    case LlmMetric::RougeL:
    case LlmMetric::Bleu:
    case LlmMetric::ExactMatch:
        return delta < 0 ? DeltaChange::Regressed : DeltaChange::Improved;
    case LlmMetric::RefusalGap:
    case LlmMetric::ProbabilityShift:
    case LlmMetric::CategoricalBias:
        break;
    }
    return delta > 0 ? DeltaChange::Regressed : DeltaChange::Improved;
}

/// The LLM deltas: the candidate's metrics in order, then those of the baseline only.
std::vector<LlmDelta> llmDeltas(const AuditResult &baseline, const AuditResult &candidate,
                                const PrivacyFloor &floor, double threshold)
{
    const std::vector<LlmValue> before = llmValues(baseline, floor);
    const std::vector<LlmValue> after = llmValues(candidate, floor);
    using Key = std::tuple<LlmMetric, std::string, std::string, std::string>;
    std::map<Key, std::size_t> inBaseline;
    for (std::size_t i = 0; i < before.size(); ++i)
        inBaseline.emplace(Key{before[i].metric, before[i].attribute, before[i].group,
                               before[i].versus},
                           i);
    std::vector<bool> matched(before.size(), false);
    std::vector<LlmDelta> out;
    auto add = [&](const LlmValue *b, bool swapped, const LlmValue *c) {
        const LlmValue &any = c ? *c : *b;
        LlmDelta d;
        d.metric = any.metric;
        d.attribute = any.attribute;
        d.group = any.group;
        d.versus = any.versus;
        if (b) {
            d.baseline = b->value;
            if (swapped && d.baseline && any.metric == LlmMetric::Lpbs)
                d.baseline = -*d.baseline;
        }
        if (c)
            d.candidate = c->value;
        d.withheld = (b && b->withheld) || (c && c->withheld);
        d.delta = minus(d.candidate, d.baseline);
        d.beyondThreshold = d.delta && std::abs(*d.delta) > threshold + Slack;
        if (d.beyondThreshold)
            d.change = llmChange(d.metric, *d.baseline, *d.candidate, *d.delta);
        out.push_back(std::move(d));
    };
    for (const LlmValue &c : after) {
        auto it = inBaseline.find(Key{c.metric, c.attribute, c.group, c.versus});
        bool swapped = false;
        if (it == inBaseline.end() && !c.versus.empty()) {
            it = inBaseline.find(Key{c.metric, c.attribute, c.versus, c.group});
            swapped = it != inBaseline.end();
        }
        const LlmValue *b = it == inBaseline.end() ? nullptr : &before[it->second];
        if (b)
            matched[it->second] = true;
        add(b, swapped, &c);
    }
    for (std::size_t i = 0; i < before.size(); ++i)
        if (!matched[i])
            add(&before[i], false, nullptr);
    std::stable_sort(out.begin(), out.end(), [](const LlmDelta &x, const LlmDelta &y) {
        return int(x.metric) < int(y.metric);
    });
    return out;
}

std::string joinedChecks(const std::vector<std::string> &names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out;
}

} // namespace

std::string llmMetricKey(LlmMetric metric)
{
    switch (metric) {
    case LlmMetric::RefusalGap: return "refusal_gap";
    case LlmMetric::RefusalRate: return "refusal_rate";
    case LlmMetric::Lpbs: return "lpbs";
    case LlmMetric::ProbabilityShift: return "probability_shift";
    case LlmMetric::CategoricalBias: return "categorical_bias";
    case LlmMetric::RougeL: return "rouge_l";
    case LlmMetric::Bleu: return "bleu";
    case LlmMetric::ExactMatch: return "exact_match";
    }
    return {};
}

std::string llmMetricLabel(LlmMetric metric)
{
    switch (metric) {
    case LlmMetric::RefusalGap: return "refusal gap";
    case LlmMetric::RefusalRate: return "refusal rate";
    case LlmMetric::Lpbs: return "LPBS (mean log-probability difference)";
    case LlmMetric::ProbabilityShift: return "probability shift (mean |P_a - P_b|)";
    case LlmMetric::CategoricalBias: return "categorical bias";
    case LlmMetric::RougeL: return "ROUGE-L";
    case LlmMetric::Bleu: return "BLEU";
    case LlmMetric::ExactMatch: return "exact match";
    }
    return {};
}

bool llmMetricIsRate(LlmMetric metric)
{
    return metric == LlmMetric::RefusalGap || metric == LlmMetric::RefusalRate
           || metric == LlmMetric::ExactMatch;
}

std::string LlmDelta::groupLabel() const
{
    return versus.empty() ? group : group + " vs " + versus;
}

RunComparison compareResults(const AuditResult &baseline, const AuditResult &candidate,
                             const AuditSpec &spec)
{
    RunComparison out;
    const PrivacyFloor floor(spec.contract ? spec.contract->privacyK : std::nullopt);
    out.threshold = spec.contract ? spec.contract->regressionThreshold
                                  : DefaultRegressionThreshold;
    out.baselineSha256 = baseline.tableSha256;
    out.candidateSha256 = candidate.tableSha256;
    out.baselineDecision = baseline.decision;
    out.candidateDecision = candidate.decision;
    out.families = candidate.families.value_or(0);

    for (const AttributeSlices &a : candidate.slices)
        for (const SliceRates &g : a.groups) {
            const SliceRates *b = baseline.findSlice(a.attribute, g.group);
            for (int m = 0; m < MetricCount; ++m) {
                const Proportion &pc = g.rates[std::size_t(m)];
                const Proportion pb = b ? b->rates[std::size_t(m)] : Proportion{};
                out.rates.push_back(delta(a.attribute, g.group, Metric(m), pb.value(), pc.value(),
                                          floor.hides(pb) || floor.hides(pc), out.threshold));
            }
        }
    for (const AttributeGaps &a : candidate.gaps)
        for (const Gap &gc : a.gaps) {
            const Gap *gb = baseline.findGap(a.attribute, gc.metric);
            const bool withheld = gapWithheld(floor, candidate, a.attribute, gc)
                                  || (gb && gapWithheld(floor, baseline, a.attribute, *gb));
            out.gaps.push_back(delta(a.attribute, {}, gc.metric,
                                     gb ? gb->difference : std::nullopt, gc.difference, withheld,
                                     out.threshold));
        }

    out.llm = llmDeltas(baseline, candidate, floor, out.threshold);

    auto addCheck = [&](const Check *b, const Check *c) {
        CheckChange k;
        const Check &any = c ? *c : *b;
        k.name = any.name;
        k.attribute = any.attribute;
        k.limit = any.limit;
        k.upperLimit = any.upperLimit;
        if (b) {
            k.baseline = b->status;
            k.baselineValue = b->value;
            k.withheld = k.withheld || checkValueWithheld(floor, baseline, *b);
        }
        if (c) {
            k.candidate = c->status;
            k.candidateValue = c->value;
            k.withheld = k.withheld || checkValueWithheld(floor, candidate, *c);
        }
        if (b && c && b->status == CheckStatus::Failed && c->status != CheckStatus::Failed)
            out.repairedChecks.push_back(checkTitle(*c)
                                         + (c->attribute.empty() ? "" : " (" + c->attribute + ")"));
        out.checks.push_back(std::move(k));
    };
    for (const Check &c : candidate.checks)
        addCheck(baseline.findCheck(c.name, c.attribute), &c);
    for (const Check &b : baseline.checks)
        if (!candidate.findCheck(b.name, b.attribute))
            addCheck(&b, nullptr);

    std::unordered_set<std::string> before, after;
    for (const Flip &f : baseline.flips)
        before.insert(f.family);
    for (const Flip &f : candidate.flips)
        after.insert(f.family);
    for (const Flip &f : baseline.flips)
        if (!after.count(f.family))
            out.flipsFixed.push_back(f.family);
    for (const Flip &f : candidate.flips) {
        if (!before.count(f.family))
            out.flipsIntroduced.push_back(f.family);
        else
            ++out.flipsKept;
    }

    out.repairedOnRegressionSet = !out.repairedChecks.empty();
    if (out.repairedOnRegressionSet) {
        const std::string text = RegressionSetCaveat;
        out.caveat = char(std::toupper(static_cast<unsigned char>(text[0]))) + text.substr(1) + ": "
                     + joinedChecks(out.repairedChecks) + " failed in the baseline and "
                     + (out.repairedChecks.size() == 1 ? "is" : "are")
                     + " within the limit in the candidate, measured only on the probe set that "
                       "exposed the regression. Validate the candidate on a fresh probe set "
                       "before release.";
    }
    return out;
}

Result<RunComparison> compareAudits(const ComparedAudit &baseline, const ComparedAudit &candidate,
                                    const AuditSpec &spec)
{
    const std::string &b = baseline.label;
    const std::string &c = candidate.label;
    if (!spec.familyColumn)
        return Error{ErrorCode::Invalid, {}, 0, "baseline",
                     "runs can be compared only on a probe set of families: the spec names no "
                     "family column"};
    for (const ComparedAudit *a : {&baseline, &candidate})
        if (!a->result)
            return Error{ErrorCode::Invalid, {}, 0, a == &baseline ? "baseline" : "candidate",
                         "cannot read the families of '" + a->label + "': " + a->pairsError};
    if (baseline.result->tableSha256 != candidate.result->tableSha256) {
        // Different tables: their families must match one by one.
        for (const ComparedAudit *a : {&baseline, &candidate})
            if (!a->pairs)
                return Error{ErrorCode::Invalid, {}, 0,
                             a == &baseline ? "baseline" : "candidate",
                             "cannot read the families of '" + a->label + "': " + a->pairsError};
        auto sb = familySignatures(*baseline.pairs, spec, b);
        if (!sb)
            return sb.error();
        auto sc = familySignatures(*candidate.pairs, spec, c);
        if (!sc)
            return sc.error();
        std::int64_t onlyBaseline = 0, onlyCandidate = 0, differing = 0;
        std::string exampleB, exampleC, exampleD;
        for (const auto &[family, signature] : *sb) {
            const auto it = sc->find(family);
            if (it == sc->end()) {
                if (!onlyBaseline++ || family < exampleB)
                    exampleB = family;
            } else if (it->second != signature) {
                if (!differing++ || family < exampleD)
                    exampleD = family;
            }
        }
        for (const auto &[family, signature] : *sc)
            if (!sb->count(family) && (!onlyCandidate++ || family < exampleC))
                exampleC = family;
        if (onlyBaseline || onlyCandidate || differing) {
            std::string why;
            auto add = [&](std::int64_t n, const std::string &what, const std::string &example) {
                if (n)
                    why += (why.empty() ? "" : "; ") + std::to_string(n) + " famil"
                           + (n == 1 ? "y " : "ies ") + what + " (e.g. '" + example + "')";
            };
            add(onlyBaseline, "only in the baseline", exampleB);
            add(onlyCandidate, "only in the candidate", exampleC);
            add(differing, "with different variants", exampleD);
            return Error{ErrorCode::Invalid, {}, 0, "baseline",
                         "baseline '" + b + "' and candidate '" + c
                             + "' are not the same probe set: " + why
                             + ". Compare runs on the same probe set only."};
        }
    }
    RunComparison out = compareResults(*baseline.result, *candidate.result, spec);
    out.baselineLabel = b;
    out.candidateLabel = c;
    return out;
}

} // namespace cp
