// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Runs over time: each tracked metric (every attribute's gap per metric, and the flip rate)
// across audit runs by date and model version, with changes beyond the contract's regression
// threshold (default 0.03) flagged.

#include <core/audit/auditspec.h>
#include <core/common/result.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cp {

/// One audited run: its audit document (auditToJson) and what it was.
struct TrendRun {
    std::string id;             ///< "audit 4" (a recorded table audit) or "run 2" (a scoring run)
    std::string date;           ///< ISO 8601; runs are ordered by it
    std::string modelVersion;   ///< "screening-v1 1.0"; for a table, the table's name
    nlohmann::json audit;
};

enum class TrendChange { None, Regression, Improvement };

struct TrendPoint {
    std::string runId;
    std::string date;
    std::string modelVersion;
    std::optional<double> value;    ///< undefined stays nullopt
    std::optional<double> delta;    ///< against the previous run with a defined value
    TrendChange change = TrendChange::None;  ///< |delta| beyond the threshold; up is worse
};

struct TrendSeries {
    std::string metric;         ///< "tpr_gap", "flip_rate"
    std::string attribute;      ///< empty for the flip rate
    std::string label;          ///< "TPR gap · variant"
    std::vector<TrendPoint> points;
    bool regressed = false;     ///< some point is a regression
};

/// The series of every tracked metric over the runs, oldest first. A gap or a flip rate is a
/// quantity where up is worse: a rise beyond the threshold is a regression, a fall an
/// improvement.
std::vector<TrendSeries> trendSeries(std::vector<TrendRun> runs,
                                     double threshold = DefaultRegressionThreshold);

} // namespace cp
