// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scoringestimate.h"

#include "httpscorer.h"
#include "runrows.h"
#include "trust.h"

#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/csvrows.h>

#include <cstdio>
#include <filesystem>

namespace cp {

namespace {

std::string plural(std::int64_t n, const char *one, const char *many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// The common part: tasks, requests, tokens and the check, for the tasks still to score.
Result<ScoringEstimate> estimateFor(const ScorerConfig &config, const CsvRows &rows,
                                    const std::vector<char> &answered, bool check)
{
    ScoringEstimate e;
    e.kind = config.kind;
    e.rows = rows.rowCount();
    e.repeats = config.repeats;
    std::vector<ScoreTask> tasks;
    for (int repeat = 0; repeat < config.repeats; ++repeat)
        for (std::int64_t r = 0; r < rows.rowCount(); ++r) {
            const std::size_t at = std::size_t(repeat) * std::size_t(rows.rowCount())
                                   + std::size_t(r);
            if (at < answered.size() && answered[at])
                ++e.alreadyScored;
            else
                tasks.push_back({r, repeat});
        }
    e.tasks = e.rows * e.repeats;
    e.toScore = std::int64_t(tasks.size());
    if (config.kind == "command" || config.kind == "http")
        e.requests = e.toScore;
    if (config.kind == "http") {
        auto http = parseHttpScorerConfig(config.section, config.source, "/http");
        if (!http)
            return http.error();
        const HttpEstimate h = estimateHttpRun(*http, rows, tasks);
        e.inputTokens = h.inputTokens;
        e.outputTokens = h.outputTokens;
        e.cost = h.cost;
    }
    if (check) {
        auto scorer = makeScorer(config);
        if (!scorer)
            return scorer.error();
        if (auto s = (*scorer)->check(rows); !s) {
            Error why = s.error();
            if (why.file.empty())
                why.file = config.source;
            e.wouldStop = std::move(why);
        }
    }
    return e;
}

} // namespace

Result<ScoringEstimate> estimateScoring(ProjectStore &store, const ProbeSetRecord &probeSet,
                                        const ModelRecord &model, const ScoringOptions &options)
{
    auto config = parseScorerConfig(model.configJson, "model '" + model.name + "'",
                                    std::filesystem::path(store.path())
                                        .parent_path()
                                        .lexically_normal()
                                        .string());
    if (!config)
        return config.error();
    const ScorerTrust trust = scorerTrust(store.path(), model);
    if (!trust.configError.empty())
        return Error{ErrorCode::Invalid, store.path(), 0, "model", trust.configError};
    auto content = runrows::probeSetBytes(store, probeSet);
    if (!content)
        return content.error();
    auto rows = CsvRows::index(std::move(*content), "probe set '" + probeSet.name + "'");
    if (!rows)
        return rows.error();

    // The run a resume would continue, and what it already has (failed tasks are retried).
    std::vector<char> answered;
    if (options.resume || options.runId > 0) {
        auto run = runToContinue(store, probeSet, model, options);
        if (!run)
            return run.error();
        answered.assign(std::size_t((*rows)->rowCount()) * std::size_t(config->repeats), 0);
        const Status visited = forEachScore(store, run->id, [&](const StoredScore &s) {
            const std::size_t at = std::size_t(s.repeat) * std::size_t((*rows)->rowCount())
                                   + std::size_t(s.row);
            if (s.result.error.empty() && s.repeat >= 0 && s.repeat < config->repeats && s.row >= 0
                && s.row < (*rows)->rowCount())
                answered[at] = 1;
        });
        if (!visited)
            return visited.error();
    }
    // Checking a predictions file outside the project reads it: a trusted action.
    const bool check = !(trust.mustAsk() && trust.reach == ScorerTrust::Reach::OutsideFile);
    auto e = estimateFor(*config, **rows, answered, check);
    if (!e)
        return e.error();
    e->needsTrust = trust.mustAsk();
    return e;
}

Result<ScoringEstimate> estimateScoringFile(const std::string &path, const ScorerConfig &config)
{
    auto rows = runrows::rowsOfFile(path);
    if (!rows)
        return rows.error();
    return estimateFor(config, **rows, {}, true);
}

std::string estimateText(const ScoringEstimate &e)
{
    std::string text = plural(e.tasks, "task", "tasks") + " (" + plural(e.rows, "row", "rows")
                       + " × " + plural(e.repeats, "repeat", "repeats") + ")";
    if (e.alreadyScored > 0)
        text += ", " + std::to_string(e.alreadyScored) + " already answered, "
                + std::to_string(e.toScore) + " to score";
    if (e.kind == "command")
        text += ", " + plural(e.requests, "request", "requests") + " to the command";
    else if (e.kind == "http")
        text += ", " + plural(e.requests, "request", "requests") + " to the server";
    else
        text += ", scored in this process (no requests)";
    if (e.inputTokens && e.outputTokens)
        text += ", about " + std::to_string(*e.inputTokens) + " input and "
                + std::to_string(*e.outputTokens) + " output tokens";
    else if (e.inputTokens)
        text += ", about " + std::to_string(*e.inputTokens) + " input tokens";
    if (e.cost) {
        char cost[64];
        std::snprintf(cost, sizeof cost, "%.4f", *e.cost);
        text += std::string(", cost about ") + cost + " in the configured currency";
    }
    return text;
}

} // namespace cp
