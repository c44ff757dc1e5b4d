// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "sqlitebackend.h"

#include "sqlitequery.h"
#include "sqlitestatement.h"

#include <core/common/hugepages.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <vector>

namespace cp {

using sqlite::Statement;
using sqlite::queryAll;
using sqlite::queryOne;

namespace {

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

constexpr const char *TableColumns =
    "SELECT id, name, format, sha256, bytes, imported FROM tables ";

TableRecord tableFrom(const Statement &s)
{
    return TableRecord{s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.text(5)};
}

constexpr const char *SpecColumns = "SELECT id, sha256, name, json, created FROM specs ";

SpecRecord specFrom(const Statement &s)
{
    return SpecRecord{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

} // namespace

SqliteBackend::SqliteBackend(std::string path, const StoreOptions &options)
    : m_path(std::move(path)), m_options(options)
{
}

SqliteBackend::~SqliteBackend()
{
    sqlite3_close_v2(m_db);
}

Error SqliteBackend::fail(const std::string &what, const std::string &detail) const
{
    return Error{ErrorCode::Storage, m_path, 0, {}, what + ": " + detail};
}

Error SqliteBackend::fail(const std::string &what, const Statement &statement) const
{
    // A damaged page met by a read (the tables not checked on open, below) says so.
    const int code = statement.failure() & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        return fail("the project file is damaged (" + what + ")", statement.message());
    return fail(what, statement.message());
}

Error SqliteBackend::fail(const std::string &what) const
{
    return fail(what, m_db ? sqlite::messageOf(m_db, sqlite3_errcode(m_db)) : "no database");
}

std::int64_t SqliteBackend::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

Result<std::unique_ptr<SqliteBackend>> SqliteBackend::open(const std::string &path,
                                                           ProjectStore::OpenMode mode,
                                                           const StoreOptions &options)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && mode != ProjectStore::OpenMode::CreateIfMissing)
        return Error{ErrorCode::Io, path, 0, {}, "no such project file"};
    std::unique_ptr<SqliteBackend> backend(new SqliteBackend(path, options));
    const int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE)
                      | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &backend->m_db, flags, nullptr) != SQLITE_OK)
        return backend->fail("cannot open the project");
    sqlite3_busy_timeout(backend->m_db, 5000);
    // Only a file this call creates gets a fresh schema; an existing empty file opened as
    // ExistingOnly is not a project, and must not silently become one.
    const bool mayCreate = !exists || mode == ProjectStore::OpenMode::CreateIfMissing;
    if (auto s = backend->initialise(mayCreate, mode != ProjectStore::OpenMode::ExistingQuick);
        !s)
        return s.error();
    // After the first statements have read the schema, whose SQL text the limit bounds too.
    if (options.maxValueBytes > 0)
        sqlite3_limit(backend->m_db, SQLITE_LIMIT_LENGTH,
                      int(std::min<std::size_t>(options.maxValueBytes, 0x7fffffff)));
    return backend;
}

Status SqliteBackend::initialise(bool mayCreate, bool checkIntegrity)
{
    // The first statement reads the header: a file that is not SQLite fails here, not later.
    std::string message;
    if (!sqlite::exec(m_db, "PRAGMA foreign_keys = ON", &message))
        return fail("not a Counterpart project", message);
    // The probes are finished before the journal mode is set: SQLite refuses to change it (and
    // says nothing through sqlite3_exec's return here) while a statement is still active.
    bool hasMeta = false;
    {
        Statement probe(m_db, "SELECT count(*) FROM sqlite_master "
                              "WHERE type = 'table' AND name = 'meta'");
        if (probe.step() != SQLITE_ROW)
            return fail("not a Counterpart project (the file is not a readable SQLite database)",
                        probe);
        hasMeta = probe.integer(0) > 0;
    }
    if (!hasMeta) {
        std::int64_t objects = 0;
        {
            Statement any(m_db, "SELECT count(*) FROM sqlite_master");
            if (any.step() != SQLITE_ROW)
                return fail("not a Counterpart project", any);
            objects = any.integer(0);
        }
        if (objects > 0)
            return Error{ErrorCode::Storage, m_path, 0, {},
                         "not a Counterpart project (an SQLite file without Counterpart tables)"};
        if (!mayCreate)
            return Error{ErrorCode::Storage, m_path, 0, {},
                         "not a Counterpart project (the file is empty)"};
        m_empty = true;
    }
    // In WAL mode NORMAL keeps every committed transaction through a crash or kill of the
    // process (only a power loss can take the last ones); FULL would fsync every commit, which
    // made batched scoring wait on the disk. After a checkpoint the WAL is cut back to 64 MB,
    // so freezing a 5 GB probe set does not leave a 5 GB WAL file behind.
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                               "PRAGMA journal_size_limit = 67108864"})
        if (!sqlite::exec(m_db, pragma, &message))
            return fail("cannot set up the project file", message);
    if (m_empty)
        return Ok{};
    // quick_check of the whole file reads every page: 3 s on a 1,000,000-family project whose
    // pages are cached, 22 s when they are not, before anything could be shown. So each table
    // is checked on its own, except the two that hold bytes in chunks and the scores: chunks
    // are checked against their SHA-256 on every read, a run's scores are read whole by every
    // read of the run (checking 5,000,000 of them first took 0.8 s of each command), and a
    // damaged page of theirs surfaces as SQLITE_CORRUPT on the read that meets it ("the
    // project file is damaged", fail() below). Each file is checked once per process (the
    // workbench opens a connection per thread and per view).
    if (checkIntegrity && !alreadyChecked(m_path)) {
        std::vector<std::string> names;
        {
            Statement list(m_db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                 "NOT IN ('table_chunks', 'audit_cache_chunks', 'scores') ORDER BY name");
            int rc;
            while ((rc = list.step()) == SQLITE_ROW)
                names.push_back(list.text(0));
            if (rc != SQLITE_DONE)
                return fail("the project file is damaged (integrity check failed)", list);
        }
        for (const std::string &name : names) {
            std::string quoted = "\"";
            for (char c : name)
                quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            Statement check(m_db, "PRAGMA quick_check(" + quoted + "\")");
            const int rc = check.step();
            if (rc == SQLITE_ROW && check.text(0) == "ok")
                continue;
            // quick_check answers with rows that say what is wrong: those are the result, not
            // the step's code text ("another row available").
            std::string found;
            for (int row = rc; row == SQLITE_ROW && found.size() < 400; row = check.step())
                found += (found.empty() ? "" : "; ") + check.text(0);
            return fail("the project file is damaged (integrity check of " + name + " failed)",
                        rc == SQLITE_ROW ? found : check.message());
        }
        markChecked(m_path);
    }
    return Ok{};
}

Status SqliteBackend::begin()
{
    std::string message;
    if (!sqlite::exec(m_db, "BEGIN IMMEDIATE", &message))
        return fail("cannot start a transaction", message);
    return Ok{};
}

Status SqliteBackend::commit()
{
    std::string message;
    if (!sqlite::exec(m_db, "COMMIT", &message))
        return fail("cannot commit", message);
    return Ok{};
}

void SqliteBackend::rollback()
{
    if (!sqlite3_get_autocommit(m_db))
        sqlite::exec(m_db, "ROLLBACK");
}

Result<int> SqliteBackend::storedSchemaVersion()
{
    if (m_empty)
        return 0;
    Statement s(m_db, "SELECT value FROM meta WHERE key = 'schema_version'");
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return Error{ErrorCode::Storage, m_path, 0, {}, "the project has no schema version"};
    if (rc != SQLITE_ROW)
        return fail("cannot read the schema version", s);
    const std::string text = s.text(0);
    char *end = nullptr;
    const long version = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || version < 1 || version > 1000000)
        return Error{ErrorCode::Storage, m_path, 0, {},
                     "invalid schema version '" + text + "'"};
    return int(version);
}

Status SqliteBackend::recordSchemaVersion(int version, bool created)
{
    if (created) {
        Statement meta(m_db, "INSERT INTO meta(key, value) VALUES ('schema_version', ?1), "
                             "('created', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), "
                             "('application', 'Counterpart')");
        meta.bind(1, std::to_string(version));
        if (auto s = sqlite::run(*this, meta, "cannot record the schema version"); !s)
            return s;
    } else {
        Statement meta(m_db, "UPDATE meta SET value = ?1 WHERE key = 'schema_version'");
        meta.bind(1, std::to_string(version));
        if (auto s = sqlite::run(*this, meta, "cannot record the schema version"); !s)
            return s;
    }
    m_empty = false;
    return Ok{};
}

Status SqliteBackend::saveCopy(const std::string &path)
{
    Statement s(m_db, "VACUUM INTO ?1");
    s.bind(1, path);
    return sqlite::run(*this, s, "cannot write a copy to '" + path + "'");
}

Result<std::optional<std::string>> SqliteBackend::setting(const std::string &key)
{
    Statement s(m_db, "SELECT value FROM meta WHERE key = ?1");
    s.bind(1, key);
    return queryOne(*this, s, "cannot read the project setting '" + key + "'",
                    [](const Statement &r) { return r.text(0); });
}

Status SqliteBackend::setSetting(const std::string &key, const std::string &value)
{
    Statement s(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
    s.bind(1, key).bind(2, value);
    return sqlite::run(*this, s, "cannot store the project setting '" + key + "'");
}

Result<std::optional<TableRecord>> SqliteBackend::tableById(std::int64_t id)
{
    Statement s(m_db, std::string(TableColumns) + "WHERE id = ?1");
    s.bind(1, id);
    return queryOne(*this, s, "cannot read table " + std::to_string(id), tableFrom);
}

Result<std::optional<TableRecord>> SqliteBackend::tableBySha(const std::string &sha256)
{
    Statement s(m_db, std::string(TableColumns) + "WHERE sha256 = ?1");
    s.bind(1, sha256);
    return queryOne(*this, s, "cannot look up a table by its SHA-256", tableFrom);
}

Result<std::optional<TableRecord>> SqliteBackend::findTable(const std::string &nameOrId)
{
    Statement s(m_db, std::string(TableColumns)
                          + "WHERE name = ?1 OR CAST(id AS TEXT) = ?1 "
                            "ORDER BY (CAST(id AS TEXT) = ?1) DESC, id DESC LIMIT 1");
    s.bind(1, nameOrId);
    return queryOne(*this, s, "cannot look up a table", tableFrom);
}

Result<std::vector<TableRecord>> SqliteBackend::tables()
{
    // The rows of frozen probe sets live in `tables` too, but they are listed with the probe
    // sets: an audit that takes "the newest table" must not pick unscored probes.
    Statement s(m_db, std::string(TableColumns)
                          + "WHERE id NOT IN (SELECT table_id FROM probe_sets) ORDER BY id");
    return queryAll(*this, s, "cannot list tables", tableFrom);
}

Result<std::int64_t> SqliteBackend::createTable(const std::string &name, const std::string &format,
                                                const std::string &imported)
{
    // Until sealTable names it, the table carries a unique placeholder in its sha256 column.
    Statement s(m_db, "INSERT INTO tables(sha256, name, format, bytes, imported) "
                      "VALUES ('pending:' || hex(randomblob(16)), ?1, ?2, 0, ?3)");
    s.bind(1, name).bind(2, format).bind(3, imported);
    if (auto r = sqlite::run(*this, s, "cannot store table '" + name + "'"); !r)
        return r.error();
    return lastInsertId();
}

Status SqliteBackend::appendTableChunk(std::int64_t tableId, std::int64_t seq,
                                       std::string_view bytes)
{
    Statement s(m_db, "INSERT INTO table_chunks(table_id, seq, content) VALUES (?1, ?2, ?3)");
    s.bind(1, tableId).bind(2, seq).bindBlob(3, bytes);
    return sqlite::run(*this, s, "cannot store chunk " + std::to_string(seq) + " ("
                                     + std::to_string(bytes.size()) + " bytes) of table "
                                     + std::to_string(tableId));
}

Status SqliteBackend::sealTable(std::int64_t tableId, const std::string &sha256,
                                std::int64_t bytes)
{
    Statement s(m_db, "UPDATE tables SET sha256 = ?2, bytes = ?3 WHERE id = ?1");
    s.bind(1, tableId).bind(2, sha256).bind(3, bytes);
    if (auto r = sqlite::run(*this, s, "cannot seal table " + std::to_string(tableId)); !r)
        return r;
    if (sqlite3_changes(m_db) != 1)
        return fail("cannot seal table " + std::to_string(tableId), "no such table");
    return Ok{};
}

Status SqliteBackend::deleteTable(std::int64_t tableId)
{
    Statement chunks(m_db, "DELETE FROM table_chunks WHERE table_id = ?1");
    chunks.bind(1, tableId);
    if (auto s = sqlite::run(*this, chunks, "cannot remove table " + std::to_string(tableId)); !s)
        return s;
    Statement table(m_db, "DELETE FROM tables WHERE id = ?1");
    table.bind(1, tableId);
    return sqlite::run(*this, table, "cannot remove table " + std::to_string(tableId));
}

namespace {

/// Reads the chunks of one owner (a table, a cache entry) straight into out, through incremental
/// blob I/O: no chunk is copied twice, and none is materialised by SQLite first. The buffer is
/// sized once, from the chunks' lengths (`bytes`, the size recorded, is only checked by callers).
Status readChunks(const SqliteBackend &backend, sqlite3 *db, const char *table,
                  const char *ownerColumn, std::int64_t owner, std::string &out,
                  const std::string &what,
                  const std::function<bool(std::size_t, std::size_t)> &filled = {})
{
    std::vector<std::pair<std::int64_t, std::int64_t>> chunks;  // rowid, length
    {
        Statement s(db, std::string("SELECT rowid, length(content) FROM ") + table + " WHERE "
                            + ownerColumn + " = ?1 ORDER BY seq");
        s.bind(1, owner);
        auto all = queryAll(backend, s, what, [](const Statement &r) {
            return std::pair(r.integer(0), r.integer(1));
        });
        if (!all)
            return all.error();
        chunks = std::move(*all);
    }
    std::int64_t total = 0;
    for (const auto &c : chunks)
        total += c.second;
    out.clear();
    out.reserve(std::size_t(total));
    adviseHugePages(out.data(), std::size_t(total));
    out.resize(std::size_t(total));
    std::int64_t at = 0;
    sqlite3_blob *blob = nullptr;
    for (const auto &[rowid, size] : chunks) {
        const int opened = blob ? sqlite3_blob_reopen(blob, rowid)
                                : sqlite3_blob_open(db, "main", table, "content", rowid, 0, &blob);
        if (opened != SQLITE_OK
            || sqlite3_blob_read(blob, out.data() + at, int(size), 0) != SQLITE_OK) {
            const std::string message = sqlite::messageOf(db, sqlite3_errcode(db));
            sqlite3_blob_close(blob);
            return backend.fail(what, message);
        }
        at += size;
        if (filled && !filled(std::size_t(at), std::size_t(total))) {
            sqlite3_blob_close(blob);
            return Error{ErrorCode::Cancelled, backend.where(), 0, {}, what + ": cancelled"};
        }
    }
    if (blob)
        sqlite3_blob_close(blob);
    return Ok{};
}

} // namespace

Status SqliteBackend::readTableContent(
    std::int64_t tableId, std::int64_t, std::string &out,
    const std::function<bool(std::size_t done, std::size_t total)> &filled)
{
    return readChunks(*this, m_db, "table_chunks", "table_id", tableId, out,
                      "cannot read table " + std::to_string(tableId), filled);
}

Status SqliteBackend::visitTableContent(std::int64_t tableId, const ChunkVisitor &visit)
{
    Statement s(m_db, "SELECT content FROM table_chunks WHERE table_id = ?1 ORDER BY seq");
    s.bind(1, tableId);
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        if (auto v = visit(s.blob(0)); !v)
            return v;
    if (rc != SQLITE_DONE)
        return fail("cannot read table " + std::to_string(tableId), s);
    return Ok{};
}

Result<std::optional<SpecRecord>> SqliteBackend::specById(std::int64_t id)
{
    Statement s(m_db, std::string(SpecColumns) + "WHERE id = ?1");
    s.bind(1, id);
    return queryOne(*this, s, "cannot read the spec", specFrom);
}

Result<std::optional<SpecRecord>> SqliteBackend::specBySha(const std::string &sha256)
{
    Statement s(m_db, std::string(SpecColumns) + "WHERE sha256 = ?1");
    s.bind(1, sha256);
    return queryOne(*this, s, "cannot read the spec", specFrom);
}

Result<std::optional<SpecRecord>> SqliteBackend::newestSpec()
{
    Statement s(m_db, std::string(SpecColumns) + "ORDER BY id DESC LIMIT 1");
    return queryOne(*this, s, "cannot read the spec", specFrom);
}

Result<std::int64_t> SqliteBackend::insertSpec(const SpecRecord &spec)
{
    Statement s(m_db, "INSERT INTO specs(sha256, name, json, created) VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, spec.sha256).bind(2, spec.name).bind(3, spec.json).bind(4, spec.created);
    if (auto r = sqlite::run(*this, s, "cannot store the spec"); !r)
        return r.error();
    return lastInsertId();
}

Result<std::int64_t> SqliteBackend::insertRun(const RunRecord &run)
{
    Statement s(m_db, "INSERT INTO runs(table_id, spec_id, created, decision, result_json) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, run.tableId).bind(2, run.specId).bind(3, run.created).bind(4, run.decision);
    s.bind(5, run.resultJson);
    if (auto r = sqlite::run(*this, s, "cannot record the run"); !r)
        return r.error();
    return lastInsertId();
}

Result<std::vector<RunRecord>> SqliteBackend::runs()
{
    Statement s(m_db, "SELECT id, table_id, spec_id, created, decision, result_json FROM runs "
                      "ORDER BY id");
    return queryAll(*this, s, "cannot list runs", [](const Statement &r) {
        return RunRecord{r.integer(0), r.integer(1), r.integer(2), r.text(3), r.optionalText(4),
                         r.text(5)};
    });
}

Result<std::int64_t> SqliteBackend::createAuditCacheEntry(const AuditCacheKey &key,
                                                          const std::string &created,
                                                          const std::string &sha256,
                                                          std::int64_t bytes)
{
    const std::string what = "cannot store the cached audit of " + key.source;
    constexpr const char *Match =
        "(SELECT id FROM audit_cache WHERE source = ?1 AND spec_sha256 = ?2 AND code_version = ?3)";
    Statement chunks(m_db,
                     std::string("DELETE FROM audit_cache_chunks WHERE entry_id IN ") + Match);
    chunks.bind(1, key.source).bind(2, key.specSha256).bind(3, key.codeVersion);
    if (auto s = sqlite::run(*this, chunks, what); !s)
        return s.error();
    Statement entry(m_db, "DELETE FROM audit_cache WHERE source = ?1 AND spec_sha256 = ?2 "
                          "AND code_version = ?3");
    entry.bind(1, key.source).bind(2, key.specSha256).bind(3, key.codeVersion);
    if (auto s = sqlite::run(*this, entry, what); !s)
        return s.error();
    Statement insert(m_db, "INSERT INTO audit_cache(source, spec_sha256, code_version, created, "
                           "sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, key.source).bind(2, key.specSha256).bind(3, key.codeVersion);
    insert.bind(4, created).bind(5, sha256).bind(6, bytes);
    if (auto s = sqlite::run(*this, insert, what); !s)
        return s.error();
    return lastInsertId();
}

Status SqliteBackend::appendAuditCacheChunk(std::int64_t entryId, std::int64_t seq,
                                            std::string_view bytes)
{
    Statement s(m_db,
                "INSERT INTO audit_cache_chunks(entry_id, seq, content) VALUES (?1, ?2, ?3)");
    s.bind(1, entryId).bind(2, seq).bindBlob(3, bytes);
    return sqlite::run(*this, s, "cannot store chunk " + std::to_string(seq)
                                     + " of a cached audit");
}

Result<std::optional<AuditCacheEntry>> SqliteBackend::auditCacheEntry(const AuditCacheKey &key)
{
    const std::string what = "cannot read the cached audit of " + key.source;
    Statement s(m_db, "SELECT id, created, sha256 FROM audit_cache WHERE source = ?1 "
                      "AND spec_sha256 = ?2 AND code_version = ?3");
    s.bind(1, key.source).bind(2, key.specSha256).bind(3, key.codeVersion);
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<AuditCacheEntry>();
    if (rc != SQLITE_ROW)
        return fail(what, s);
    AuditCacheEntry entry{key, s.text(1), s.text(2), {}};
    const std::int64_t id = s.integer(0);
    if (auto r = readChunks(*this, m_db, "audit_cache_chunks", "entry_id", id, entry.blob, what);
        !r)
        return r.error();
    return std::optional(std::move(entry));
}

Result<std::int64_t> SqliteBackend::deleteAuditCache(const std::string &source)
{
    const std::string what = "cannot remove cached audits";
    const std::string where = source.empty() ? "" : " WHERE source = ?1";
    Statement chunks(m_db, "DELETE FROM audit_cache_chunks WHERE entry_id IN (SELECT id FROM "
                           "audit_cache" + where + ")");
    if (!source.empty())
        chunks.bind(1, source);
    if (auto s = sqlite::run(*this, chunks, what); !s)
        return s.error();
    Statement entries(m_db, "DELETE FROM audit_cache" + where);
    if (!source.empty())
        entries.bind(1, source);
    if (auto s = sqlite::run(*this, entries, what); !s)
        return s.error();
    return std::int64_t(sqlite3_changes(m_db));
}

} // namespace cp
