// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// Probe sets, models, scoring runs, scores and run logs in the SQLite backend.

#include "sqlitebackend.h"

#include "sqlitequery.h"
#include "sqlitestatement.h"

#include <core/common/embedding.h>

namespace cp {

using sqlite::Statement;
using sqlite::queryAll;
using sqlite::queryOne;

namespace {

constexpr const char *ProbeSetColumns =
    "SELECT id, name, kind, sha256, table_id, spec_json, seed, parent_id, created, families, "
    "variants, layout_json, balance_json, integrity_json FROM probe_sets ";

StoredProbeSet probeSetFrom(const Statement &s)
{
    StoredProbeSet r;
    r.id = s.integer(0);
    r.name = s.text(1);
    r.kind = s.text(2);
    r.sha256 = s.text(3);
    r.tableId = s.integer(4);
    r.specJson = s.text(5);
    r.seed = s.optionalText(6);
    r.parentId = s.optionalInteger(7);
    r.created = s.text(8);
    r.families = s.integer(9);
    r.variants = s.integer(10);
    r.layoutJson = s.text(11);
    r.balanceJson = s.text(12);
    r.integrityJson = s.text(13);
    return r;
}

constexpr const char *ModelColumns =
    "SELECT id, name, version, kind, config_json, config_sha256, created FROM models ";

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

Result<std::optional<StoredProbeSet>> SqliteBackend::probeSetById(std::int64_t id)
{
    Statement s(m_db, std::string(ProbeSetColumns) + "WHERE id = ?1");
    s.bind(1, id);
    return queryOne(*this, s, "cannot read the probe sets", probeSetFrom);
}

Result<std::optional<StoredProbeSet>> SqliteBackend::probeSetBySha(const std::string &sha256)
{
    Statement s(m_db, std::string(ProbeSetColumns) + "WHERE sha256 = ?1");
    s.bind(1, sha256);
    return queryOne(*this, s, "cannot read the probe sets", probeSetFrom);
}

Result<std::optional<StoredProbeSet>> SqliteBackend::findProbeSet(const std::string &nameOrId)
{
    Statement s(m_db, std::string(ProbeSetColumns)
                          + "WHERE CAST(id AS TEXT) = ?1 OR name = ?1 "
                            "ORDER BY (CAST(id AS TEXT) = ?1) DESC, id DESC LIMIT 1");
    s.bind(1, nameOrId);
    return queryOne(*this, s, "cannot read the probe sets", probeSetFrom);
}

Result<std::optional<StoredProbeSet>> SqliteBackend::newestProbeSet(const std::string &name)
{
    Statement s(m_db, std::string(ProbeSetColumns) + "WHERE name = ?1 ORDER BY id DESC LIMIT 1");
    s.bind(1, name);
    return queryOne(*this, s, "cannot read the probe sets", probeSetFrom);
}

Result<std::vector<StoredProbeSet>> SqliteBackend::probeSets()
{
    Statement s(m_db, std::string(ProbeSetColumns) + "ORDER BY id");
    return queryAll(*this, s, "cannot list the probe sets", probeSetFrom);
}

Result<std::int64_t> SqliteBackend::insertProbeSet(const StoredProbeSet &r)
{
    Statement s(m_db, "INSERT INTO probe_sets(name, kind, sha256, table_id, spec_json, seed, "
                      "parent_id, created, families, variants, layout_json, balance_json, "
                      "integrity_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                      "?12, ?13)");
    s.bind(1, r.name).bind(2, r.kind).bind(3, r.sha256).bind(4, r.tableId).bind(5, r.specJson);
    s.bind(6, r.seed).bind(7, r.parentId).bind(8, r.created).bind(9, r.families);
    s.bind(10, r.variants).bind(11, r.layoutJson).bind(12, r.balanceJson);
    s.bind(13, r.integrityJson);
    if (auto x = sqlite::run(*this, s, "cannot store probe set '" + r.name + "'"); !x)
        return x.error();
    return lastInsertId();
}

Result<std::optional<ModelRecord>> SqliteBackend::modelByConfig(const std::string &name,
                                                                const std::string &configSha256)
{
    Statement s(m_db, std::string(ModelColumns) + "WHERE name = ?1 AND config_sha256 = ?2");
    s.bind(1, name).bind(2, configSha256);
    return queryOne(*this, s, "cannot read the models", modelFrom);
}

Result<std::optional<ModelRecord>> SqliteBackend::findModel(const std::string &nameOrId)
{
    Statement s(m_db, std::string(ModelColumns)
                          + "WHERE name = ?1 OR CAST(id AS TEXT) = ?1 "
                            "ORDER BY (CAST(id AS TEXT) = ?1) DESC, id DESC LIMIT 1");
    s.bind(1, nameOrId);
    return queryOne(*this, s, "cannot read the models", modelFrom);
}

Result<std::vector<ModelRecord>> SqliteBackend::models()
{
    Statement s(m_db, std::string(ModelColumns) + "ORDER BY id");
    return queryAll(*this, s, "cannot read the models", modelFrom);
}

Result<std::int64_t> SqliteBackend::insertModel(const ModelRecord &m)
{
    Statement s(m_db, "INSERT INTO models(name, version, kind, config_json, config_sha256, "
                      "created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, m.name).bind(2, m.version).bind(3, m.kind).bind(4, m.configJson);
    s.bind(5, m.configSha256).bind(6, m.created);
    if (auto x = sqlite::run(*this, s, "cannot store the model '" + m.name + "'"); !x)
        return x.error();
    return lastInsertId();
}

Result<std::int64_t> SqliteBackend::insertScoreRun(const ScoreRunRecord &r)
{
    Statement s(m_db, "INSERT INTO score_runs(probe_set_id, model_id, repeats, order_seed, tasks, "
                      "status, started) VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6)");
    s.bind(1, r.probeSetId).bind(2, r.modelId).bind(3, std::int64_t(r.repeats));
    s.bind(4, std::int64_t(r.orderSeed)).bind(5, r.tasks).bind(6, r.started);
    if (auto x = sqlite::run(*this, s, "cannot start the scoring run"); !x)
        return x.error();
    return lastInsertId();
}

Result<std::optional<ScoreRunRecord>> SqliteBackend::scoreRun(std::int64_t id)
{
    Statement s(m_db, std::string(RunColumns) + "WHERE r.id = ?1");
    s.bind(1, id);
    return queryOne(*this, s, "cannot read the scoring runs", runFrom);
}

Result<std::vector<ScoreRunRecord>> SqliteBackend::scoreRuns()
{
    Statement s(m_db, std::string(RunColumns) + "ORDER BY r.id");
    return queryAll(*this, s, "cannot read the scoring runs", runFrom);
}

Result<std::optional<ScoreRunRecord>> SqliteBackend::unfinishedScoreRun(std::int64_t probeSetId,
                                                                       std::int64_t modelId)
{
    Statement s(m_db, std::string(RunColumns)
                          + "WHERE r.probe_set_id = ?1 AND r.model_id = ?2 "
                            "AND (r.status != 'complete' OR r.errors > 0) "
                            "ORDER BY r.id DESC LIMIT 1");
    s.bind(1, probeSetId).bind(2, modelId);
    return queryOne(*this, s, "cannot read the scoring runs", runFrom);
}

Status SqliteBackend::finishScoreRun(std::int64_t runId, const std::string &status,
                                     const std::string &message, const std::string &finished)
{
    Statement s(m_db, "UPDATE score_runs SET status = ?2, message = ?3, finished = ?4 "
                      "WHERE id = ?1");
    s.bind(1, runId).bind(2, status).bind(3, message).bind(4, finished);
    return sqlite::run(*this, s, "cannot record the end of the scoring run");
}

Status SqliteBackend::insertScores(std::int64_t runId, const std::vector<StoredScore> &batch)
{
    Statement insert(m_db, "INSERT INTO scores(run_id, row, repeat, score, label, refused, text, "
                           "logprob, latency_ms, error, embedding) VALUES (?1, ?2, ?3, ?4, ?5, "
                           "?6, ?7, ?8, ?9, ?10, ?11)");
    std::string packed;
    for (const StoredScore &s : batch) {
        insert.reset();
        const ScoreResult &r = s.result;
        insert.bind(1, runId).bind(2, s.row).bind(3, std::int64_t(s.repeat));
        insert.bindReal(4, r.score);
        if (!r.label.empty())
            insert.bind(5, r.label);
        insert.bind(6, std::int64_t(r.refused ? 1 : 0)).bind(7, r.text).bindReal(8, r.logprob);
        insert.bindReal(9, r.latencyMs);
        if (!r.error.empty())
            insert.bind(10, r.error);
        if (!r.embedding.empty()) {
            packed = embedding::pack(r.embedding);
            insert.bindBlob(11, packed);
        }
        if (auto x = sqlite::run(*this, insert,
                                 "cannot store the score of row " + std::to_string(s.row + 1));
            !x)
            return x;
    }
    return Ok{};
}

Status SqliteBackend::addScoreCounts(std::int64_t runId, std::int64_t scored, std::int64_t errors,
                                     std::int64_t refused)
{
    Statement s(m_db, "UPDATE score_runs SET scored = scored + ?2, errors = errors + ?3, "
                      "refused = refused + ?4 WHERE id = ?1");
    s.bind(1, runId).bind(2, scored).bind(3, errors).bind(4, refused);
    return sqlite::run(*this, s, "cannot store scores");
}

Status SqliteBackend::visitScores(std::int64_t runId,
                                  const std::function<void(const StoredScore &)> &visit)
{
    Statement s(m_db, "SELECT row, repeat, score, label, refused, text, logprob, latency_ms, error, "
                      "embedding FROM scores WHERE run_id = ?1 ORDER BY row, repeat");
    s.bind(1, runId);
    StoredScore x;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        x.row = s.integer(0);
        x.repeat = int(s.integer(1));
        x.result.score = s.optionalReal(2);
        x.result.label = s.isNull(3) ? std::string() : s.text(3);
        x.result.refused = s.integer(4) != 0;
        x.result.text = s.optionalText(5);
        x.result.logprob = s.optionalReal(6);
        x.result.latencyMs = s.real(7);
        x.result.error = s.isNull(8) ? std::string() : s.text(8);
        if (s.isNull(9) || !embedding::unpack(s.blob(9), x.result.embedding))
            x.result.embedding.clear();
        visit(x);
    }
    if (rc != SQLITE_DONE)
        return fail("cannot read the scores", s);
    return Ok{};
}

Status SqliteBackend::visitScoreOutcomes(std::int64_t runId,
                                         const std::function<void(const ScoreOutcome &)> &visit,
                                         bool withOutputs)
{
    // Six columns, each read once: on a 5,000,000-score run the calls into SQLite were most of
    // the time visitScores takes (fourteen per row, and a string made for each text). The
    // reply, the log-probability and the embedding only when asked for.
    Statement s(m_db, withOutputs ? "SELECT row, repeat, score, label, refused, error, text, "
                                    "logprob, embedding FROM scores WHERE run_id = ?1 "
                                    "ORDER BY row, repeat"
                                  : "SELECT row, repeat, score, label, refused, error "
                                    "FROM scores WHERE run_id = ?1 ORDER BY row, repeat");
    s.bind(1, runId);
    ScoreOutcome x;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        x.row = s.integer(0);
        x.repeat = int(s.integer(1));
        x.score = s.realOrNull(2);
        x.label = s.textView(3);
        x.refused = s.integer(4) != 0;
        x.error = s.textView(5);
        if (withOutputs) {
            x.text = s.textView(6);
            x.logprob = s.realOrNull(7);
            x.embedding = s.isNull(8) ? std::string_view() : s.blob(8);
        }
        visit(x);
    }
    if (rc != SQLITE_DONE)
        return fail("cannot read the scores", s);
    return Ok{};
}

Result<bool> SqliteBackend::runHasEmbeddings(std::int64_t runId)
{
    Statement s(m_db, "SELECT 1 FROM scores WHERE run_id = ?1 AND embedding IS NOT NULL LIMIT 1");
    s.bind(1, runId);
    auto found = queryOne(*this, s, "cannot read the scores", [](const Statement &) { return 1; });
    if (!found)
        return found.error();
    return found->has_value();
}

Result<std::int64_t> SqliteBackend::deleteScoreErrors(std::int64_t runId)
{
    Statement count(m_db, "SELECT count(*), coalesce(sum(refused), 0) FROM scores "
                          "WHERE run_id = ?1 AND error IS NOT NULL");
    count.bind(1, runId);
    auto counted = queryOne(*this, count, "cannot read the row errors", [](const Statement &r) {
        return std::pair<std::int64_t, std::int64_t>(r.integer(0), r.integer(1));
    });
    if (!counted)
        return counted.error();
    const auto [errors, refused] = counted->value_or(std::pair<std::int64_t, std::int64_t>{});
    if (errors == 0)
        return std::int64_t(0);
    Statement del(m_db, "DELETE FROM scores WHERE run_id = ?1 AND error IS NOT NULL");
    del.bind(1, runId);
    if (auto x = sqlite::run(*this, del, "cannot clear the failed results"); !x)
        return x.error();
    Statement update(m_db, "UPDATE score_runs SET errors = errors - ?2, refused = refused - ?3 "
                           "WHERE id = ?1");
    update.bind(1, runId).bind(2, errors).bind(3, refused);
    if (auto x = sqlite::run(*this, update, "cannot clear the failed results"); !x)
        return x.error();
    return errors;
}

Result<std::vector<StoredScore>> SqliteBackend::firstScoreErrors(std::int64_t runId,
                                                                 std::int64_t limit)
{
    Statement s(m_db, "SELECT row, repeat, error FROM scores WHERE run_id = ?1 "
                      "AND error IS NOT NULL ORDER BY row, repeat LIMIT ?2");
    s.bind(1, runId).bind(2, limit);
    return queryAll(*this, s, "cannot read the row errors", [](const Statement &r) {
        StoredScore x;
        x.row = r.integer(0);
        x.repeat = int(r.integer(1));
        x.result.error = r.text(2);
        return x;
    });
}

Status SqliteBackend::appendRunLog(std::int64_t runId, const std::string &at,
                                   const std::vector<std::string> &lines)
{
    Statement s(m_db, "INSERT INTO run_log(run_id, at, line) VALUES (?1, ?2, ?3)");
    for (const auto &line : lines) {
        s.reset();
        s.bind(1, runId).bind(2, at).bind(3, line);
        if (auto x = sqlite::run(*this, s, "cannot write the run log"); !x)
            return x;
    }
    return Ok{};
}

Result<std::vector<RunLogLine>> SqliteBackend::runLog(std::int64_t runId)
{
    Statement s(m_db, "SELECT at, line FROM run_log WHERE run_id = ?1 ORDER BY id");
    s.bind(1, runId);
    return queryAll(*this, s, "cannot read the run log", [](const Statement &r) {
        return RunLogLine{r.text(0), r.text(1)};
    });
}

} // namespace cp
