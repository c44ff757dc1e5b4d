// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "scorer.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <utility>

namespace cp {

/// A model defined in JSON: a weighted sum over a record's fields, through the logistic
/// function or as is.
///
///   {"link": "logistic" | "linear", "intercept": -1.2,
///    "numeric":     {"years": 0.15},                       field value × weight
///    "categorical": {"gender": {"female": -0.8}},          weight of the field's value
///    "keywords":    {"summary": {"leadership": 0.4}},      whole-word, case-insensitive
///                                                          matches × weight
///    "threshold": 0.5, "labels": ["reject", "advance"]}    label = labels[score ≥ threshold]
///
/// An unlisted categorical value weighs 0. A numeric field that is empty or not a number is a
/// row error naming the field and the value.
struct BuiltinModelConfig {
    enum class Link { Logistic, Linear };
    Link link = Link::Logistic;
    double intercept = 0;
    std::vector<std::pair<std::string, double>> numeric;
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> categorical;
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> keywords;
    double threshold = 0.5;
    std::pair<std::string, std::string> labels{"0", "1"};
};

/// Errors name source and the JSON path under path (e.g. "/builtin/numeric/years").
Result<BuiltinModelConfig> parseBuiltinModelConfig(const nlohmann::json &section,
                                                   const std::string &source,
                                                   const std::string &path);

std::unique_ptr<Scorer> makeBuiltinModel(BuiltinModelConfig config);

} // namespace cp
