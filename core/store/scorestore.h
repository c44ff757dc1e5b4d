// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Scorer configs and scoring runs in a project (schema v3). A model record is one config of a
// named model: adding a changed config of the same name adds a new record, the newest of a name
// is the one used; a run refers to the exact record it scored with. Scores are committed in
// batches; a run's tasks without a stored score are what a resume does.

#include <core/common/result.h>
#include <core/store/scorerecords.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cp {

class ProjectStore;

/// A model config to store: its name, version, kind and the config itself (compact JSON, keys
/// sorted) with its SHA-256. Scorer configs (core/score/scorerconfig.h) are stored through
/// addModel(store, const ScorerConfig &), which fills this in.
struct ModelConfig {
    std::string name;
    std::string version;
    std::string kind;
    std::string json;
    std::string sha256;
};

/// Stores a config; the same name and config hash again returns the stored record (existed).
Result<ModelRecord> addModel(ProjectStore &store, const ModelConfig &config);
/// Every model record, oldest first.
Result<std::vector<ModelRecord>> models(ProjectStore &store);
/// The record with that id (digits only), else the newest record of that name.
Result<ModelRecord> findModel(ProjectStore &store, const std::string &nameOrId);

Result<ScoreRunRecord> startScoreRun(ProjectStore &store, std::int64_t probeSetId,
                                     std::int64_t modelId, int repeats, std::uint64_t orderSeed,
                                     std::int64_t tasks);
/// Stores a batch of results in one transaction and adds them to the run's counts. The run's
/// cached audits are removed in the same transaction (they no longer describe it).
Status commitScores(ProjectStore &store, std::int64_t runId,
                    const std::vector<StoredScore> &batch);
Status appendRunLog(ProjectStore &store, std::int64_t runId, const std::vector<std::string> &lines);
/// Records how the run ended; removes its cached audits, as commitScores does.
Status finishScoreRun(ProjectStore &store, std::int64_t runId, const std::string &status,
                      const std::string &message);

Result<std::vector<ScoreRunRecord>> scoreRuns(ProjectStore &store);
Result<ScoreRunRecord> findScoreRun(ProjectStore &store, std::int64_t runId);
/// The newest run of a model on a probe set that is not complete, if any (what --resume takes).
Result<std::optional<ScoreRunRecord>> resumableRun(ProjectStore &store, std::int64_t probeSetId,
                                                   std::int64_t modelId);
/// Every stored result of a run, ordered by row and repeat.
Result<std::vector<StoredScore>> runScores(ProjectStore &store, std::int64_t runId);
/// The same, one at a time, without holding them all (for 2,000,000-row runs).
Status forEachScore(ProjectStore &store, std::int64_t runId,
                    const std::function<void(const StoredScore &)> &visit);
/// Their outcomes only (no reply text, log-probability or latency), as an audit reads them.
Status forEachScoreOutcome(ProjectStore &store, std::int64_t runId,
                           const std::function<void(const ScoreOutcome &)> &visit,
                           bool withOutputs = false);
/// Whether the run's answers include embeddings (a vector for some task).
Result<bool> runHasEmbeddings(ProjectStore &store, std::int64_t runId);
/// Forgets the run's failed results (one transaction) so that resuming scores them again;
/// returns how many.
Result<std::int64_t> clearFailedScores(ProjectStore &store, std::int64_t runId);
/// The run's row errors: how many in all, and the first `limit` by row (an index-backed query,
/// so a view can show them without reading every score).
struct RunErrors {
    std::int64_t total = 0;
    std::vector<StoredScore> first;
};
Result<RunErrors> runErrors(ProjectStore &store, std::int64_t runId, std::int64_t limit);
/// The run's log lines, oldest first, each "<time> <line>".
Result<std::vector<std::string>> runLog(ProjectStore &store, std::int64_t runId);

} // namespace cp
