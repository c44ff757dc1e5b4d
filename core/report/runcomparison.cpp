// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "runcomparison.h"

#include "privacyfloor.h"
#include "reportformat.h"

#include <core/audit/pairsindex.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace cp {

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
    d.withheld = withheld;
    return d;
}

std::string joinedChecks(const std::vector<std::string> &names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out;
}

} // namespace

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
