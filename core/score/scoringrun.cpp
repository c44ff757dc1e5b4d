// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scoringrun.h"

#include "runrows.h"
#include "scorerconfig.h"
#include "trust.h"

#include <core/probeset/canonicalcsv.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <set>

namespace cp {

namespace {

using runrows::checkResultColumns;
using runrows::familyRanges;
using runrows::probeSetBytes;

using Clock = std::chrono::steady_clock;

/// Every task of a run in the order sent: repeat by repeat, family by family, the variants of
/// each family shuffled with a generator seeded from the run's seed and the family.
std::vector<ScoreTask> allTasks(const CsvRows &rows, int repeats, std::uint64_t seed)
{
    const auto ranges = familyRanges(rows);
    std::vector<ScoreTask> tasks;
    tasks.reserve(std::size_t(rows.rowCount()) * std::size_t(repeats));
    std::vector<std::int64_t> order;
    for (int repeat = 0; repeat < repeats; ++repeat)
        for (std::size_t f = 0; f < ranges.size(); ++f) {
            order.clear();
            for (std::int64_t r = ranges[f].first; r < ranges[f].second; ++r)
                order.push_back(r);
            std::uint64_t state = seed ^ (std::uint64_t(f) * 0x9e3779b97f4a7c15ULL)
                                  ^ (std::uint64_t(repeat) << 56);
            // Fisher–Yates with SplitMix64: the same order on every platform.
            auto next = [&state] {
                std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
                z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
                z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
                return z ^ (z >> 31);
            };
            for (std::size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[next() % i]);
            for (std::int64_t r : order)
                tasks.push_back({r, repeat});
        }
    return tasks;
}

std::string projectFolder(const ProjectStore &store)
{
    return std::filesystem::path(store.path()).parent_path().lexically_normal().string();
}

} // namespace

Result<ScoreRunRecord> runToContinue(ProjectStore &store, const ProbeSetRecord &probeSet,
                                     const ModelRecord &model, const ScoringOptions &options)
{
    if (options.runId > 0) {
        auto r = findScoreRun(store, options.runId);
        if (!r)
            return r.error();
        if (r->probeSetId != probeSet.id || r->modelId != model.id)
            return Error{ErrorCode::Invalid, store.path(), 0, "run",
                         "run " + std::to_string(r->id) + " scored probe set '"
                             + r->probeSetName + "' with model '" + r->modelName
                             + "', not this probe set and model version"};
        return *r;
    }
    auto r = resumableRun(store, probeSet.id, model.id);
    if (!r)
        return r.error();
    if (!*r)
        return Error{ErrorCode::Invalid, store.path(), 0, "run",
                     "nothing to resume: model '" + model.name
                         + "' has no incomplete run on probe set '" + probeSet.name + "'"};
    return **r;
}

Result<ScoringOutcome> scoreProbeSet(ProjectStore &store, const ProbeSetRecord &probeSet,
                                     const ModelRecord &model, const ScoringOptions &options)
{
    auto config = parseScorerConfig(model.configJson, "model '" + model.name + "'",
                                    projectFolder(store));
    if (!config)
        return config.error();
    // The one trust rule (trust.h): this config as stored now and, for a command, the files
    // it runs from the project's folder.
    const ScorerTrust trust = scorerTrust(store.path(), model);
    if (!trust.configError.empty())
        return Error{ErrorCode::Invalid, store.path(), 0, "model", trust.configError};
    if (trust.mustAsk()) {
        if (!options.trust)
            return Error{ErrorCode::Invalid, store.path(), 0, "trust",
                         "model '" + model.name + "' is a " + config->kind + " scorer (it "
                             + trustReachText(trust) + ") and this project's copy of it is not trusted on this machine"
                             + trustChangeText(trust)
                             + ". Review it (counterpart-cli models --project P --show "
                             + model.name + ") and score with --trust to trust it"};
        if (auto s = grantTrust(store.path(), model); !s)
            return s.error();
    }
    auto scorer = makeScorer(*config);
    if (!scorer)
        return scorer.error();
    auto content = probeSetBytes(store, probeSet);
    if (!content)
        return content.error();
    auto rows = CsvRows::index(std::move(*content), "probe set '" + probeSet.name + "'");
    if (!rows)
        return rows.error();
    if (auto s = checkResultColumns(**rows, "probe set '" + probeSet.name + "'"); !s)
        return s.error();
    // What would stop the run before its first task stops it before a run is recorded.
    if (auto s = (*scorer)->check(**rows); !s) {
        Error e = s.error();
        if (e.file.empty())
            e.file = "model '" + model.name + "'";
        return e;
    }

    ScoringOutcome outcome;
    std::optional<ScoreRunRecord> run;
    if (options.resume || options.runId > 0) {
        auto r = runToContinue(store, probeSet, model, options);
        if (!r)
            return r.error();
        run = *r;
    } else {
        const std::uint64_t seed = (std::uint64_t(std::random_device{}()) << 32)
                                   ^ std::uint64_t(std::random_device{}());
        auto r = startScoreRun(store, probeSet.id, model.id, config->repeats,
                               seed & 0x7fffffffffffffffULL,
                               rows.value()->rowCount() * config->repeats);
        if (!r)
            return r.error();
        run = *r;
    }

    std::vector<ScoreTask> tasks = allTasks(**rows, run->repeats, run->orderSeed);
    if (options.resume || options.runId > 0) {
        // A failed request (a time-out, a server error, an unusable answer) is scored again:
        // most are transient, and a resume is how the user asks for another try.
        auto retried = clearFailedScores(store, run->id);
        if (!retried)
            return retried.error();
        outcome.retried = *retried;
        auto done = runScores(store, run->id);
        if (!done)
            return done.error();
        std::set<std::pair<std::int64_t, int>> stored;
        for (const auto &s : *done)
            stored.emplace(s.row, s.repeat);
        outcome.alreadyScored = std::int64_t(stored.size());
        std::erase_if(tasks, [&](const ScoreTask &t) {
            return stored.count({t.row, t.repeat}) > 0;
        });
        if (auto s = appendRunLog(store, run->id,
                                  {"resumed: " + std::to_string(outcome.alreadyScored)
                                   + " task(s) already scored, " + std::to_string(tasks.size())
                                   + " to go (" + std::to_string(outcome.retried)
                                   + " of them failed before)"});
            !s)
            return s.error();
        if (auto s = finishScoreRun(store, run->id, "running", ""); !s)
            return s.error();
    }

    std::vector<StoredScore> batch;
    std::vector<std::string> logLines;
    auto lastCommit = Clock::now();
    const std::int64_t total = std::int64_t(tasks.size());
    auto flush = [&]() -> Status {
        if (auto s = commitScores(store, run->id, batch); !s)
            return s;
        if (auto s = appendRunLog(store, run->id, logLines); !s)
            return s;
        outcome.scoredNow += std::int64_t(batch.size());
        batch.clear();
        logLines.clear();
        lastCommit = Clock::now();
        return Ok{};
    };
    const ScoreSink sink = [&](std::size_t task, ScoreResult result) -> Status {
        batch.push_back({tasks[task].row, tasks[task].repeat, std::move(result)});
        if (std::int64_t(batch.size()) >= options.batchSize
            || std::chrono::duration<double>(Clock::now() - lastCommit).count()
                   >= options.commitSeconds) {
            if (auto s = flush(); !s)
                return s;
            options.progress.report(outcome.scoredNow, total);
        }
        return Ok{};
    };
    const ScoreLog log = [&](std::string_view line) {
        logLines.emplace_back(line);
        if (options.onLog)
            options.onLog(line);
    };
    Progress inner;
    inner.isCancelled = options.progress.isCancelled;
    const Status ran = tasks.empty() ? Status(Ok{})
                                     : (*scorer)->run(**rows, tasks, sink, log, inner);
    // Whatever happened, keep what was answered.
    if (auto s = flush(); !s)
        return s.error();
    options.progress.report(outcome.scoredNow, total);
    auto stored = findScoreRun(store, run->id);
    if (!stored)
        return stored.error();
    const bool complete = stored->scored + stored->errors >= stored->tasks;
    std::string status = "complete", message;
    if (!ran.ok()) {
        status = ran.error().code == ErrorCode::Cancelled ? "stopped" : "failed";
        message = ran.error().message;
        outcome.status = ran;
    } else if (!complete) {
        status = "stopped";
        message = std::to_string(stored->tasks - stored->scored - stored->errors)
                  + " task(s) got no answer";
    } else if (stored->errors > 0) {
        auto first = runErrors(store, run->id, 1);
        const std::string example =
            first && !first->first.empty() ? "; first: " + first->first.front().result.error
                                           : std::string();
        if (stored->scored == 0) {
            // Nothing answered: a dead endpoint or a wrong key, not a result to audit.
            status = "failed";
            message = "every one of the " + std::to_string(stored->tasks)
                      + " task(s) failed" + example
                      + ". Resuming the run scores them again";
        } else {
            message = std::to_string(stored->errors) + " of "
                      + std::to_string(stored->tasks) + " task(s) failed" + example
                      + ". Resuming the run scores them again";
        }
    }
    if (auto s = finishScoreRun(store, run->id, status, message); !s)
        return s.error();
    auto final = findScoreRun(store, run->id);
    if (!final)
        return final.error();
    outcome.run = *final;
    return outcome;
}

Result<ScoredTable> scoreFile(const std::string &path, Scorer &scorer, int repeats,
                              const std::function<void(std::string_view)> &onLog,
                              const Progress &progress)
{
    auto read = runrows::rowsOfFile(path);
    if (!read)
        return read.error();
    const std::shared_ptr<const CsvRows> rows = std::move(*read);
    if (auto s = checkResultColumns(*rows, path); !s)
        return s.error();
    std::vector<ScoreTask> tasks;
    for (int repeat = 0; repeat < repeats; ++repeat)
        for (std::int64_t r = 0; r < rows->rowCount(); ++r)
            tasks.push_back({r, repeat});
    ResultAggregator aggregator(rows->rowCount(), false, std::nullopt);
    const ScoreSink sink = [&](std::size_t task, ScoreResult result) -> Status {
        aggregator.add(tasks[task].row, result);
        return Ok{};
    };
    const ScoreLog log = [&](std::string_view line) {
        if (onLog)
            onLog(line);
    };
    if (auto s = scorer.run(*rows, tasks, sink, log, progress); !s)
        return s.error();
    const ScoredRows scored(rows, std::make_shared<const RowResults>(aggregator.finish()));
    ScoredTable t;
    t.csv = scored.csv();
    t.rows = scored.rowCount();
    t.unscored = scored.results().unscored;
    t.refused = scored.results().refused;
    return t;
}

} // namespace cp
