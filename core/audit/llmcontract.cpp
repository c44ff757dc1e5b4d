// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
// The contract's LLM checks, from the evidence auditLlmOutputs() gathered.
#include "llmaudit.h"

#include "llmtext.h"

#include <algorithm>
#include <cmath>

namespace cp::detail {

void evaluateLlmContract(const AuditSpec &spec, AuditResult &result)
{
    if (!spec.contract)
        return;
    const Contract &c = *spec.contract;
    const std::int64_t minFamilies = std::max<std::int64_t>(c.minLlmFamilies, 1);

    auto refusalCheck = [&](const char *name, bool upper, double limit) {
        if (!result.refusals) {
            Check check;
            check.name = name;
            check.limit = limit;
            check.upperLimit = upper;
            check.status = CheckStatus::Insufficient;
            check.detail = "the audited table has no refusal column (a scoring run has one; a "
                           "table names it in /llm/refusal_column)";
            result.checks.push_back(check);
            return;
        }
        for (const AttributeRefusals &a : result.refusals->attributes) {
            Check check;
            check.name = name;
            check.attribute = a.attribute;
            check.limit = limit;
            check.upperLimit = upper;
            const GroupRefusals *shortGroup = nullptr;
            for (const GroupRefusals &g : a.groups)
                if (g.status == CellStatus::ReportOnly && !shortGroup)
                    shortGroup = &g;
            const std::optional<double> value = upper ? a.gap : a.answerRatio;
            if (shortGroup) {
                check.status = CheckStatus::Insufficient;
                check.detail = "group '" + shortGroup->group + "' has "
                               + std::to_string(shortGroup->refused.n) + " variants, fewer than "
                               + std::to_string(std::max<std::int64_t>(c.minRefusalSupport, 1));
            } else if (!value) {
                check.status = CheckStatus::Insufficient;
                check.detail = upper ? "fewer than two groups have variants"
                                     : "no group has an answered variant";
            } else {
                check.value = value;
                const bool beyond = upper ? *value > limit + Slack : *value < limit - Slack;
                check.status = beyond ? CheckStatus::Failed : CheckStatus::Passed;
                const GroupRefusals *hi = nullptr, *lo = nullptr;
                for (const GroupRefusals &g : a.groups) {
                    if (g.group == a.maxGroup)
                        hi = &g;
                    if (g.group == a.minGroup)
                        lo = &g;
                }
                check.detail = "'" + a.maxGroup + "' refused " + percentText(*hi->refused.value())
                               + " (" + proportionText(hi->refused) + "), '" + a.minGroup + "' "
                               + percentText(*lo->refused.value()) + " ("
                               + proportionText(lo->refused) + ")";
                if (!upper)
                    check.detail += "; answer-rate ratio " + numberText(*value);
            }
            result.checks.push_back(check);
        }
    };
    if (c.maxRefusalGap)
        refusalCheck("refusal_gap", true, *c.maxRefusalGap);
    if (c.minAnswerRatio)
        refusalCheck("answer_ratio", false, *c.minAnswerRatio);

    auto noLogprobs = [&](const char *name, double limit) {
        Check check;
        check.name = name;
        check.limit = limit;
        check.status = CheckStatus::Insufficient;
        check.detail = "the audited table has no log-probability column (a scorer's logprob, "
                       "or /llm/logprob_column)";
        result.checks.push_back(check);
    };
    if (c.maxLpbs && !result.lpbs)
        noLogprobs("lpbs", *c.maxLpbs);
    if (c.maxLpbs && result.lpbs) {
        const std::string scale = result.lpbs->scale == LpbsScale::Log
                                      ? "|mean Δ ln P|"
                                      : "mean |P_a − P_b|";
        std::vector<std::string> attributes;
        for (const LpbsPair &p : result.lpbs->pairs)
            if (std::find(attributes.begin(), attributes.end(), p.attribute) == attributes.end())
                attributes.push_back(p.attribute);
        for (const std::string &attribute : attributes) {
            Check check;
            check.name = "lpbs";
            check.attribute = attribute;
            check.limit = *c.maxLpbs;
            const LpbsPair *worst = nullptr;
            std::int64_t most = 0;
            for (const LpbsPair &p : result.lpbs->pairs) {
                if (p.attribute != attribute)
                    continue;
                most = std::max(most, p.delta.n);
                if (p.delta.n >= minFamilies && p.checkValue
                    && (!worst || *p.checkValue > *worst->checkValue))
                    worst = &p;
            }
            if (!worst) {
                check.status = CheckStatus::Insufficient;
                check.detail = "no group pair has " + std::to_string(minFamilies)
                               + " matched families with log-probabilities (most: "
                               + std::to_string(most) + ")";
            } else {
                check.value = worst->checkValue;
                check.status = *check.value > check.limit + Slack ? CheckStatus::Failed
                                                                  : CheckStatus::Passed;
                check.detail = scale + " of '" + worst->a + "' vs '" + worst->b + "' is "
                               + numberText(*check.value) + " over "
                               + std::to_string(worst->delta.n) + " families; LPBS "
                               + numberText(worst->delta.mean)
                               + (worst->favoured.empty() ? std::string()
                                                          : ", favouring '" + worst->favoured + "'");
            }
            result.checks.push_back(check);
        }
    }
    if (c.maxCategoricalBias && !result.lpbs)
        noLogprobs("categorical_bias", *c.maxCategoricalBias);
    if (c.maxCategoricalBias && result.lpbs) {
        for (const CategoricalBias &b : result.lpbs->categorical) {
            Check check;
            check.name = "categorical_bias";
            check.attribute = b.attribute;
            check.limit = *c.maxCategoricalBias;
            if (b.variance.n < minFamilies) {
                check.status = CheckStatus::Insufficient;
                check.detail = std::to_string(b.variance.n)
                               + " families with log-probabilities of two or more groups, fewer "
                                 "than "
                               + std::to_string(minFamilies);
            } else {
                check.value = b.variance.mean;
                check.status = *check.value > check.limit + Slack ? CheckStatus::Failed
                                                                  : CheckStatus::Passed;
                check.detail = "mean population variance of ln P across "
                               + std::to_string(b.groups) + " groups over "
                               + std::to_string(b.variance.n) + " families: "
                               + numberText(*check.value);
            }
            result.checks.push_back(check);
        }
    }
    const bool allPassed = std::all_of(result.checks.begin(), result.checks.end(),
                                       [](const Check &k) { return k.status == CheckStatus::Passed; });
    result.decision = allPassed && result.missing.empty() ? Decision::Approved : Decision::Blocked;
}

} // namespace cp::detail
