// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The scoring records a project stores (schema v3): model configs, scoring runs and their
// results. The store layer owns them; core/score (scorer.h, scoringrun.h) produces them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// What the model answered for one task.
struct ScoreResult {
    std::optional<double> score;
    std::string label;
    bool refused = false;
    std::optional<std::string> text;
    std::optional<double> logprob;      ///< log-probability of the configured token
    std::vector<float> embedding;       ///< an embeddings endpoint's vector (empty: none)
    double latencyMs = 0;
    std::string error;                  ///< non-empty: this task failed (kept, counted, browsable)

    bool ok() const { return error.empty(); }
};

/// One config of a named model, as stored.
struct ModelRecord {
    std::int64_t id = 0;
    std::string name;
    std::string version;
    std::string kind;
    std::string configJson;
    std::string configSha256;
    std::string created;
    bool existed = false;       ///< addModel found the same config already stored
};

struct ScoreRunRecord {
    std::int64_t id = 0;
    std::int64_t probeSetId = 0;
    std::string probeSetName;
    std::int64_t modelId = 0;
    std::string modelName;
    std::string modelVersion;
    std::string configSha256;
    int repeats = 1;
    std::uint64_t orderSeed = 0;
    std::int64_t tasks = 0;
    std::string status;         ///< running, stopped, failed, complete
    std::string started, finished;
    std::int64_t scored = 0, errors = 0, refused = 0;
    std::string message;
};

/// One committed result.
struct StoredScore {
    std::int64_t row = 0;
    int repeat = 0;
    ScoreResult result;
};

/// What an audit reads of a stored result: its outcome, and (when asked for) the reply text,
/// the log-probability and the embedding; never the latency. The views are valid only during
/// the visit that hands it out.
struct ScoreOutcome {
    std::int64_t row = 0;
    int repeat = 0;
    std::optional<double> score;
    std::string_view label;             ///< empty: none
    bool refused = false;
    std::string_view error;             ///< non-empty: this task failed
    std::string_view text;              ///< empty: none (or not asked for)
    std::optional<double> logprob;
    std::string_view embedding;         ///< packed (core/common/embedding.h); empty: none
};

} // namespace cp
