// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Scorer configs and scoring runs in a project (schema v3). A model record is one config of a
// named model: adding a changed config of the same name adds a new record, the newest of a name
// is the one used; a run refers to the exact record it scored with. Scores are committed in
// batches; a run's tasks without a stored score are what a resume does.

#include <core/common/result.h>
#include <core/score/scorer.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cp {

class ProjectStore;
struct ScorerConfig;

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

Result<ModelRecord> addModel(ProjectStore &store, const ScorerConfig &config);
/// Every model record, oldest first.
Result<std::vector<ModelRecord>> models(ProjectStore &store);
/// The newest record of a name, or the record with that id.
Result<ModelRecord> findModel(ProjectStore &store, const std::string &nameOrId);

Result<ScoreRunRecord> startScoreRun(ProjectStore &store, std::int64_t probeSetId,
                                     std::int64_t modelId, int repeats, std::uint64_t orderSeed,
                                     std::int64_t tasks);
/// Stores a batch of results in one transaction and adds them to the run's counts.
Status commitScores(ProjectStore &store, std::int64_t runId,
                    const std::vector<StoredScore> &batch);
Status appendRunLog(ProjectStore &store, std::int64_t runId, const std::vector<std::string> &lines);
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
