// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scorestore.h"

#include "auditsource.h"
#include "projectstore.h"
#include "storeclock.h"
#include "storetransaction.h"

namespace cp {

namespace {

std::string runKey(std::int64_t runId)
{
    AuditSource source;
    source.kind = AuditSource::Kind::Run;
    source.id = runId;
    return source.key();
}

} // namespace

Result<ModelRecord> addModel(ProjectStore &store, const ModelConfig &config)
{
    if (const std::string problem = recordNameProblem(config.name, "model"); !problem.empty())
        return Error{ErrorCode::Invalid, store.path(), 0, "name", problem};
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    StoreBackend &backend = store.backend();
    auto existing = backend.modelByConfig(config.name, config.sha256);
    if (!existing)
        return existing.error();
    if (*existing) {
        ModelRecord m = **existing;
        m.existed = true;
        return m;
    }
    ModelRecord m;
    m.name = config.name;
    m.version = config.version;
    m.kind = config.kind;
    m.configJson = config.json;
    m.configSha256 = config.sha256;
    m.created = nowUtc();
    auto id = backend.insertModel(m);
    if (!id)
        return id.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    m.id = *id;
    return m;
}

Result<std::vector<ModelRecord>> models(ProjectStore &store)
{
    return store.backend().models();
}

Result<ModelRecord> findModel(ProjectStore &store, const std::string &nameOrId)
{
    auto found = store.backend().findModel(nameOrId);
    if (!found)
        return found.error();
    if (!*found)
        return Error{ErrorCode::Invalid, store.path(), 0, "model",
                     "no model '" + nameOrId + "' in the project (add one with "
                                               "counterpart-cli models --add SCORER.json)"};
    return **found;
}

Result<ScoreRunRecord> startScoreRun(ProjectStore &store, std::int64_t probeSetId,
                                     std::int64_t modelId, int repeats, std::uint64_t orderSeed,
                                     std::int64_t tasks)
{
    ScoreRunRecord run;
    run.probeSetId = probeSetId;
    run.modelId = modelId;
    run.repeats = repeats;
    run.orderSeed = orderSeed;
    run.tasks = tasks;
    run.started = nowUtc();
    Result<std::int64_t> id = std::int64_t(0);
    {
        StoreTransaction tx(store);
        if (!tx.begun())
            return tx.begun().error();
        id = store.backend().insertScoreRun(run);
        if (!id)
            return id.error();
        if (auto s = tx.commit(); !s)
            return s.error();
    }
    return findScoreRun(store, *id);
}

Status commitScores(ProjectStore &store, std::int64_t runId, const std::vector<StoredScore> &batch)
{
    if (batch.empty())
        return Ok{};
    std::int64_t scored = 0, errors = 0, refused = 0;
    for (const StoredScore &s : batch) {
        if (!s.result.error.empty())
            ++errors;
        else
            ++scored;
        if (s.result.refused)
            ++refused;
    }
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun();
    StoreBackend &backend = store.backend();
    if (auto s = backend.insertScores(runId, batch); !s)
        return s;
    if (auto s = backend.addScoreCounts(runId, scored, errors, refused); !s)
        return s;
    if (auto s = backend.deleteAuditCache(runKey(runId)); !s)
        return s.error();
    return tx.commit();
}

Result<std::int64_t> clearFailedScores(ProjectStore &store, std::int64_t runId)
{
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    auto cleared = store.backend().deleteScoreErrors(runId);
    if (!cleared)
        return cleared.error();
    if (*cleared == 0)
        return std::int64_t(0);
    if (auto s = store.backend().deleteAuditCache(runKey(runId)); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return *cleared;
}

Status appendRunLog(ProjectStore &store, std::int64_t runId, const std::vector<std::string> &lines)
{
    if (lines.empty())
        return Ok{};
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun();
    if (auto s = store.backend().appendRunLog(runId, nowUtc(), lines); !s)
        return s;
    return tx.commit();
}

Status finishScoreRun(ProjectStore &store, std::int64_t runId, const std::string &status,
                      const std::string &message)
{
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun();
    if (auto s = store.backend().finishScoreRun(runId, status, message, nowUtc()); !s)
        return s;
    if (auto s = store.backend().deleteAuditCache(runKey(runId)); !s)
        return s.error();
    return tx.commit();
}

Result<std::vector<ScoreRunRecord>> scoreRuns(ProjectStore &store)
{
    return store.backend().scoreRuns();
}

Result<ScoreRunRecord> findScoreRun(ProjectStore &store, std::int64_t runId)
{
    auto run = store.backend().scoreRun(runId);
    if (!run)
        return run.error();
    if (!*run)
        return Error{ErrorCode::Invalid, store.path(), 0, "run",
                     "no scoring run " + std::to_string(runId) + " in the project"};
    return **run;
}

Result<std::optional<ScoreRunRecord>> resumableRun(ProjectStore &store, std::int64_t probeSetId,
                                                   std::int64_t modelId)
{
    return store.backend().unfinishedScoreRun(probeSetId, modelId);
}

Status forEachScore(ProjectStore &store, std::int64_t runId,
                    const std::function<void(const StoredScore &)> &visit)
{
    return store.backend().visitScores(runId, visit);
}

Status forEachScoreOutcome(ProjectStore &store, std::int64_t runId,
                           const std::function<void(const ScoreOutcome &)> &visit,
                           bool withOutputs)
{
    return store.backend().visitScoreOutcomes(runId, visit, withOutputs);
}

Result<std::vector<StoredScore>> runScores(ProjectStore &store, std::int64_t runId)
{
    std::vector<StoredScore> out;
    if (auto s = forEachScore(store, runId, [&](const StoredScore &x) { out.push_back(x); }); !s)
        return s.error();
    return out;
}

Result<RunErrors> runErrors(ProjectStore &store, std::int64_t runId, std::int64_t limit)
{
    RunErrors out;
    auto run = store.backend().scoreRun(runId);
    if (!run)
        return run.error();
    if (*run)
        out.total = (*run)->errors;
    if (out.total == 0)
        return out;
    auto first = store.backend().firstScoreErrors(runId, limit);
    if (!first)
        return first.error();
    out.first = std::move(*first);
    return out;
}

Result<bool> runHasEmbeddings(ProjectStore &store, std::int64_t runId)
{
    return store.backend().runHasEmbeddings(runId);
}

Result<std::vector<std::string>> runLog(ProjectStore &store, std::int64_t runId)
{
    auto lines = store.backend().runLog(runId);
    if (!lines)
        return lines.error();
    std::vector<std::string> out;
    out.reserve(lines->size());
    for (const RunLogLine &l : *lines)
        out.push_back(l.at + " " + l.line);
    return out;
}

} // namespace cp
