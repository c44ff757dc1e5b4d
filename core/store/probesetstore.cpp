// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetstore.h"

#include "projectstore.h"
#include "sqlitestatement.h"

#include <core/common/sha256.h>
#include <core/probeset/canonicalcsv.h>
#include <core/probeset/probesetcheck.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace cp {

using store::Statement;
using store::Transaction;

namespace {

constexpr const char *RecordColumns =
    "SELECT id, name, kind, sha256, table_id, spec_json, seed, parent_id, created, families, "
    "variants, layout_json, balance_json, integrity_json FROM probe_sets ";

Result<ProbeSetRecord> recordFrom(ProjectStore &store, const Statement &s)
{
    ProbeSetRecord r;
    r.id = s.integer(0);
    r.name = s.text(1);
    r.kind = s.text(2);
    r.sha256 = s.text(3);
    r.tableId = s.integer(4);
    r.specJson = s.text(5);
    if (!s.isNull(6)) {
        const std::string seed = s.text(6);
        std::uint64_t v = 0;
        const auto [ptr, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), v);
        if (ec != std::errc() || ptr != seed.data() + seed.size())
            return Error{ErrorCode::Storage, store.path(), 0, "seed",
                         "probe set " + std::to_string(r.id) + " has an invalid seed"};
        r.seed = v;
    }
    if (!s.isNull(7))
        r.parentId = s.integer(7);
    r.created = s.text(8);
    r.families = s.integer(9);
    r.variants = s.integer(10);
    const std::string where = store.path() + " (probe set " + std::to_string(r.id) + ")";
    const auto layout = nlohmann::json::parse(s.text(11), nullptr, false);
    const auto balance = nlohmann::json::parse(s.text(12), nullptr, false);
    const auto integrity = nlohmann::json::parse(s.text(13), nullptr, false);
    try {
        auto l = layoutFromJson(layout, where);
        if (!l)
            return l.error();
        r.layout = std::move(*l);
        balance.get_to(r.balance);
        integrity.get_to(r.integrity);
    } catch (const nlohmann::json::exception &e) {
        return Error{ErrorCode::Storage, where, 0, {}, std::string("damaged report: ") + e.what()};
    }
    return r;
}

/// Runs a query expected to give at most one record.
Result<std::optional<ProbeSetRecord>> oneRecord(ProjectStore &store, Statement &s)
{
    const int rc = s.step();
    if (rc == SQLITE_DONE)
        return std::optional<ProbeSetRecord>();
    if (rc != SQLITE_ROW)
        return store.storageError("cannot read the probe sets");
    auto r = recordFrom(store, s);
    if (!r)
        return r.error();
    return std::optional(std::move(*r));
}

} // namespace

nlohmann::json layoutToJson(const ProbeSetLayout &layout)
{
    nlohmann::json follows = nlohmann::json::object();
    for (const auto &[column, protectedColumns] : layout.linkedFollows)
        follows[column] = protectedColumns;
    return {{"family", layout.familyColumn},
            {"variant", layout.variantColumn},
            {"protected", layout.protectedColumns},
            {"linked", layout.linkedColumns},
            {"strata", layout.strataColumns},
            {"linked_follows", std::move(follows)}};
}

Result<ProbeSetLayout> layoutFromJson(const nlohmann::json &json, const std::string &source)
{
    if (!json.is_object())
        return Error{ErrorCode::Schema, source, 0, "/", "a layout is a JSON object"};
    ProbeSetLayout layout;
    try {
        layout.familyColumn = json.value("family", layout.familyColumn);
        layout.variantColumn = json.value("variant", layout.variantColumn);
        layout.protectedColumns = json.at("protected").get<std::vector<std::string>>();
        layout.linkedColumns = json.value("linked", std::vector<std::string>());
        layout.strataColumns = json.value("strata", std::vector<std::string>());
        if (json.contains("linked_follows"))
            for (const auto &[column, follows] : json["linked_follows"].items())
                layout.linkedFollows[column] = follows.get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception &e) {
        return Error{ErrorCode::Schema, source, 0, "layout", e.what()};
    }
    return layout;
}

Result<ProbeSetRecord> freezeProbeSet(ProjectStore &store, const ProbeSetOrigin &origin,
                                      const ProbeSetLayout &layout, std::string_view csv,
                                      const FreezeOptions &options)
{
    const std::string source = options.source.empty() ? origin.name : options.source;
    if (origin.kind != "generated" && origin.kind != "derived" && origin.kind != "imported")
        return Error{ErrorCode::Invalid, source, 0, "kind",
                     "a probe set is 'generated', 'derived' or 'imported', not '" + origin.kind
                         + "'"};
    if (origin.name.empty())
        return Error{ErrorCode::Invalid, source, 0, "name", "a probe set needs a name"};
    auto check = checkProbeSet(csv, layout, source, options.progress);
    if (!check)
        return check.error();
    if (!options.allowDirty && !check->integrity.clean())
        return integrityError(check->integrity, source);
    const std::string_view bytes = check->canonicalBytes(csv);
    const std::string layoutJson = layoutToJson(layout).dump();

    sqlite3 *db = store.connection();
    Transaction tx(db);
    if (!tx.begun())
        return store.storageError("cannot start a transaction");
    {
        Statement find(db, (std::string(RecordColumns) + "WHERE sha256 = ?1").c_str());
        find.bind(1, check->sha256);
        auto existing = oneRecord(store, find);
        if (!existing)
            return existing.error();
        if (*existing) {
            if (!((**existing).layout == layout))
                return Error{ErrorCode::Invalid, source, 0, {},
                             "this content is already frozen as probe set "
                                 + std::to_string((**existing).id) + " ('" + (**existing).name
                                 + "') with a different layout"};
            (**existing).existed = true;
            return std::move(**existing);
        }
    }
    ProbeSetRecord r;
    r.name = origin.name;
    r.kind = origin.kind;
    r.sha256 = check->sha256;
    r.specJson = origin.specJson;
    r.seed = origin.seed;
    r.parentId = origin.parentId;
    r.created = store::nowUtc();
    r.families = check->balance.families;
    r.variants = check->balance.variants;
    r.layout = layout;
    r.balance = std::move(check->balance);
    r.integrity = std::move(check->integrity);
    if (r.parentId) {
        Statement parent(db, "SELECT 1 FROM probe_sets WHERE id = ?1");
        parent.bind(1, *r.parentId);
        if (parent.step() != SQLITE_ROW)
            return Error{ErrorCode::Invalid, source, 0, "parent",
                         "no probe set " + std::to_string(*r.parentId) + " to derive from"};
    } else {
        Statement parent(db, "SELECT id FROM probe_sets WHERE name = ?1 ORDER BY id DESC LIMIT 1");
        parent.bind(1, r.name);
        if (parent.step() == SQLITE_ROW)
            r.parentId = parent.integer(0);
    }
    // The rows: reuse a frozen table with the same bytes, else store them.
    Statement table(db, "SELECT id FROM tables WHERE sha256 = ?1");
    table.bind(1, r.sha256);
    if (table.step() == SQLITE_ROW) {
        r.tableId = table.integer(0);
    } else {
        Statement ins(db, "INSERT INTO tables(sha256, name, format, bytes, content, imported) "
                          "VALUES (?1, ?2, 'csv', ?3, ?4, ?5)");
        ins.bind(1, r.sha256);
        ins.bind(2, r.name);
        ins.bind(3, std::int64_t(bytes.size()));
        ins.bindBlob(4, bytes);
        ins.bind(5, r.created);
        if (ins.step() != SQLITE_DONE)
            return store.storageError("cannot store the rows of probe set '" + r.name + "'");
        r.tableId = sqlite3_last_insert_rowid(db);
    }
    Statement ins(db, "INSERT INTO probe_sets(name, kind, sha256, table_id, spec_json, seed, "
                      "parent_id, created, families, variants, layout_json, balance_json, "
                      "integrity_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                      "?13)");
    ins.bind(1, r.name);
    ins.bind(2, r.kind);
    ins.bind(3, r.sha256);
    ins.bind(4, r.tableId);
    ins.bind(5, r.specJson);
    if (r.seed)
        ins.bind(6, std::to_string(*r.seed));
    else
        ins.bindNull(6);
    if (r.parentId)
        ins.bind(7, *r.parentId);
    else
        ins.bindNull(7);
    ins.bind(8, r.created);
    ins.bind(9, r.families);
    ins.bind(10, r.variants);
    ins.bind(11, layoutJson);
    ins.bind(12, nlohmann::json(r.balance).dump());
    ins.bind(13, nlohmann::json(r.integrity).dump());
    if (ins.step() != SQLITE_DONE)
        return store.storageError("cannot store probe set '" + r.name + "'");
    r.id = sqlite3_last_insert_rowid(db);
    if (!tx.commit())
        return store.storageError("cannot commit probe set '" + r.name + "'");
    return r;
}

Result<ProbeSetRecord> importProbeSetFile(ProjectStore &store, const std::string &path,
                                          const ProbeSetLayout &layout, std::string name,
                                          const FreezeOptions &options)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    if (formatForPath(path) == TableFormat::JsonLines) {
        auto csv = csvFromJsonLines(*bytes, path);
        if (!csv)
            return csv.error();
        // Lines in errors and reports are then those of the CSV form, one row per record: the
        // same as the file's unless it has blank lines.
        *bytes = std::move(*csv);
    }
    ProbeSetOrigin origin;
    origin.kind = "imported";
    origin.name = name.empty() ? std::filesystem::path(path).stem().string() : std::move(name);
    origin.specJson = nlohmann::json{{"imported_from", std::filesystem::path(path).filename()
                                                           .string()},
                                     {"layout", layoutToJson(layout)}}
                          .dump();
    FreezeOptions o = options;
    if (o.source.empty())
        o.source = path;
    return freezeProbeSet(store, origin, layout, *bytes, o);
}

Result<std::vector<ProbeSetRecord>> probeSets(ProjectStore &store)
{
    Statement s(store.connection(), (std::string(RecordColumns) + "ORDER BY id").c_str());
    if (!s.ok())
        return store.storageError("cannot list the probe sets");
    std::vector<ProbeSetRecord> out;
    while (true) {
        auto r = oneRecord(store, s);
        if (!r)
            return r.error();
        if (!*r)
            return out;
        out.push_back(std::move(**r));
    }
}

Result<ProbeSetRecord> findProbeSet(ProjectStore &store, const std::string &nameOrId)
{
    Statement s(store.connection(),
                (std::string(RecordColumns)
                 + "WHERE CAST(id AS TEXT) = ?1 OR name = ?1 "
                   "ORDER BY (CAST(id AS TEXT) = ?1) DESC, id DESC LIMIT 1")
                    .c_str());
    s.bind(1, nameOrId);
    auto r = oneRecord(store, s);
    if (!r)
        return r.error();
    if (!*r)
        return Error{ErrorCode::Invalid, store.path(), 0, {},
                     "the project has no probe set '" + nameOrId + "'"};
    return std::move(**r);
}

Result<std::string> probeSetContent(ProjectStore &store, std::int64_t id)
{
    auto record = findProbeSet(store, std::to_string(id));
    if (!record)
        return record.error();
    auto content = store.tableContent(record->tableId);
    if (!content)
        return content.error();
    if (Sha256::hex(*content) != record->sha256)
        return Error{ErrorCode::Storage, store.path(), 0, {},
                     "probe set " + std::to_string(id) + " no longer matches its SHA-256"};
    return content;
}

Status exportProbeSet(ProjectStore &store, std::int64_t id, const std::string &path)
{
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext != ".csv" && ext != ".jsonl" && ext != ".ndjson")
        return Error{ErrorCode::Invalid, path, 0, {},
                     "export to .csv or .jsonl (found '" + ext + "')"};
    auto content = probeSetContent(store, id);
    if (!content)
        return content.error();
    if (ext != ".csv") {
        auto jsonl = jsonLinesFromCsv(*content, store.path());
        if (!jsonl)
            return jsonl.error();
        *content = std::move(*jsonl);
    }
    std::unique_ptr<FILE, int (*)(FILE *)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!f)
        return Error{ErrorCode::Io, path, 0, {}, "cannot open the file for writing"};
    if (std::fwrite(content->data(), 1, content->size(), f.get()) != content->size()
        || std::fclose(f.release()) != 0)
        return Error{ErrorCode::Io, path, 0, {}, "write error"};
    return Ok{};
}

} // namespace cp
