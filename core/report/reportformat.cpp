// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reportformat.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace cp {

std::string formatPercent(double fraction, int decimals, bool sign)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, sign ? "%+.*f %%" : "%.*f %%", decimals, fraction * 100);
    std::string s = buf;
    if (s.rfind("-0.0 ", 0) == 0 || s.rfind("+0.0 ", 0) == 0)
        s = s.substr(1);
    if (sign && s.rfind("0.0 ", 0) == 0)
        s = "±" + s;
    return s;
}

std::string formatLlmValue(LlmMetric metric, double value, bool sign)
{
    if (llmMetricIsRate(metric))
        return formatPercent(value, 1, sign);
    const int decimals = metric == LlmMetric::RougeL || metric == LlmMetric::Bleu ? 3 : 4;
    char buf[48];
    std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, value);
    std::string s = buf;
    // No signed zero: "-0.000" is "0.000", and a signed change of zero is "±0.000".
    if ((s[0] == '-' || s[0] == '+') && s.find_first_not_of("0.", 1) == std::string::npos)
        s = s.substr(1);
    if (sign && s.find_first_not_of("0.") == std::string::npos)
        s = "±" + s;
    return s;
}

std::string formatInterval(const stats::Interval &ci)
{
    return "[" + formatPercent(ci.low) + ", " + formatPercent(ci.high) + "]";
}

std::string formatProportion(const Proportion &p, const PrivacyFloor &floor)
{
    if (floor.hides(p))
        return "withheld (" + floor.marker() + ")";
    if (!p.defined())
        return "undefined (n = 0)";
    return formatPercent(*p.value()) + " " + formatInterval(*p.ci()) + " · " + std::to_string(p.k)
           + "/" + std::to_string(p.n);
}

namespace {

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() > suffix.size()
           && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

std::string formatPlainNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

bool checkValueIsPlainNumber(const Check &check)
{
    // An agreement coefficient, a log-probability bias on the log scale or as a probability
    // shift, a variance of log-probabilities: numbers, not percentages of anything.
    return check.name == "min_agreement" || check.name == "lpbs" || check.name == "categorical_bias";
}

std::string checkTitle(const Check &check)
{
    if (check.name == "min_positives")
        return "minimum positives per slice";
    if (check.name == "min_negatives")
        return "minimum negatives per slice";
    if (check.name == "flip_rate")
        return "flip rate";
    if (check.name == "min_reviewed_pairs")
        return "minimum reviewed pairs";
    if (check.name == "min_agreement")
        return "minimum reviewer agreement (Krippendorff's α)";
    if (check.name == "refusal_gap")
        return "refusal-rate gap";
    if (check.name == "answer_ratio")
        return "answer-rate ratio";
    if (check.name == "lpbs")
        return "log-probability bias";
    if (check.name == "categorical_bias")
        return "categorical bias";
    if (check.name == "answered_families")
        return "answered families";
    for (const char *suffix : {"_gap", "_ratio"}) {
        if (!endsWith(check.name, suffix))
            continue;
        const std::string key
                = check.name.substr(0, check.name.size() - std::string(suffix).size());
        if (const auto m = metricFromKey(key))
            return metricLabel(*m) + (std::string(suffix) == "_gap" ? " gap" : " ratio");
    }
    return check.name;
}

std::string checkValueText(const Check &check, const AuditResult &result, const PrivacyFloor &floor)
{
    if (!check.value)
        return "undefined";
    if (checkValueIsCount(check))
        return floor.count(std::int64_t(*check.value));
    if (checkValueIsPlainNumber(check))
        return formatPlainNumber(*check.value);
    if (checkValueWithheld(floor, result, check))
        return "withheld (" + floor.marker() + ")";
    return formatPercent(*check.value);
}

std::string checkLimitText(const Check &check, bool ascii)
{
    const std::string op = check.upperLimit ? (ascii ? "<=" : "≤") : (ascii ? ">=" : "≥");
    if (checkValueIsPlainNumber(check))
        return op + " " + formatPlainNumber(check.limit);
    return op + " " + (checkValueIsCount(check) ? std::to_string(std::int64_t(check.limit))
                                                : formatPercent(check.limit));
}

std::string checkMessage(const Check &check, const AuditResult &result, const PrivacyFloor &floor,
                         bool ascii)
{
    const std::string title = checkTitle(check);
    const std::string value = checkValueText(check, result, floor);
    const std::string limit = checkValueIsCount(check) ? std::to_string(std::int64_t(check.limit))
                              : checkValueIsPlainNumber(check) ? formatPlainNumber(check.limit)
                                                               : formatPercent(check.limit);
    // A count below the floor reads "<k" and stays in the sentence; a rate or gap is withheld.
    const bool withheld = !checkValueIsCount(check) && checkValueWithheld(floor, result, check);
    const std::string head = title + (check.attribute.empty() ? "" : " (" + check.attribute + ")")
                             + (withheld ? "" : " " + value);
    const std::string hidden = withheld ? " (value withheld: counts below the privacy floor k = "
                                              + std::to_string(*floor.k()) + ")"
                                        : std::string();
    std::string verdict;
    switch (check.status) {
    case CheckStatus::Passed:
        verdict = " within the limit " + checkLimitText(check, ascii) + ": passed" + hidden;
        break;
    case CheckStatus::Failed:
        verdict = withheld ? " beyond the limit " + checkLimitText(check, ascii) + ": failed"
                                     + hidden
                           : (check.upperLimit ? " > " : " < ") + std::string("limit ") + limit
                                     + ": failed";
        break;
    case CheckStatus::Insufficient:
        verdict = " against the limit " + checkLimitText(check, ascii)
                  + ": insufficient evidence, never passed" + hidden;
        break;
    }
    // The engine's detail names groups and counts; gap details carry the gap itself, which is
    // withheld with the value.
    std::string detail = check.detail;
    if (withheld)
        detail = check.status == CheckStatus::Insufficient ? "slices lack minimum support"
                                                           : std::string();
    detail = floor.mask(detail);
    return head + verdict + (detail.empty() ? "" : (ascii ? " -- " : " — ") + detail);
}

std::string decisionText(const std::optional<Decision> &decision)
{
    if (!decision)
        return "NO CONTRACT";
    return *decision == Decision::Approved ? "APPROVED" : "BLOCKED";
}

std::string decisionLead(const AuditResult &r)
{
    if (!r.decision)
        return "The spec has no contract: every figure below is computed, but nothing decides "
               "the release.";
    if (*r.decision == Decision::Approved)
        return "Release approved: all " + std::to_string(r.checks.size())
               + " contract checks passed and every required attestation is recorded.";
    std::size_t failed = 0, insufficient = 0;
    for (const Check &c : r.checks) {
        failed += c.status == CheckStatus::Failed;
        insufficient += c.status == CheckStatus::Insufficient;
    }
    std::vector<std::string> why;
    if (failed > 0)
        why.push_back(std::to_string(failed) + " of " + std::to_string(r.checks.size())
                      + " checks failed");
    if (insufficient > 0)
        why.push_back(std::to_string(insufficient) + " lack" + (insufficient == 1 ? "s" : "")
                      + " the evidence to pass");
    if (!r.missing.empty())
        why.push_back(std::to_string(r.missing.size()) + " required attestation"
                      + (r.missing.size() == 1 ? " is" : "s are") + " missing");
    std::string lead = "Do not release: ";
    for (std::size_t i = 0; i < why.size(); ++i)
        lead += (i == 0 ? "" : i + 1 == why.size() ? " and " : ", ") + why[i];
    return lead + ".";
}

std::string gapLimitText(const GapLimit &g)
{
    std::string s = metricLabel(g.metric);
    if (g.maxGap)
        s += " gap ≤ " + formatPercent(*g.maxGap);
    if (g.minRatio)
        s += std::string(g.maxGap ? "," : "") + " ratio ≥ " + formatPercent(*g.minRatio);
    return s;
}

std::string formatPValue(double p)
{
    if (p < 0.0001)
        return "< 0.0001";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", p);
    return buf;
}

double sliceAxisMax(const AttributeSlices &slices, const PrivacyFloor &floor)
{
    double highest = 0;
    for (Metric m : {Metric::SelectionRate, Metric::Tpr, Metric::Fpr})
        for (const SliceRates &g : slices.groups)
            if (g.rate(m).defined() && !floor.hides(g.rate(m)))
                highest = std::max(highest, g.rate(m).ci()->high);
    for (double candidate : {0.1, 0.25, 0.5})
        if (highest <= candidate + 1e-12)
            return candidate;
    return 1.0;
}

bool anyRateDefined(const AttributeSlices &slices, Metric m)
{
    for (const SliceRates &g : slices.groups)
        if (g.rate(m).defined())
            return true;
    return false;
}

std::string reviewerList(const AuditResult &result)
{
    if (!result.reviews || result.reviews->reviewers.empty())
        return "none recorded";
    std::string out;
    for (const std::string &name : result.reviews->reviewers)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> reviewCountRows(const ReviewEvidence &e)
{
    return {{"Families with a review", e.reviewedFamilies},
            {"Judged equivalent", e.equivalent},
            {"Excluded as not equivalent", e.excludedNotEquivalent},
            {"Rows excluded with them", e.excludedRows},
            {"Unsure", e.unsure},
            {"Awaiting adjudication", e.awaitingAdjudication},
            {"Adjudicated", e.adjudicated},
            {"Expected outcome from reviews", e.truthFromReviews}};
}

} // namespace cp
