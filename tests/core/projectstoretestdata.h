// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A project file of schema version 4 (the last with a table's bytes in one value), for
// tst_projectstore's migration tests: the DDL of steps 1 to 4 verbatim from the releases that
// wrote it, written with the sqlite3 C API behind the store's back.

#include <sqlite3.h>

#include <QString>

#include <string>
#include <vector>

namespace projectstoretest {

inline constexpr const char *SchemaV4 = R"sql(
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

struct V4Table {
    std::string name;
    std::string bytes;
    std::string sha256;
};

/// Writes a v4 project holding these tables (content in tables.content), a probe set on the
/// first, a spec and a review label on it. False on any SQLite error.
inline bool writeV4Project(const QString &path, const std::vector<V4Table> &tables)
{
    sqlite3 *db = nullptr;
    bool good = sqlite3_open_v2(path.toUtf8().constData(), &db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
                == SQLITE_OK;
    good = good && sqlite3_exec(db, SchemaV4, nullptr, nullptr, nullptr) == SQLITE_OK;
    good = good
           && sqlite3_exec(db,
                           "INSERT INTO meta VALUES ('schema_version', '4'), "
                           "('created', '2026-01-02T03:04:05Z'), ('application', 'Counterpart'), "
                           "('name', 'version four');"
                           "INSERT INTO specs VALUES (1, 'aaaa', 'old spec', "
                           "'{\"name\": \"old spec\"}', '2026-01-02T03:04:05Z');",
                           nullptr, nullptr, nullptr)
                  == SQLITE_OK;
    sqlite3_stmt *insert = nullptr;
    good = good
           && sqlite3_prepare_v2(db, "INSERT INTO tables(id, sha256, name, format, bytes, "
                                     "content, imported) VALUES (?1, ?2, ?3, 'csv', ?4, ?5, "
                                     "'2026-01-02T03:04:05Z')",
                                 -1, &insert, nullptr)
                  == SQLITE_OK;
    for (std::size_t i = 0; good && i < tables.size(); ++i) {
        const V4Table &t = tables[i];
        good = sqlite3_bind_int64(insert, 1, sqlite3_int64(i + 1)) == SQLITE_OK
               && sqlite3_bind_text(insert, 2, t.sha256.c_str(), -1, SQLITE_TRANSIENT) == SQLITE_OK
               && sqlite3_bind_text(insert, 3, t.name.c_str(), -1, SQLITE_TRANSIENT) == SQLITE_OK
               && sqlite3_bind_int64(insert, 4, sqlite3_int64(t.bytes.size())) == SQLITE_OK
               && sqlite3_bind_blob64(insert, 5, t.bytes.data(), t.bytes.size(), SQLITE_STATIC)
                      == SQLITE_OK
               && sqlite3_step(insert) == SQLITE_DONE;
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (good && !tables.empty())
        good = sqlite3_exec(db,
                            "INSERT INTO probe_sets VALUES (1, 'old set', 'imported', "
                            "(SELECT sha256 FROM tables WHERE id = 1), 1, '{}', NULL, NULL, "
                            "'2026-01-02T03:04:05Z', 1, 2, '{\"protected\": [\"g\"]}', '{}', '{}');"
                            "INSERT INTO review_labels VALUES (1, 'f1', 'ana', 'reviewer', "
                            "'equivalent', NULL, '', '2026-01-02T03:04:05Z', 'local');",
                            nullptr, nullptr, nullptr)
               == SQLITE_OK;
    sqlite3_close(db);
    return good;
}

} // namespace projectstoretest
