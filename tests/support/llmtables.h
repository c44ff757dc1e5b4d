// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Test support: a small LLM judge's table with refusals, log-probabilities and replies, and
// its spec, shared by tst_llmreport (the CSV tables and the comparison) and tst_gate (the
// CLI). Two such tables are the same probe set: 10 families × (female, male).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cp::test {

/// Every answered variant says "yes". Female refuses in the first `femaleRefusals` families,
/// male never. ln P(t) is −0.5 for female and `maleLogprob` for male. The replies are "the
/// answer is yes" except male's in the last `differingReplies` families: "the answer is no"
/// (ROUGE-L 0.75 against the other). A refused variant has no label, logprob or reply.
inline std::string llmJudgeTable(int femaleRefusals, const std::string &maleLogprob,
                                 int differingReplies)
{
    std::string csv = "family,gender,label,refused,logprob,reply\n";
    for (int f = 0; f < 10; ++f) {
        const std::string id = "f" + std::to_string(f);
        csv += f < femaleRefusals ? id + ",female,,true,,\n"
                                  : id + ",female,yes,false,-0.5,the answer is yes\n";
        csv += id + ",male,yes,false," + maleLogprob + ","
               + (f >= 10 - differingReplies ? "the answer is no" : "the answer is yes") + "\n";
    }
    return csv;
}

/// The judge's spec: refusals, log-probabilities (log scale) and replies as LLM evidence; a
/// contract with a refusal-gap limit of 0.15 and an LPBS limit of 0.3. `without` drops
/// some of the evidence ("reply_column" …), `groups` orders the groups.
inline nlohmann::json llmJudgeSpec(std::vector<std::string> groups = {"female", "male"},
                                   const std::vector<std::string> &without = {})
{
    nlohmann::json llm = {{"refusal_column", "refused"},
                          {"logprob_column", "logprob"},
                          {"reply_column", "reply"},
                          {"lpbs_scale", "log"}};
    for (const std::string &key : without)
        llm.erase(key);
    return {{"name", "LLM judge"},
            {"family", "family"},
            {"protected", {{{"name", "gender"}, {"groups", groups}}}},
            {"prediction", {{"column", "label"}, {"favourable", {"yes"}}}},
            {"llm", llm},
            {"contract",
             {{"version", "llm-1"},
              {"primary", {{"metric", "selection_rate"}, {"max_gap", 0.5}}},
              {"max_refusal_gap", 0.15},
              {"min_refusal_support", 5},
              {"max_lpbs", 0.3},
              {"min_llm_families", 5}}}};
}

} // namespace cp::test
