// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectstore.h"

#include "sqlitestatement.h"

#include <core/audit/auditspec.h>
#include <core/common/sha256.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>

namespace cp {

using store::Statement;
using store::Transaction;
using store::nowUtc;

namespace {

constexpr const char *SchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE specs(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    json TEXT NOT NULL,
    created TEXT NOT NULL);
CREATE TABLE tables(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    format TEXT NOT NULL CHECK(format IN ('csv', 'jsonl')),
    bytes INTEGER NOT NULL,
    content BLOB NOT NULL,
    imported TEXT NOT NULL);
CREATE TABLE runs(
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    spec_id INTEGER NOT NULL REFERENCES specs(id),
    created TEXT NOT NULL,
    decision TEXT,
    result_json TEXT NOT NULL);
)sql";

/// Schema version 2 adds frozen probe sets (issue #3). Their rows live in `tables` as canonical
/// CSV; this table holds what they are. No update API exists, and the trigger makes the rows
/// immutable for any other writer too.
constexpr const char *SchemaV2 = R"sql(
CREATE TABLE probe_sets(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK(kind IN ('generated', 'derived', 'imported')),
    sha256 TEXT NOT NULL UNIQUE,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    spec_json TEXT NOT NULL,
    seed TEXT,
    parent_id INTEGER REFERENCES probe_sets(id),
    created TEXT NOT NULL,
    families INTEGER NOT NULL,
    variants INTEGER NOT NULL,
    layout_json TEXT NOT NULL,
    balance_json TEXT NOT NULL,
    integrity_json TEXT NOT NULL);
CREATE INDEX probe_sets_name ON probe_sets(name);
CREATE TRIGGER probe_sets_frozen BEFORE UPDATE ON probe_sets
BEGIN
    SELECT RAISE(ABORT, 'a frozen probe set cannot be edited');
END;
)sql";

/// Schema version 3 adds scoring (issue #4): scorer configs, scoring runs over probe sets, one
/// row per scored task, and the runs' logs. Scores are inserted in batches, one transaction
/// each, so a killed run keeps every committed batch and a resumed run skips those tasks.
constexpr const char *SchemaV3 = R"sql(
CREATE TABLE models(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    kind TEXT NOT NULL,
    config_json TEXT NOT NULL,
    config_sha256 TEXT NOT NULL,
    created TEXT NOT NULL,
    UNIQUE(name, config_sha256));
CREATE TABLE score_runs(
    id INTEGER PRIMARY KEY,
    probe_set_id INTEGER NOT NULL REFERENCES probe_sets(id),
    model_id INTEGER NOT NULL REFERENCES models(id),
    repeats INTEGER NOT NULL,
    order_seed INTEGER NOT NULL,
    tasks INTEGER NOT NULL,
    status TEXT NOT NULL CHECK(status IN ('running', 'stopped', 'failed', 'complete')),
    started TEXT NOT NULL,
    finished TEXT,
    scored INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    refused INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '');
CREATE TABLE scores(
    run_id INTEGER NOT NULL REFERENCES score_runs(id),
    row INTEGER NOT NULL,
    repeat INTEGER NOT NULL,
    score REAL,
    label TEXT,
    refused INTEGER NOT NULL,
    text TEXT,
    logprob REAL,
    latency_ms REAL NOT NULL,
    error TEXT,
    PRIMARY KEY(run_id, row, repeat)) WITHOUT ROWID;
CREATE TABLE run_log(
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES score_runs(id),
    at TEXT NOT NULL,
    line TEXT NOT NULL);
CREATE INDEX run_log_run ON run_log(run_id);
CREATE INDEX scores_errors ON scores(run_id, row, repeat) WHERE error IS NOT NULL;
)sql";

/// Schema version 4 adds reviews (issue #6): one current label per (rows, family, reviewer,
/// role), keyed by the frozen table the family's rows live in (a probe set's rows, or an
/// imported table); every change is appended to review_history (who, when, old, new, from
/// where), which triggers keep append-only; and the packets exported and imported.
constexpr const char *SchemaV4 = R"sql(
CREATE TABLE review_labels(
    table_id INTEGER NOT NULL REFERENCES tables(id),
    family TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    role TEXT NOT NULL CHECK(role IN ('reviewer', 'adjudicator')),
    equivalence TEXT CHECK(equivalence IN ('equivalent', 'not_equivalent', 'unsure')),
    expected TEXT CHECK(expected IN ('favourable', 'unfavourable')),
    note TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY(table_id, family, reviewer, role)) WITHOUT ROWID;
CREATE TABLE review_history(
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES tables(id),
    family TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    role TEXT NOT NULL,
    at TEXT NOT NULL,
    old_json TEXT,
    new_json TEXT,
    source TEXT NOT NULL);
CREATE INDEX review_history_family ON review_history(table_id, family);
CREATE TRIGGER review_history_no_update BEFORE UPDATE ON review_history
BEGIN
    SELECT RAISE(ABORT, 'the review history is append-only');
END;
CREATE TRIGGER review_history_no_delete BEFORE DELETE ON review_history
BEGIN
    SELECT RAISE(ABORT, 'the review history is append-only');
END;
CREATE TABLE review_packets(
    id INTEGER PRIMARY KEY,
    packet_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK(direction IN ('export', 'import')),
    table_id INTEGER NOT NULL REFERENCES tables(id),
    reviewer TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    at TEXT NOT NULL,
    items INTEGER NOT NULL,
    changed INTEGER NOT NULL);
)sql";

std::mutex checkedMutex;
std::set<std::string> &checkedPaths()
{
    static std::set<std::string> paths;
    return paths;
}

std::string canonicalPath(const std::string &path)
{
    std::error_code ec;
    const auto p = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

bool alreadyChecked(const std::string &path)
{
    std::lock_guard lock(checkedMutex);
    return checkedPaths().count(canonicalPath(path)) > 0;
}

void markChecked(const std::string &path)
{
    std::lock_guard lock(checkedMutex);
    checkedPaths().insert(canonicalPath(path));
}

TableRecord tableFrom(const Statement &s)
{
    return TableRecord{s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.text(5)};
}

} // namespace

Error ProjectStore::storageError(const std::string &what) const
{
    return Error{ErrorCode::Storage, m_path, 0, {},
                 what + ": " + (m_db ? sqlite3_errmsg(m_db) : "no database")};
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string &path, OpenMode mode)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && mode != OpenMode::CreateIfMissing)
        return Error{ErrorCode::Io, path, 0, {}, "no such project file"};
    std::unique_ptr<ProjectStore> store(new ProjectStore);
    store->m_path = path;
    const int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE)
                      | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &store->m_db, flags, nullptr) != SQLITE_OK)
        return store->storageError("cannot open the project");
    sqlite3_busy_timeout(store->m_db, 5000);
    // Only a file this call creates gets a fresh schema; an existing empty file opened as
    // ExistingOnly is not a project, and must not silently become one.
    const bool fresh = !exists || mode == OpenMode::CreateIfMissing;
    if (auto s = store->initialise(fresh, mode != OpenMode::ExistingQuick); !s)
        return s.error();
    return store;
}

ProjectStore::~ProjectStore()
{
    sqlite3_close_v2(m_db);
}

Status ProjectStore::initialise(bool fresh, bool checkIntegrity)
{
    // The first statement reads the header: a file that is not SQLite fails here, not later.
    if (sqlite3_exec(m_db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) != SQLITE_OK)
        return storageError("not a Counterpart project");
    // The probes are finished before the journal mode is set: SQLite refuses to change it (and
    // says nothing through sqlite3_exec's return here) while a statement is still active.
    bool hasMeta = false;
    {
        Statement probe(m_db,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
        if (!probe.ok() || probe.step() != SQLITE_ROW)
            return storageError(
                "not a Counterpart project (the file is not a readable SQLite database)");
        hasMeta = probe.integer(0) > 0;
    }
    if (!hasMeta) {
        std::int64_t objects = 0;
        {
            Statement any(m_db, "SELECT count(*) FROM sqlite_master");
            any.step();
            objects = any.integer(0);
        }
        if (objects > 0)
            return Error{ErrorCode::Storage, m_path, 0, {},
                         "not a Counterpart project (an SQLite file without Counterpart tables)"};
        if (!fresh)
            return Error{ErrorCode::Storage, m_path, 0, {},
                         "not a Counterpart project (the file is empty)"};
        sqlite3_exec(m_db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
        sqlite3_exec(m_db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);  // below
        Transaction tx(m_db);
        if (!tx.begun() || sqlite3_exec(m_db, SchemaV1, nullptr, nullptr, nullptr) != SQLITE_OK
            || sqlite3_exec(m_db, SchemaV2, nullptr, nullptr, nullptr) != SQLITE_OK
            || sqlite3_exec(m_db, SchemaV3, nullptr, nullptr, nullptr) != SQLITE_OK
            || sqlite3_exec(m_db, SchemaV4, nullptr, nullptr, nullptr) != SQLITE_OK)
            return storageError("cannot create the project schema");
        Statement meta(m_db, "INSERT INTO meta(key, value) VALUES ('schema_version', ?1), "
                             "('created', ?2), ('application', 'Counterpart')");
        meta.bind(1, std::to_string(SchemaVersion));
        meta.bind(2, nowUtc());
        if (meta.step() != SQLITE_DONE || !tx.commit())
            return storageError("cannot create the project schema");
        m_schemaVersion = SchemaVersion;
        return Ok{};
    }
    sqlite3_exec(m_db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    // In WAL mode NORMAL keeps every committed transaction through a crash or kill of the
    // process (only a power loss can take the last ones); FULL would fsync every commit, which
    // made batched scoring wait on the disk.
    sqlite3_exec(m_db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    Statement version(m_db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!version.ok() || version.step() != SQLITE_ROW)
        return storageError("the project has no schema version");
    m_schemaVersion = std::atoi(version.text(0).c_str());
    if (m_schemaVersion > SchemaVersion)
        return Error{ErrorCode::Storage, m_path, 0, {},
                     "the project uses schema version " + std::to_string(m_schemaVersion)
                         + ", newer than this Counterpart understands ("
                         + std::to_string(SchemaVersion) + "); update Counterpart"};
    if (m_schemaVersion < 1)
        return Error{ErrorCode::Storage, m_path, 0, {}, "invalid schema version"};
    // quick_check reads every page: on a 2,000,000-row project that is the better part of a
    // second, and the workbench opens a connection per thread and per view. Check each file
    // once per process; later damage still surfaces as SQLITE_CORRUPT on the read that meets it.
    if (checkIntegrity && !alreadyChecked(m_path)) {
        Statement check(m_db, "PRAGMA quick_check");
        if (!check.ok() || check.step() != SQLITE_ROW || check.text(0) != "ok")
            return storageError("the project file is damaged (integrity check failed)");
        markChecked(m_path);
    }
    if (m_schemaVersion < SchemaVersion)
        return migrate();
    return Ok{};
}

Status ProjectStore::migrate()
{
    // Every step from the file's version to ours in one transaction: a crash or an error leaves
    // the file exactly as it was, at its old version.
    Transaction tx(m_db);
    if (!tx.begun())
        return storageError("cannot start migrating the project");
    if (m_schemaVersion < 2
        && sqlite3_exec(m_db, SchemaV2, nullptr, nullptr, nullptr) != SQLITE_OK)
        return storageError("cannot migrate the project to schema version 2");
    if (m_schemaVersion < 3
        && sqlite3_exec(m_db, SchemaV3, nullptr, nullptr, nullptr) != SQLITE_OK)
        return storageError("cannot migrate the project to schema version 3");
    if (m_schemaVersion < 4
        && sqlite3_exec(m_db, SchemaV4, nullptr, nullptr, nullptr) != SQLITE_OK)
        return storageError("cannot migrate the project to schema version 4");
    Statement version(m_db, "UPDATE meta SET value = ?1 WHERE key = 'schema_version'");
    version.bind(1, std::to_string(SchemaVersion));
    if (version.step() != SQLITE_DONE)
        return storageError("cannot record the schema version");
    if (!tx.commit())
        return storageError("cannot commit the schema migration");
    m_schemaVersion = SchemaVersion;
    return Ok{};
}

Result<std::string> ProjectStore::projectName()
{
    Statement s(m_db, "SELECT value FROM meta WHERE key = 'name'");
    if (!s.ok())
        return storageError("cannot read the project name");
    if (s.step() == SQLITE_ROW)
        return s.text(0);
    return std::filesystem::path(m_path).stem().string();
}

Status ProjectStore::setProjectName(const std::string &name)
{
    Statement s(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('name', ?1)");
    s.bind(1, name);
    if (s.step() != SQLITE_DONE)
        return storageError("cannot store the project name");
    return Ok{};
}

Result<TableRecord> ProjectStore::importTable(const std::string &name, const std::string &bytes,
                                              const std::string &format)
{
    if (format != "csv" && format != "jsonl")
        return Error{ErrorCode::Invalid, name, 0, {}, "unknown table format '" + format + "'"};
    const std::string sha = Sha256::hex(bytes);
    // Look up inside the write transaction: two processes importing the same bytes at once
    // must both get the one version, not a UNIQUE-constraint error.
    Transaction tx(m_db);
    if (!tx.begun())
        return storageError("cannot start a transaction");
    {
        Statement find(m_db, "SELECT id, name, format, sha256, bytes, imported FROM tables "
                             "WHERE sha256 = ?1");
        find.bind(1, sha);
        if (find.step() == SQLITE_ROW)
            return tableFrom(find);
    }
    Statement ins(m_db, "INSERT INTO tables(sha256, name, format, bytes, content, imported) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    const std::string when = nowUtc();
    ins.bind(1, sha);
    ins.bind(2, name);
    ins.bind(3, format);
    ins.bind(4, std::int64_t(bytes.size()));
    ins.bindBlob(5, bytes);
    ins.bind(6, when);
    if (ins.step() != SQLITE_DONE)
        return storageError("cannot store table '" + name + "'");
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    if (!tx.commit())
        return storageError("cannot commit table '" + name + "'");
    return TableRecord{id, name, format, sha, std::int64_t(bytes.size()), when};
}

Result<TableRecord> ProjectStore::importTableFile(const std::string &path, std::string name)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    if (name.empty())
        name = std::filesystem::path(path).stem().string();
    return importTable(name, *bytes, formatName(formatForPath(path)));
}

Result<std::vector<TableRecord>> ProjectStore::tables()
{
    // The rows of frozen probe sets live in `tables` too, but they are listed with the probe
    // sets: an audit that takes "the newest table" must not pick unscored probes.
    Statement s(m_db, "SELECT id, name, format, sha256, bytes, imported FROM tables "
                      "WHERE id NOT IN (SELECT table_id FROM probe_sets) ORDER BY id");
    if (!s.ok())
        return storageError("cannot list tables");
    std::vector<TableRecord> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        out.push_back(tableFrom(s));
    if (rc != SQLITE_DONE)
        return storageError("cannot list tables");
    return out;
}

Result<TableRecord> ProjectStore::findTable(const std::string &nameOrId)
{
    Statement s(m_db, "SELECT id, name, format, sha256, bytes, imported FROM tables "
                      "WHERE name = ?1 OR CAST(id AS TEXT) = ?1 ORDER BY (name = ?1) DESC, id DESC "
                      "LIMIT 1");
    s.bind(1, nameOrId);
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return tableFrom(s);
    if (rc != SQLITE_DONE)
        return storageError("cannot look up table '" + nameOrId + "'");
    return Error{ErrorCode::Invalid, m_path, 0, {}, "the project has no table '" + nameOrId + "'"};
}

Result<std::string> ProjectStore::tableContent(std::int64_t tableId)
{
    Statement s(m_db, "SELECT content, sha256 FROM tables WHERE id = ?1");
    s.bind(1, tableId);
    if (s.step() != SQLITE_ROW)
        return storageError("cannot read table " + std::to_string(tableId));
    std::string content = s.blob(0);
    // A frozen table must still be what it was when it was frozen.
    if (Sha256::hex(content) != s.text(1))
        return Error{ErrorCode::Storage, m_path, 0, {},
                     "table " + std::to_string(tableId) + " no longer matches its SHA-256"};
    return content;
}

Result<SpecRecord> ProjectStore::saveSpec(const std::string &json)
{
    auto parsed = parseAuditSpecText(json, m_path + " (spec)");
    if (!parsed)
        return parsed.error();
    const std::string sha = Sha256::hex(json);
    Transaction tx(m_db);
    if (!tx.begun())
        return storageError("cannot start a transaction");
    // Saving a spec makes it the current one, also when identical text was saved before (going
    // back to an earlier version must not leave a later one current).
    auto makeCurrent = [&](std::int64_t id) {
        Statement cur(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('current_spec', ?1)");
        cur.bind(1, std::to_string(id));
        return cur.step() == SQLITE_DONE;
    };
    std::optional<SpecRecord> existing;
    {
        Statement find(m_db, "SELECT id, sha256, name, json, created FROM specs WHERE sha256 = ?1");
        find.bind(1, sha);
        if (find.step() == SQLITE_ROW)
            existing = SpecRecord{find.integer(0), find.text(1), find.text(2), find.text(3),
                                  find.text(4)};
    }
    if (existing) {
        if (!makeCurrent(existing->id) || !tx.commit())
            return storageError("cannot make the spec current");
        return *existing;
    }
    Statement ins(m_db, "INSERT INTO specs(sha256, name, json, created) VALUES (?1, ?2, ?3, ?4)");
    const std::string when = nowUtc();
    ins.bind(1, sha);
    ins.bind(2, parsed->name);
    ins.bind(3, json);
    ins.bind(4, when);
    if (ins.step() != SQLITE_DONE)
        return storageError("cannot store the spec");
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    if (!makeCurrent(id) || !tx.commit())
        return storageError("cannot commit the spec");
    return SpecRecord{id, sha, parsed->name, json, when};
}

Result<std::optional<SpecRecord>> ProjectStore::currentSpec()
{
    // The spec saved last (meta current_spec), else the newest.
    Statement s(m_db, "SELECT id, sha256, name, json, created FROM specs ORDER BY "
                      "(CAST(id AS TEXT) = (SELECT value FROM meta WHERE key = 'current_spec')) "
                      "DESC, id DESC LIMIT 1");
    if (!s.ok())
        return storageError("cannot read the spec");
    const int rc = s.step();
    if (rc == SQLITE_ROW)
        return std::optional(SpecRecord{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    if (rc != SQLITE_DONE)
        return storageError("cannot read the spec");
    return std::optional<SpecRecord>();
}

Result<RunRecord> ProjectStore::recordRun(std::int64_t tableId, std::int64_t specId,
                                          const std::optional<std::string> &decision,
                                          const std::string &resultJson)
{
    Transaction tx(m_db);
    Statement ins(m_db, "INSERT INTO runs(table_id, spec_id, created, decision, result_json) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
    const std::string when = nowUtc();
    ins.bind(1, tableId);
    ins.bind(2, specId);
    ins.bind(3, when);
    if (decision)
        ins.bind(4, *decision);
    else
        ins.bindNull(4);
    ins.bind(5, resultJson);
    if (!tx.begun() || ins.step() != SQLITE_DONE)
        return storageError("cannot record the run");
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    if (!tx.commit())
        return storageError("cannot commit the run");
    return RunRecord{id, tableId, specId, when, decision, resultJson};
}

Result<std::vector<RunRecord>> ProjectStore::runs()
{
    Statement s(m_db, "SELECT id, table_id, spec_id, created, decision, result_json FROM runs "
                      "ORDER BY id");
    if (!s.ok())
        return storageError("cannot list runs");
    std::vector<RunRecord> out;
    while (s.step() == SQLITE_ROW) {
        RunRecord r{s.integer(0), s.integer(1), s.integer(2), s.text(3), std::nullopt, s.text(5)};
        if (!s.isNull(4))
            r.decision = s.text(4);
        out.push_back(std::move(r));
    }
    return out;
}

Status ProjectStore::saveCopy(const std::string &path)
{
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        std::filesystem::remove(path, ec);
    Statement s(m_db, "VACUUM INTO ?1");
    s.bind(1, path);
    if (s.step() != SQLITE_DONE)
        return storageError("cannot write a copy to '" + path + "'");
    return Ok{};
}

Result<int> importProjectFolder(ProjectStore &store, const std::string &folder)
{
    namespace fs = std::filesystem;
    const fs::path manifestPath = fs::path(folder) / "project.json";
    auto text = readFileBytes(manifestPath.string());
    if (!text)
        return text.error();
    nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object())
        return Error{ErrorCode::Parse, manifestPath.string(), 0, {}, "not a JSON object"};
    if (!manifest.contains("spec") || !manifest["spec"].is_string())
        return Error{ErrorCode::Schema, manifestPath.string(), 0, "/spec", "required: a file name"};
    if (!manifest.contains("tables") || !manifest["tables"].is_array())
        return Error{ErrorCode::Schema, manifestPath.string(), 0, "/tables", "required: a list"};
    if (manifest.contains("name") && manifest["name"].is_string())
        if (auto s = store.setProjectName(manifest["name"].get<std::string>()); !s)
            return s.error();
    const fs::path specPath = fs::path(folder) / manifest["spec"].get<std::string>();
    auto specText = readFileBytes(specPath.string());
    if (!specText)
        return specText.error();
    if (auto spec = parseAuditSpecText(*specText, specPath.string()); !spec)
        return spec.error();
    if (auto saved = store.saveSpec(*specText); !saved)
        return saved.error();
    int imported = 0;
    for (std::size_t i = 0; i < manifest["tables"].size(); ++i) {
        const auto &t = manifest["tables"][i];
        if (!t.is_object() || !t.contains("file") || !t["file"].is_string())
            return Error{ErrorCode::Schema, manifestPath.string(), 0,
                         "/tables/" + std::to_string(i) + "/file", "required: a file name"};
        const std::string name = t.value("name", std::string());
        if (auto r = store.importTableFile((fs::path(folder) / t["file"].get<std::string>()).string(),
                                           name);
            !r)
            return r.error();
        ++imported;
    }
    return imported;
}

} // namespace cp
