// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What a scoring run would do, worked out without doing it (`score --estimate`): how many
// tasks, how many of them a resume would skip, how many requests reach a command or a server,
// and for the HTTP presets the tokens and the cost. Nothing is sent, no process is started, no
// run is recorded, and nothing outside the project is read for a scorer that is not trusted.

#include "scorerconfig.h"
#include "scoringrun.h"

#include <optional>
#include <string>

namespace cp {

struct ScoringEstimate
{
    std::string kind;      ///< builtin, command, http, predictions
    std::int64_t rows = 0; ///< variants of the probe set (or rows of the file)
    int repeats = 1;
    std::int64_t tasks = 0;         ///< rows × repeats
    std::int64_t alreadyScored = 0; ///< answered before: a resume does not send them again
    std::int64_t toScore = 0;       ///< tasks − alreadyScored
    /// One request per task to score for a command or HTTP scorer; 0 for the in-process
    /// kinds (built-in model, predictions file), which cost nothing to run.
    std::int64_t requests = 0;
    std::optional<std::int64_t> inputTokens, outputTokens; ///< HTTP presets only
    std::optional<double> cost;                            ///< with a configured price
    /// The scorer would ask to be trusted first (project form only; see trust.h).
    bool needsTrust = false;
    /// What would stop the run before its first task (Scorer::check): an unset ${VAR}, a
    /// field that is not a column… Not checked when checking would read outside the project
    /// for a scorer that is not trusted.
    std::optional<Error> wouldStop;
};

/// The estimate for scoreProbeSet(store, probeSet, model, options): options.resume and
/// options.runId count what the resumed run already has (failed tasks count as to score,
/// since a resume retries them).
Result<ScoringEstimate> estimateScoring(ProjectStore &store, const ProbeSetRecord &probeSet,
                                        const ModelRecord &model,
                                        const ScoringOptions &options = {});

/// The estimate for the file form, scoreFile(path, scorer of config, config.repeats).
Result<ScoringEstimate> estimateScoringFile(const std::string &path, const ScorerConfig &config);

/// The estimate in one line of English, for the CLI and the workbench:
/// "600 tasks (300 rows × 2 repeats), 600 requests to the server, about 9,000 input and
/// 9,600 output tokens, cost about 0.0189 in the configured currency".
std::string estimateText(const ScoringEstimate &estimate);

} // namespace cp
