// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scoringrun.h"

#include "scorerconfig.h"
#include "trust.h"

#include <core/audit/auditengine.h>
#include <core/common/sha256.h>
#include <core/probeset/canonicalcsv.h>
#include <core/review/reviewaudit.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

namespace cp {

namespace {

using Clock = std::chrono::steady_clock;

/// Rows of each family, in order: consecutive rows sharing the first cell (probe sets keep a
/// family's variants together).
std::vector<std::pair<std::int64_t, std::int64_t>> familyRanges(const CsvScoreRows &rows)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    std::vector<std::string_view> cells;
    std::string scratch;
    std::string current;
    for (std::int64_t r = 0; r < rows.rowCount(); ++r) {
        const std::string_view bytes = rows.rowBytes(r);
        std::string_view family = bytes.substr(0, bytes.find(','));
        if (!family.empty() && family.front() == '"') {  // quoted: take the parsed cell
            rows.cells(r, cells, scratch);
            family = cells.empty() ? std::string_view() : cells[0];
        }
        if (r == 0 || family != current) {
            ranges.emplace_back(r, r + 1);
            current.assign(family);
        } else {
            ranges.back().second = r + 1;
        }
    }
    return ranges;
}

/// Every task of a run in the order sent: repeat by repeat, family by family, the variants of
/// each family shuffled with a generator seeded from the run's seed and the family.
std::vector<ScoreTask> allTasks(const CsvScoreRows &rows, int repeats, std::uint64_t seed)
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

/// Labels as small numbers: a run has a handful of distinct labels and millions of rows.
struct LabelIndex {
    std::vector<std::string> names;
    std::unordered_map<std::string, int> ids;
    int id(const std::string &label)
    {
        const auto [it, added] = ids.try_emplace(label, int(names.size()));
        if (added)
            names.push_back(label);
        return it->second;
    }
};

/// Per row: the aggregate of its repeats, in 40 bytes while it has one label.
struct RowScore {
    double scoreSum = 0;
    float minScore = 0, maxScore = 0;     ///< over the repeats that gave a score
    std::int32_t results = 0;
    std::int32_t scores = 0;
    std::int32_t refused = 0;
    std::int32_t error = -1;              ///< index into the errors list, for rows without answers
    std::int32_t label = -1;              ///< the first label seen
    std::int32_t labelCount = 0;
    std::unique_ptr<std::vector<std::pair<int, int>>> otherLabels;  ///< repeats that disagree
};

struct Aggregate {
    std::vector<RowScore> rows;
    LabelIndex labels;
    std::vector<std::string> errors;
};

void appendAggregate(std::string &out, const Aggregate &all, const RowScore &a)
{
    out += ',';
    if (a.scores > 0) {
        char buf[32];
        const double mean = a.scoreSum / a.scores;
        const int n = std::snprintf(buf, sizeof buf, "%.17g", mean);
        out.append(buf, std::size_t(n));
    }
    out += ',';
    int label = a.label, best = a.labelCount, answered = a.labelCount;
    if (a.otherLabels)
        for (const auto &[l, count] : *a.otherLabels) {
            answered += count;
            if (count > best || (count == best && all.labels.names[std::size_t(l)]
                                                      < all.labels.names[std::size_t(label)])) {
                best = count;
                label = l;
            }
        }
    if (label >= 0)
        appendCanonicalCsvField(out, all.labels.names[std::size_t(label)]);
    out += ',';
    out += a.refused * 2 > a.results && a.results > 0 ? "true" : "false";
    out += ',';
    if (a.scores == 0 && label < 0 && a.error >= 0)
        appendCanonicalCsvField(out, all.errors[std::size_t(a.error)]);
    out += ',';
    if (answered > 0) {
        char buf[32];
        const int n = std::snprintf(buf, sizeof buf, "%.4g", double(best) / double(answered));
        out.append(buf, std::size_t(n));
    }
    out += '\n';
}

constexpr const char *ResultColumns = ",score,label,refused,score_error,repeat_agreement\n";

/// Joins results to rows: the rows' bytes plus the result columns; includeUnscored false drops
/// families with a variant lacking a score or a label.
/// A variant whose repeats disagree with each other: different labels, or scores on both sides
/// of the threshold.
bool unstable(const RowScore &a, std::optional<double> threshold)
{
    if (a.otherLabels && !a.otherLabels->empty())
        return true;
    return threshold && a.scores > 1 && double(a.minScore) < *threshold
           && double(a.maxScore) >= *threshold;
}

/// The result columns may not already be columns of the rows: a join would shadow them.
Status checkResultColumns(const CsvScoreRows &rows, const std::string &source)
{
    for (const char *name : {"score", "label", "refused", "score_error", "repeat_agreement"})
        for (const auto &c : rows.columns())
            if (c == name)
                return Error{ErrorCode::Schema, source, 1, c,
                             "already a column of the rows, and also a result column of a "
                             "scoring run: rename it before scoring"};
    return Ok{};
}

/// Joins results to rows. includeUnscored false drops families with a variant lacking a score
/// or a label. isolateUnstable gives each variant of a family with an unstable variant its own
/// family id ("12~r2"), so that the audit cannot count it as a flip: a flip counts only where
/// every variant agrees with itself across repeats.
ScoredTable joinResults(const CsvScoreRows &rows, const Aggregate &all, bool includeUnscored,
                        bool isolateUnstable = false, std::optional<double> threshold = {})
{
    ScoredTable t;
    for (std::size_t c = 0; c < rows.columns().size(); ++c) {
        if (c)
            t.csv += ',';
        appendCanonicalCsvField(t.csv, rows.columns()[c]);
    }
    t.csv += ResultColumns;  // starts with the separator after the last input column
    const std::vector<RowScore> &byRow = all.rows;
    auto usable = [&](std::int64_t r) {
        const RowScore &a = byRow[std::size_t(r)];
        return a.scores > 0 || a.label >= 0;
    };
    for (std::int64_t r = 0; r < rows.rowCount(); ++r) {
        if (!usable(r))
            ++t.unscored;
        if (byRow[std::size_t(r)].refused * 2 > byRow[std::size_t(r)].results)
            ++t.refused;
    }
    auto emit = [&](std::int64_t r) {
        t.csv += rows.rowBytes(r);
        appendAggregate(t.csv, all, byRow[std::size_t(r)]);
        ++t.rows;
    };
    if (includeUnscored) {
        for (std::int64_t r = 0; r < rows.rowCount(); ++r)
            emit(r);
        return t;
    }
    for (std::int64_t r = 0; r < rows.rowCount(); ++r)
        t.unstableVariants += unstable(byRow[std::size_t(r)], threshold) ? 1 : 0;
    for (const auto &[begin, end] : familyRanges(rows)) {
        bool whole = true, stable = true;
        for (std::int64_t r = begin; r < end; ++r) {
            whole = whole && usable(r);
            stable = stable && !unstable(byRow[std::size_t(r)], threshold);
        }
        if (!whole) {
            ++t.familiesExcluded;
            continue;
        }
        const std::string_view first = rows.rowBytes(begin);
        const std::size_t comma = first.find(',');
        if (stable || !isolateUnstable || first.empty() || first.front() == '"'
            || comma == std::string_view::npos) {
            for (std::int64_t r = begin; r < end; ++r)
                emit(r);
            continue;
        }
        ++t.familiesUnstable;
        for (std::int64_t r = begin; r < end; ++r) {
            const std::string_view bytes = rows.rowBytes(r);
            const std::size_t cut = bytes.find(',');
            t.csv += bytes.substr(0, cut);
            t.csv += "~r" + std::to_string(r - begin + 1);
            t.csv += bytes.substr(cut);
            appendAggregate(t.csv, all, byRow[std::size_t(r)]);
            ++t.rows;
        }
    }
    return t;
}

void addResult(Aggregate &all, std::int64_t row, const ScoreResult &r)
{
    RowScore &a = all.rows[std::size_t(row)];
    ++a.results;
    if (!r.error.empty()) {
        if (a.error < 0) {
            a.error = std::int32_t(all.errors.size());
            all.errors.push_back(r.error);
        }
        return;
    }
    if (r.refused)
        ++a.refused;
    if (r.score) {
        a.scoreSum += *r.score;
        const auto v = float(*r.score);
        a.minScore = a.scores == 0 ? v : std::min(a.minScore, v);
        a.maxScore = a.scores == 0 ? v : std::max(a.maxScore, v);
        ++a.scores;
    }
    if (r.label.empty())
        return;
    const int id = all.labels.id(r.label);
    if (a.label < 0 || a.label == id) {
        a.label = id;
        ++a.labelCount;
        return;
    }
    if (!a.otherLabels)
        a.otherLabels = std::make_unique<std::vector<std::pair<int, int>>>();
    for (auto &[l, count] : *a.otherLabels)
        if (l == id) {
            ++count;
            return;
        }
    a.otherLabels->emplace_back(id, 1);
}

} // namespace

Result<ScoringOutcome> scoreProbeSet(ProjectStore &store, const ProbeSetRecord &probeSet,
                                     const ModelRecord &model, const ScoringOptions &options)
{
    auto config = parseScorerConfig(model.configJson, "model '" + model.name + "'",
                                    projectFolder(store));
    if (!config)
        return config.error();
    if (config->needsTrust() && !isTrusted(store.path(), config->sha256)) {
        if (!options.trust)
            return Error{ErrorCode::Invalid, store.path(), 0, "trust",
                         "model '" + model.name + "' is a " + config->kind + " scorer ("
                             + (config->kind == "command" ? "it runs a program"
                                                          : "it contacts a URL")
                             + ") and this project's copy of it is not trusted on this machine. "
                               "Review it (counterpart-cli models --project P --show "
                             + model.name + ") and score with --trust to trust it"};
        if (auto s = trustScorer(store.path(), config->sha256, model.name); !s)
            return s.error();
    }
    auto scorer = makeScorer(*config);
    if (!scorer)
        return scorer.error();
    auto content = probeSetContent(store, probeSet.id);
    if (!content)
        return content.error();
    auto rows = CsvScoreRows::parse(std::move(*content), "probe set '" + probeSet.name + "'");
    if (!rows)
        return rows.error();
    if (auto s = checkResultColumns(**rows, "probe set '" + probeSet.name + "'"); !s)
        return s.error();

    ScoringOutcome outcome;
    std::optional<ScoreRunRecord> run;
    if (options.resume || options.runId > 0) {
        if (options.runId > 0) {
            auto r = findScoreRun(store, options.runId);
            if (!r)
                return r.error();
            if (r->probeSetId != probeSet.id || r->modelId != model.id)
                return Error{ErrorCode::Invalid, store.path(), 0, "run",
                             "run " + std::to_string(r->id) + " scored probe set '"
                                 + r->probeSetName + "' with model '" + r->modelName
                                 + "', not this probe set and model version"};
            run = *r;
        } else {
            auto r = resumableRun(store, probeSet.id, model.id);
            if (!r)
                return r.error();
            if (!*r)
                return Error{ErrorCode::Invalid, store.path(), 0, "run",
                             "nothing to resume: model '" + model.name
                                 + "' has no incomplete run on probe set '" + probeSet.name + "'"};
            run = **r;
        }
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
                                   + " to go"});
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
    }
    if (auto s = finishScoreRun(store, run->id, status, message); !s)
        return s.error();
    auto final = findScoreRun(store, run->id);
    if (!final)
        return final.error();
    outcome.run = *final;
    return outcome;
}

Result<ScoredTable> scoredTable(ProjectStore &store, std::int64_t runId, bool includeUnscored,
                                bool isolateUnstable, std::optional<double> threshold)
{
    auto run = findScoreRun(store, runId);
    if (!run)
        return run.error();
    auto content = probeSetContent(store, run->probeSetId);
    if (!content)
        return content.error();
    auto rows = CsvScoreRows::parse(std::move(*content), "probe set '" + run->probeSetName + "'");
    if (!rows)
        return rows.error();
    if (auto s = checkResultColumns(**rows, "probe set '" + run->probeSetName + "'"); !s)
        return s.error();
    Aggregate all;
    all.rows.resize(std::size_t((*rows)->rowCount()));
    const std::int64_t count = (*rows)->rowCount();
    if (auto s = forEachScore(store, runId,
                              [&](const StoredScore &x) {
                                  if (x.row >= 0 && x.row < count)
                                      addResult(all, x.row, x.result);
                              });
        !s)
        return s.error();
    return joinResults(**rows, all, includeUnscored, isolateUnstable, threshold);
}

Result<AuditResult> auditScoreRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                                  const Progress &progress, std::string *auditedCsv)
{
    auto run = findScoreRun(store, runId);
    if (!run)
        return run.error();
    auto table = scoredTable(store, runId, false, run->repeats > 1, spec.prediction.threshold);
    if (!table)
        return table.error();
    if (table->rows == 0)
        return Error{ErrorCode::Invalid, store.path(), 0, "run",
                     "scoring run " + std::to_string(runId)
                         + " has no scored family yet (score it first, or resume it)"};
    const std::string source = "scoring run " + std::to_string(runId);
    auto loaded = readCsv(table->csv, source, spec.columns(), progress.phase(0, 500));
    if (!loaded)
        return loaded.error();
    // The hash of exactly what was audited: the probe set's rows with this run's scores.
    loaded->sha256 = Sha256::hex(table->csv);
    if (auditedCsv) {
        *auditedCsv = std::move(table->csv);
    } else {
        table->csv.clear();
        table->csv.shrink_to_fit();
    }
    auto set = findProbeSet(store, std::to_string(run->probeSetId));
    if (!set)
        return set.error();
    auto result = runReviewedAudit(store, set->tableId,
                                   "probe set '" + set->name + "' v" + std::to_string(set->id),
                                   std::move(*loaded), spec, progress.phase(500, 1000));
    if (!result)
        return result.error();
    if (run->repeats > 1)
        result->warnings.insert(
            result->warnings.begin(),
            AuditWarning{0, "score",
                         "within-variant disagreement: " + std::to_string(table->unstableVariants)
                             + " variant(s) gave different outcomes across their "
                             + std::to_string(run->repeats) + " repeats; "
                             + std::to_string(table->familiesUnstable)
                             + " famil" + (table->familiesUnstable == 1 ? "y" : "ies")
                             + " with such a variant are not counted as flips or pairs"});
    if (table->familiesExcluded > 0)
        result->warnings.insert(
            result->warnings.begin(),
            AuditWarning{0, "score",
                         std::to_string(table->familiesExcluded)
                             + " famil" + (table->familiesExcluded == 1 ? "y" : "ies")
                             + " excluded: a variant has no score or label (" 
                             + std::to_string(table->unscored)
                             + " variant(s) unscored, errored or refused without a score)"});
    return result;
}

Result<ScoredTable> scoreFile(const std::string &path, Scorer &scorer, int repeats,
                              const std::function<void(std::string_view)> &onLog,
                              const Progress &progress)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    std::string csv;
    if (formatForPath(path) == TableFormat::JsonLines) {
        auto converted = csvFromJsonLines(*bytes, path);
        if (!converted)
            return converted.error();
        csv = std::move(*converted);
    } else {
        csv = std::move(*bytes);
    }
    auto rows = CsvScoreRows::parse(std::move(csv), path);
    if (!rows)
        return rows.error();
    if (auto s = checkResultColumns(**rows, path); !s)
        return s.error();
    std::vector<ScoreTask> tasks;
    for (int repeat = 0; repeat < repeats; ++repeat)
        for (std::int64_t r = 0; r < (*rows)->rowCount(); ++r)
            tasks.push_back({r, repeat});
    Aggregate all;
    all.rows.resize(std::size_t((*rows)->rowCount()));
    const ScoreSink sink = [&](std::size_t task, ScoreResult result) -> Status {
        addResult(all, tasks[task].row, result);
        return Ok{};
    };
    const ScoreLog log = [&](std::string_view line) {
        if (onLog)
            onLog(line);
    };
    if (auto s = scorer.run(**rows, tasks, sink, log, progress); !s)
        return s.error();
    return joinResults(**rows, all, true);
}

} // namespace cp
