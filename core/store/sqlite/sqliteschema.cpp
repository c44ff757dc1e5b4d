// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The SQLite DDL of each schema step (core/store/schema.h lists what each step is for). The
// text of steps 1 to 4 is what the first releases wrote, verbatim: a file created by any
// version has the same tables as one migrated to it.

#include "sqlitebackend.h"

#include "sqlitequery.h"
#include "sqlitestatement.h"

#include <vector>

namespace cp {

using sqlite::Statement;

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

/// Schema version 5 (issue 12): a table's bytes in numbered chunks of bounded size, no longer
/// one value (SQLite refuses values over 1,000,000,000 bytes: a 1,000,000-family probe set did
/// not fit); the chunk rows are rowid rows so that reads can go straight into place through
/// incremental blob I/O. And the audit cache: one entry per (source, spec, code version), its
/// blob in chunks the same way. The step then moves older content into chunks (below).
constexpr const char *SchemaV5 = R"sql(
CREATE TABLE table_chunks(
    table_id INTEGER NOT NULL REFERENCES tables(id),
    seq INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY(table_id, seq));
CREATE TABLE audit_cache(
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    spec_sha256 TEXT NOT NULL,
    code_version TEXT NOT NULL,
    created TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    UNIQUE(source, spec_sha256, code_version));
CREATE TABLE audit_cache_chunks(
    entry_id INTEGER NOT NULL REFERENCES audit_cache(id),
    seq INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY(entry_id, seq));
)sql";

/// Schema version 6 (issue 13): the vector an embeddings endpoint returned for a task, packed
/// float32 little-endian (core/common/embedding.h); NULL for every other scorer.
constexpr const char *SchemaV6 = R"sql(
ALTER TABLE scores ADD COLUMN embedding BLOB;
)sql";

} // namespace

Status SqliteBackend::applySchemaStep(int version)
{
    static const char *const Steps[] = {SchemaV1, SchemaV2, SchemaV3, SchemaV4, SchemaV5, SchemaV6};
    if (version < 1 || version > int(std::size(Steps)))
        return Error{ErrorCode::Storage, m_path, 0, {},
                     "no schema step " + std::to_string(version) + " in the SQLite backend"};
    std::string message;
    if (!sqlite::exec(m_db, Steps[version - 1], &message))
        return Error{ErrorCode::Storage, m_path, 0, {}, message};
    if (version == 5)
        return moveContentIntoChunks();
    return Ok{};
}

Status SqliteBackend::moveContentIntoChunks()
{
    // Each table's value is read in chunk-sized pieces through incremental blob I/O (a 1 GB
    // value is never in memory at once), stored as chunks, then emptied, so that the next
    // table's chunks reuse its pages; the column goes at the end, when it holds nothing.
    std::vector<std::pair<std::int64_t, std::int64_t>> tables;  // id, bytes
    {
        // length() of a blob reads its header only; a value stored as text is measured in bytes.
        Statement s(m_db, "SELECT id, CASE typeof(content) WHEN 'blob' THEN length(content) "
                          "ELSE length(CAST(content AS BLOB)) END FROM tables ORDER BY id");
        auto all = sqlite::queryAll(*this, s, "cannot read the tables to move",
                                    [](const Statement &r) {
                                        return std::pair(r.integer(0), r.integer(1));
                                    });
        if (!all)
            return all.error();
        tables = std::move(*all);
    }
    const std::size_t chunk = m_options.chunkBytes;
    std::string buffer;
    for (const auto &[id, bytes] : tables) {
        const std::string what = "cannot move the content of table " + std::to_string(id);
        sqlite3_blob *blob = nullptr;
        if (bytes > 0 && sqlite3_blob_open(m_db, "main", "tables", "content", id, 0, &blob)
                             != SQLITE_OK) {
            sqlite3_blob_close(blob);
            return fail(what);
        }
        Statement insert(m_db,
                         "INSERT INTO table_chunks(table_id, seq, content) VALUES (?1, ?2, ?3)");
        std::int64_t seq = 0;
        for (std::int64_t at = 0; at < bytes; at += std::int64_t(buffer.size()), ++seq) {
            buffer.resize(std::size_t(std::min<std::int64_t>(std::int64_t(chunk), bytes - at)));
            if (sqlite3_blob_read(blob, buffer.data(), int(buffer.size()), int(at)) != SQLITE_OK) {
                const Error e = fail(what);
                sqlite3_blob_close(blob);
                return e;
            }
            insert.reset();
            insert.bind(1, id).bind(2, seq).bindBlob(3, buffer);
            if (auto s = sqlite::run(*this, insert, what); !s) {
                sqlite3_blob_close(blob);
                return s;
            }
        }
        sqlite3_blob_close(blob);
        Statement empty(m_db, "UPDATE tables SET content = X'' WHERE id = ?1");
        empty.bind(1, id);
        if (auto s = sqlite::run(*this, empty, what); !s)
            return s;
    }
    std::string message;
    if (!sqlite::exec(m_db, "ALTER TABLE tables DROP COLUMN content", &message))
        return Error{ErrorCode::Storage, m_path, 0, {}, message};
    return Ok{};
}

} // namespace cp
