// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "commandanswer.h"

#include <core/common/embedding.h>

#include <nlohmann/json.hpp>

namespace cp::detail {

AnswerProblem readCommandAnswer(const nlohmann::json &j, ScoreResult &r)
{
    using nlohmann::json;
    AnswerProblem problem;
    bool any = false;
    for (auto item = j.begin(); item != j.end() && problem.what.empty(); ++item) {
        const std::string &key = item.key();
        const json &v = item.value();
        const auto wrong = [&](const char *type) {
            problem.what = "\"" + key + "\" is not " + type;
        };
        if (key == "score" || key == "logprob") {
            if (v.is_number())
                (key == "score" ? r.score : r.logprob) = v.get<double>();
            else if (!v.is_null())
                wrong("a number");
            any = any || (key == "score" && v.is_number());
        } else if (key == "label" || key == "text" || key == "error") {
            if (v.is_string()) {
                if (key == "label")
                    r.label = v.get<std::string>(), any = true;
                else if (key == "text")
                    r.text = v.get<std::string>(), any = true;
                else
                    problem = {v.get<std::string>(), true};
            } else if (!v.is_null()) {
                wrong("a string");
            }
        } else if (key == "refused") {
            if (v.is_boolean())
                r.refused = v.get<bool>(), any = true;
            else if (!v.is_null())
                wrong("true or false");
        } else if (key == "embedding") {
            // A vector for the reply (an embeddings model): finite numbers, at least one.
            if (!v.is_null() && embedding::readJsonVector(v, r.embedding))
                wrong("an array of finite numbers");
            any = any || !r.embedding.empty();
        }
    }
    if (problem.what.empty() && !any)
        problem.what = "none of \"score\", \"label\", \"refused\", \"text\", \"embedding\"";
    return problem;
}

} // namespace cp::detail
