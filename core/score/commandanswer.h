// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command scorer: one answer line's fields (COMMAND.md, "Messages") read into
// a result, each through a type check.

#include <core/store/scorerecords.h>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace cp::detail {

struct AnswerProblem {
    std::string what;           ///< empty: the answer is usable
    bool reportedByScorer = false;  ///< what is the scorer's own "error" text
};

/// Reads score, logprob, label, text, refused, embedding and error of an answer object into r
/// (id and unknown keys are ignored). A value of the wrong type, an "error", or none of the
/// answer fields is a problem; r is then not to be used.
AnswerProblem readCommandAnswer(const nlohmann::json &answer, ScoreResult &r);

} // namespace cp::detail
