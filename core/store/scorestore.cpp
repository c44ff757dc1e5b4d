// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scorestore.h"

#include "projectstore.h"
#include "sqlitestatement.h"

#include <core/score/scorerconfig.h>

namespace cp {

using store::nowUtc;
using store::Statement;
using store::Transaction;

namespace {

ModelRecord modelFrom(const Statement &s)
{
    ModelRecord m;
    m.id = s.integer(0);
    m.name = s.text(1);
    m.version = s.text(2);
    m.kind = s.text(3);
    m.configJson = s.text(4);
    m.configSha256 = s.text(5);
    m.created = s.text(6);
    return m;
}

constexpr const char *ModelColumns =
    "SELECT id, name, version, kind, config_json, config_sha256, created FROM models ";

constexpr const char *RunColumns =
    "SELECT r.id, r.probe_set_id, p.name, r.model_id, m.name, m.version, m.config_sha256, "
    "r.repeats, r.order_seed, r.tasks, r.status, r.started, r.finished, r.scored, r.errors, "
    "r.refused, r.message FROM score_runs r JOIN probe_sets p ON p.id = r.probe_set_id "
    "JOIN models m ON m.id = r.model_id ";

ScoreRunRecord runFrom(const Statement &s)
{
    ScoreRunRecord r;
    r.id = s.integer(0);
    r.probeSetId = s.integer(1);
    r.probeSetName = s.text(2);
    r.modelId = s.integer(3);
    r.modelName = s.text(4);
    r.modelVersion = s.text(5);
    r.configSha256 = s.text(6);
    r.repeats = int(s.integer(7));
    r.orderSeed = std::uint64_t(s.integer(8));
    r.tasks = s.integer(9);
    r.status = s.text(10);
    r.started = s.text(11);
    r.finished = s.isNull(12) ? std::string() : s.text(12);
    r.scored = s.integer(13);
    r.errors = s.integer(14);
    r.refused = s.integer(15);
    r.message = s.text(16);
    return r;
}

} // namespace

Result<ModelRecord> addModel(ProjectStore &store, const ScorerConfig &config)
{
    sqlite3 *db = store.connection();
    {
        Statement find(db, (std::string(ModelColumns) + "WHERE name = ?1 AND config_sha256 = ?2")
                               .c_str());
        find.bind(1, config.name);
        find.bind(2, config.sha256);
        if (!find.ok())
            return store.storageError("cannot read the models");
        if (find.step() == SQLITE_ROW) {
            ModelRecord m = modelFrom(find);
            m.existed = true;
            return m;
        }
    }
    Statement insert(db, "INSERT INTO models(name, version, kind, config_json, config_sha256, "
                         "created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, config.name);
    insert.bind(2, config.version);
    insert.bind(3, config.kind);
    insert.bind(4, config.json);
    insert.bind(5, config.sha256);
    insert.bind(6, nowUtc());
    if (!insert.ok() || insert.step() != SQLITE_DONE)
        return store.storageError("cannot store the model '" + config.name + "'");
    return findModel(store, std::to_string(sqlite3_last_insert_rowid(db)));
}

Result<std::vector<ModelRecord>> models(ProjectStore &store)
{
    Statement s(store.connection(), (std::string(ModelColumns) + "ORDER BY id").c_str());
    if (!s.ok())
        return store.storageError("cannot read the models");
    std::vector<ModelRecord> out;
    while (s.step() == SQLITE_ROW)
        out.push_back(modelFrom(s));
    return out;
}

Result<ModelRecord> findModel(ProjectStore &store, const std::string &nameOrId)
{
    Statement s(store.connection(),
                (std::string(ModelColumns)
                 + "WHERE name = ?1 OR CAST(id AS TEXT) = ?1 ORDER BY (name = ?1) DESC, id DESC "
                   "LIMIT 1")
                    .c_str());
    s.bind(1, nameOrId);
    if (!s.ok())
        return store.storageError("cannot read the models");
    if (s.step() != SQLITE_ROW)
        return Error{ErrorCode::Invalid, store.path(), 0, "model",
                     "no model '" + nameOrId + "' in the project (add one with "
                                               "counterpart-cli models --add SCORER.json)"};
    return modelFrom(s);
}

Result<ScoreRunRecord> startScoreRun(ProjectStore &store, std::int64_t probeSetId,
                                     std::int64_t modelId, int repeats, std::uint64_t orderSeed,
                                     std::int64_t tasks)
{
    Statement s(store.connection(),
                "INSERT INTO score_runs(probe_set_id, model_id, repeats, order_seed, tasks, "
                "status, started) VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6)");
    s.bind(1, probeSetId);
    s.bind(2, modelId);
    s.bind(3, std::int64_t(repeats));
    s.bind(4, std::int64_t(orderSeed));
    s.bind(5, tasks);
    s.bind(6, nowUtc());
    if (!s.ok() || s.step() != SQLITE_DONE)
        return store.storageError("cannot start the scoring run");
    return findScoreRun(store, sqlite3_last_insert_rowid(store.connection()));
}

Status commitScores(ProjectStore &store, std::int64_t runId, const std::vector<StoredScore> &batch)
{
    if (batch.empty())
        return Ok{};
    sqlite3 *db = store.connection();
    Transaction tx(db);
    if (!tx.begun())
        return store.storageError("cannot store scores");
    Statement insert(db, "INSERT INTO scores(run_id, row, repeat, score, label, refused, text, "
                         "logprob, latency_ms, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                         "?10)");
    if (!insert.ok())
        return store.storageError("cannot store scores");
    std::int64_t scored = 0, errors = 0, refused = 0;
    for (const StoredScore &s : batch) {
        insert.reset();
        insert.bind(1, runId);
        insert.bind(2, s.row);
        insert.bind(3, std::int64_t(s.repeat));
        const ScoreResult &r = s.result;
        if (r.score)
            insert.bindReal(4, *r.score);
        if (!r.label.empty())
            insert.bind(5, r.label);
        insert.bind(6, std::int64_t(r.refused ? 1 : 0));
        if (r.text)
            insert.bind(7, *r.text);
        if (r.logprob)
            insert.bindReal(8, *r.logprob);
        insert.bindReal(9, r.latencyMs);
        if (!r.error.empty())
            insert.bind(10, r.error);
        if (insert.step() != SQLITE_DONE)
            return store.storageError("cannot store the score of row " + std::to_string(s.row + 1));
        if (!r.error.empty())
            ++errors;
        else
            ++scored;
        if (r.refused)
            ++refused;
    }
    Statement counts(db, "UPDATE score_runs SET scored = scored + ?2, errors = errors + ?3, "
                         "refused = refused + ?4 WHERE id = ?1");
    counts.bind(1, runId);
    counts.bind(2, scored);
    counts.bind(3, errors);
    counts.bind(4, refused);
    if (counts.step() != SQLITE_DONE || !tx.commit())
        return store.storageError("cannot store scores");
    return Ok{};
}

Status appendRunLog(ProjectStore &store, std::int64_t runId, const std::vector<std::string> &lines)
{
    if (lines.empty())
        return Ok{};
    sqlite3 *db = store.connection();
    Transaction tx(db);
    Statement s(db, "INSERT INTO run_log(run_id, at, line) VALUES (?1, ?2, ?3)");
    const std::string at = nowUtc();
    for (const auto &line : lines) {
        s.reset();
        s.bind(1, runId);
        s.bind(2, at);
        s.bind(3, line);
        if (s.step() != SQLITE_DONE)
            return store.storageError("cannot write the run log");
    }
    if (!tx.commit())
        return store.storageError("cannot write the run log");
    return Ok{};
}

Status finishScoreRun(ProjectStore &store, std::int64_t runId, const std::string &status,
                      const std::string &message)
{
    Statement s(store.connection(),
                "UPDATE score_runs SET status = ?2, message = ?3, finished = ?4 WHERE id = ?1");
    s.bind(1, runId);
    s.bind(2, status);
    s.bind(3, message);
    s.bind(4, nowUtc());
    if (!s.ok() || s.step() != SQLITE_DONE)
        return store.storageError("cannot record the end of the scoring run");
    return Ok{};
}

Result<std::vector<ScoreRunRecord>> scoreRuns(ProjectStore &store)
{
    Statement s(store.connection(), (std::string(RunColumns) + "ORDER BY r.id").c_str());
    if (!s.ok())
        return store.storageError("cannot read the scoring runs");
    std::vector<ScoreRunRecord> out;
    while (s.step() == SQLITE_ROW)
        out.push_back(runFrom(s));
    return out;
}

Result<ScoreRunRecord> findScoreRun(ProjectStore &store, std::int64_t runId)
{
    Statement s(store.connection(), (std::string(RunColumns) + "WHERE r.id = ?1").c_str());
    s.bind(1, runId);
    if (!s.ok())
        return store.storageError("cannot read the scoring runs");
    if (s.step() != SQLITE_ROW)
        return Error{ErrorCode::Invalid, store.path(), 0, "run",
                     "no scoring run " + std::to_string(runId) + " in the project"};
    return runFrom(s);
}

Result<std::optional<ScoreRunRecord>> resumableRun(ProjectStore &store, std::int64_t probeSetId,
                                                   std::int64_t modelId)
{
    Statement s(store.connection(),
                (std::string(RunColumns)
                 + "WHERE r.probe_set_id = ?1 AND r.model_id = ?2 AND r.status != 'complete' "
                   "ORDER BY r.id DESC LIMIT 1")
                    .c_str());
    s.bind(1, probeSetId);
    s.bind(2, modelId);
    if (!s.ok())
        return store.storageError("cannot read the scoring runs");
    if (s.step() != SQLITE_ROW)
        return std::optional<ScoreRunRecord>();
    return std::optional<ScoreRunRecord>(runFrom(s));
}

Status forEachScore(ProjectStore &store, std::int64_t runId,
                    const std::function<void(const StoredScore &)> &visit)
{
    Statement s(store.connection(),
                "SELECT row, repeat, score, label, refused, text, logprob, latency_ms, error "
                "FROM scores WHERE run_id = ?1 ORDER BY row, repeat");
    s.bind(1, runId);
    if (!s.ok())
        return store.storageError("cannot read the scores");
    StoredScore x;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        x.row = s.integer(0);
        x.repeat = int(s.integer(1));
        x.result.score.reset();
        if (!s.isNull(2))
            x.result.score = s.real(2);
        x.result.label = s.isNull(3) ? std::string() : s.text(3);
        x.result.refused = s.integer(4) != 0;
        x.result.text.reset();
        if (!s.isNull(5))
            x.result.text = s.text(5);
        x.result.logprob.reset();
        if (!s.isNull(6))
            x.result.logprob = s.real(6);
        x.result.latencyMs = s.real(7);
        x.result.error = s.isNull(8) ? std::string() : s.text(8);
        visit(x);
    }
    if (rc != SQLITE_DONE)
        return store.storageError("cannot read the scores");
    return Ok{};
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
    {
        Statement s(store.connection(), "SELECT errors FROM score_runs WHERE id = ?1");
        s.bind(1, runId);
        if (!s.ok())
            return store.storageError("cannot read the run");
        if (s.step() == SQLITE_ROW)
            out.total = s.integer(0);
    }
    if (out.total == 0)
        return out;
    Statement s(store.connection(),
                "SELECT row, repeat, error FROM scores WHERE run_id = ?1 AND error IS NOT NULL "
                "ORDER BY row, repeat LIMIT ?2");
    s.bind(1, runId);
    s.bind(2, limit);
    if (!s.ok())
        return store.storageError("cannot read the row errors");
    while (s.step() == SQLITE_ROW) {
        StoredScore x;
        x.row = s.integer(0);
        x.repeat = int(s.integer(1));
        x.result.error = s.text(2);
        out.first.push_back(std::move(x));
    }
    return out;
}

Result<std::vector<std::string>> runLog(ProjectStore &store, std::int64_t runId)
{
    Statement s(store.connection(), "SELECT at, line FROM run_log WHERE run_id = ?1 ORDER BY id");
    s.bind(1, runId);
    if (!s.ok())
        return store.storageError("cannot read the run log");
    std::vector<std::string> out;
    while (s.step() == SQLITE_ROW)
        out.push_back(s.text(0) + " " + s.text(1));
    return out;
}

} // namespace cp
