// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditcontext.h"

#include <algorithm>
#include <cstdio>

namespace cp {

std::string checkStatusKey(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Passed: return "passed";
    case CheckStatus::Failed: return "failed";
    case CheckStatus::Insufficient: return "insufficient";
    }
    return {};
}

namespace detail {

namespace {

/// Limits are compared with a little slack so that 0.1 − 1e-17 does not fail a 0.1 limit.
constexpr double Slack = 1e-12;

std::string percent(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", v * 100);
    return buf;
}

Gap gapOf(const AttributeSlices &slices, Metric m)
{
    Gap gap;
    gap.metric = m;
    const SliceRates *maxS = nullptr;
    const SliceRates *minS = nullptr;
    for (const SliceRates &s : slices.groups) {
        const auto v = s.rate(m).value();
        if (!v)
            continue;
        ++gap.groupsCompared;
        if (!maxS || *v > *maxS->rate(m).value())
            maxS = &s;
        if (!minS || *v < *minS->rate(m).value())
            minS = &s;
    }
    if (gap.groupsCompared < 2)
        return gap;
    if (minS == maxS) {
        // Every defined rate is equal: name two different groups, not one twice.
        for (const SliceRates &s : slices.groups)
            if (&s != maxS && s.rate(m).defined())
                minS = &s;
    }
    const Proportion &hi = maxS->rate(m);
    const Proportion &lo = minS->rate(m);
    gap.maxGroup = maxS->group;
    gap.minGroup = minS->group;
    gap.difference = *hi.value() - *lo.value();
    if (*hi.value() > 0)
        gap.ratio = *lo.value() / *hi.value();
    gap.ci = stats::newcombe(*hi.value(), *hi.ci(), *lo.value(), *lo.ci());
    return gap;
}

std::optional<double> diff(const Proportion &u, const Proportion &p)
{
    if (!u.defined() || !p.defined())
        return std::nullopt;
    return *u.value() - *p.value();
}

/// Which slices lack the contract's minimum support, as "formal (6 positives < 50)".
std::string supportShortfall(const AttributeSlices &slices, const Contract &c)
{
    std::string out;
    for (const SliceRates &s : slices.groups) {
        std::string why;
        if (s.positivesShort)
            why += std::to_string(s.positives) + " positives < " + std::to_string(c.minPositives);
        if (s.negativesShort)
            why += (why.empty() ? "" : ", ") + std::to_string(s.negatives) + " negatives < "
                   + std::to_string(c.minNegatives);
        if (!why.empty())
            out += (out.empty() ? "" : "; ") + s.group + " (" + why + ")";
    }
    return out;
}

void addGapChecks(const AttributeSlices &slices, const AttributeGaps &gaps, const GapLimit &limit,
                  const Contract &contract, std::vector<Check> &checks)
{
    const Gap &gap = gaps.gaps[std::size_t(limit.metric)];
    const std::string shortfall = supportShortfall(slices, contract);
    const std::string key = metricKey(limit.metric);
    const std::string label = metricLabel(limit.metric);
    auto finish = [&](Check &c, bool beyond, const std::string &what) {
        if (!c.value) {
            c.status = CheckStatus::Insufficient;
            c.detail = "fewer than two groups of '" + slices.attribute + "' have a defined " + label;
        } else if (beyond) {
            c.status = CheckStatus::Failed;
            c.detail = what + " is beyond the limit";
        } else if (!shortfall.empty()) {
            c.status = CheckStatus::Insufficient;
            c.detail = what + " is within the limit, but slices lack minimum support: " + shortfall;
        } else {
            c.status = CheckStatus::Passed;
            c.detail = what + " is within the limit";
        }
        checks.push_back(c);
    };
    if (limit.maxGap) {
        Check c;
        c.name = key + "_gap";
        c.attribute = slices.attribute;
        c.value = gap.difference;
        c.limit = *limit.maxGap;
        c.upperLimit = true;
        finish(c, gap.difference && *gap.difference > *limit.maxGap + Slack,
               !gap.difference ? std::string()
               : *gap.difference == 0
                   ? label + " gap 0.0 % (equal across " + std::to_string(gap.groupsCompared)
                         + " groups)"
                   : label + " gap " + percent(*gap.difference) + " (" + gap.maxGroup + " − "
                         + gap.minGroup + ")");
    }
    if (limit.minRatio) {
        Check c;
        c.name = key + "_ratio";
        c.attribute = slices.attribute;
        c.value = gap.ratio;
        c.limit = *limit.minRatio;
        c.upperLimit = false;
        finish(c, gap.ratio && *gap.ratio < *limit.minRatio - Slack,
               gap.ratio ? label + " ratio " + percent(*gap.ratio) : std::string());
    }
}

void addSupportCheck(const AttributeSlices &slices, bool positives, std::int64_t limit,
                     std::vector<Check> &checks)
{
    Check c;
    c.name = positives ? "min_positives" : "min_negatives";
    c.attribute = slices.attribute;
    c.limit = double(limit);
    c.upperLimit = false;
    std::int64_t least = -1;
    std::string where;
    for (const SliceRates &s : slices.groups) {
        const std::int64_t v = positives ? s.positives : s.negatives;
        if (least < 0 || v < least) {
            least = v;
            where = s.group;
        }
    }
    c.value = double(std::max<std::int64_t>(least, 0));
    const std::string what = positives ? " positives" : " negatives";
    if (least < limit) {
        c.status = CheckStatus::Failed;
        c.detail = "slice '" + where + "' has " + std::to_string(least) + what + ", fewer than "
                   + std::to_string(limit);
    } else {
        c.status = CheckStatus::Passed;
        c.detail = "every slice has at least " + std::to_string(limit) + what;
    }
    checks.push_back(c);
}

} // namespace

void evaluateContract(const AuditContext &ctx, AuditResult &result)
{
    for (const AttributeSlices &slices : result.slices) {
        AttributeGaps gaps;
        gaps.attribute = slices.attribute;
        for (int m = 0; m < MetricCount; ++m)
            gaps.gaps.push_back(gapOf(slices, Metric(m)));
        result.gaps.push_back(std::move(gaps));

        if (!slices.reference)
            continue;
        AttributeReferenceGaps ref;
        ref.attribute = slices.attribute;
        ref.reference = *slices.reference;
        const SliceRates *p = nullptr;
        for (const SliceRates &s : slices.groups)
            if (s.group == *slices.reference)
                p = &s;
        for (const SliceRates &u : slices.groups) {
            if (&u == p)
                continue;
            ReferenceGap g;
            g.group = u.group;
            g.spd = diff(u.rate(Metric::SelectionRate), p->rate(Metric::SelectionRate));
            const auto srP = p->rate(Metric::SelectionRate).value();
            const auto srU = u.rate(Metric::SelectionRate).value();
            if (srP && srU && *srP > 0)
                g.di = *srU / *srP;
            g.eod = diff(u.rate(Metric::Tpr), p->rate(Metric::Tpr));
            const auto fprDiff = diff(u.rate(Metric::Fpr), p->rate(Metric::Fpr));
            if (fprDiff && g.eod)
                g.aod = (*fprDiff + *g.eod) / 2;
            g.fnrDifference = diff(u.rate(Metric::Fnr), p->rate(Metric::Fnr));
            ref.groups.push_back(g);
        }
        result.referenceGaps.push_back(std::move(ref));
    }

    if (!ctx.spec->contract)
        return;
    const Contract &contract = *ctx.spec->contract;
    for (std::size_t a = 0; a < result.slices.size(); ++a) {
        if (contract.primary)
            addGapChecks(result.slices[a], result.gaps[a], *contract.primary, contract,
                         result.checks);
        for (const GapLimit &g : contract.guardrails)
            addGapChecks(result.slices[a], result.gaps[a], g, contract, result.checks);
    }
    for (const AttributeSlices &slices : result.slices) {
        if (contract.minPositives > 0)
            addSupportCheck(slices, true, contract.minPositives, result.checks);
        if (contract.minNegatives > 0)
            addSupportCheck(slices, false, contract.minNegatives, result.checks);
    }
    if (contract.maxFlipRate) {
        Check c;
        c.name = "flip_rate";
        c.limit = *contract.maxFlipRate;
        c.upperLimit = true;
        if (!result.flipRate || !result.flipRate->defined()) {
            c.status = CheckStatus::Insufficient;
            c.detail = ctx.familyColumn ? "no family has two or more variants"
                                        : "the spec names no family column, so nothing can flip";
        } else {
            c.value = result.flipRate->value();
            const bool beyond = *c.value > c.limit + Slack;
            c.status = beyond ? CheckStatus::Failed : CheckStatus::Passed;
            c.detail = std::to_string(result.flipRate->k) + " of " + std::to_string(result.flipRate->n)
                       + " families flipped (" + percent(*c.value) + ")";
        }
        result.checks.push_back(c);
    }
    for (const Attestation &a : contract.attestations)
        if (!a.done)
            result.missing.push_back(a.name);

    const bool allPassed = std::all_of(result.checks.begin(), result.checks.end(),
                                       [](const Check &c) { return c.status == CheckStatus::Passed; });
    result.decision = allPassed && result.missing.empty() ? Decision::Approved : Decision::Blocked;
}

} // namespace detail
} // namespace cp
