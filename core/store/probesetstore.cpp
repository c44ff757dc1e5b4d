// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "probesetstore.h"

#include "projectstore.h"
#include "scorestore.h"
#include "storeclock.h"
#include "storetransaction.h"
#include "tablewriter.h"

#include <core/common/jsontext.h>
#include <core/probeset/canonicalcsv.h>
#include <core/probeset/probesetcheck.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace cp {

namespace {

Result<ProbeSetRecord> recordFrom(const ProjectStore &store, const StoredProbeSet &s)
{
    ProbeSetRecord r;
    r.id = s.id;
    r.name = s.name;
    r.kind = s.kind;
    r.sha256 = s.sha256;
    r.tableId = s.tableId;
    r.specJson = s.specJson;
    if (s.seed) {
        const std::string &seed = *s.seed;
        std::uint64_t v = 0;
        const auto [ptr, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), v);
        if (ec != std::errc() || ptr != seed.data() + seed.size())
            return Error{ErrorCode::Storage, store.path(), 0, "seed",
                         "probe set " + std::to_string(r.id) + " has an invalid seed"};
        r.seed = v;
    }
    r.parentId = s.parentId;
    r.created = s.created;
    r.families = s.families;
    r.variants = s.variants;
    const std::string where = store.path() + " (probe set " + std::to_string(r.id) + ")";
    const auto layout = nlohmann::json::parse(s.layoutJson, nullptr, false);
    const auto balance = nlohmann::json::parse(s.balanceJson, nullptr, false);
    const auto integrity = nlohmann::json::parse(s.integrityJson, nullptr, false);
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

Result<std::optional<ProbeSetRecord>> recordFrom(const ProjectStore &store,
                                                 Result<std::optional<StoredProbeSet>> stored)
{
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::optional<ProbeSetRecord>();
    auto r = recordFrom(store, **stored);
    if (!r)
        return r.error();
    return std::optional(std::move(*r));
}

Status checkOrigin(const ProbeSetOrigin &origin, const std::string &source)
{
    if (origin.kind != "generated" && origin.kind != "derived" && origin.kind != "imported")
        return Error{ErrorCode::Invalid, source, 0, "kind",
                     "a probe set is 'generated', 'derived' or 'imported', not '" + origin.kind
                         + "'"};
    if (const std::string problem = recordNameProblem(origin.name, "probe set"); !problem.empty())
        return Error{ErrorCode::Invalid, source, 0, "name", problem};
    return Ok{};
}

/// The rules of freezing, once for both paths, inside the caller's transaction: content already
/// frozen returns that version (existed, or an error when its layout differs); else the parent
/// is resolved, `storeRows` gives the table holding the canonical bytes, and the version is
/// inserted. The caller commits unless the version existed.
Result<ProbeSetRecord> freezeVersion(ProjectStore &store, const ProbeSetOrigin &origin,
                                     const ProbeSetLayout &layout, ProbeSetCheck &check,
                                     const std::string &source,
                                     const std::function<Result<std::int64_t>()> &storeRows)
{
    StoreBackend &backend = store.backend();
    auto existing = recordFrom(store, backend.probeSetBySha(check.sha256));
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
    ProbeSetRecord r;
    r.name = origin.name;
    r.kind = origin.kind;
    r.sha256 = check.sha256;
    r.specJson = origin.specJson;
    r.seed = origin.seed;
    r.parentId = origin.parentId;
    r.created = nowUtc();
    r.families = check.balance.families;
    r.variants = check.balance.variants;
    r.layout = layout;
    r.balance = std::move(check.balance);
    r.integrity = std::move(check.integrity);
    if (r.parentId) {
        auto parent = backend.probeSetById(*r.parentId);
        if (!parent)
            return parent.error();
        if (!*parent)
            return Error{ErrorCode::Invalid, source, 0, "parent",
                         "no probe set " + std::to_string(*r.parentId) + " to derive from"};
    } else {
        // Without an explicit parent, the newest version with the same name.
        auto parent = backend.newestProbeSet(r.name);
        if (!parent)
            return parent.error();
        if (*parent)
            r.parentId = (*parent)->id;
    }
    auto tableId = storeRows();
    if (!tableId)
        return tableId.error();
    r.tableId = *tableId;
    StoredProbeSet stored;
    stored.name = r.name;
    stored.kind = r.kind;
    stored.sha256 = r.sha256;
    stored.tableId = r.tableId;
    stored.specJson = r.specJson;
    if (r.seed)
        stored.seed = std::to_string(*r.seed);
    stored.parentId = r.parentId;
    stored.created = r.created;
    stored.families = r.families;
    stored.variants = r.variants;
    stored.layoutJson = jsontext::dump(layoutToJson(layout));
    stored.balanceJson = jsontext::dump(nlohmann::json(r.balance));
    stored.integrityJson = jsontext::dump(nlohmann::json(r.integrity));
    auto id = backend.insertProbeSet(stored);
    if (!id)
        return id.error();
    r.id = *id;
    return r;
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
    if (auto s = checkOrigin(origin, source); !s)
        return s.error();
    auto check = checkProbeSet(csv, layout, source, options.progress);
    if (!check)
        return check.error();
    if (!options.allowDirty && !check->integrity.clean())
        return integrityError(check->integrity, source);
    const std::string_view bytes = check->canonicalBytes(csv);

    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    auto r = freezeVersion(store, origin, layout, *check, source, [&]() -> Result<std::int64_t> {
        // The rows: reuse a frozen table with the same bytes, else store them.
        auto same = store.backend().tableBySha(check->sha256);
        if (!same)
            return same.error();
        if (*same)
            return (*same)->id;
        auto writer = TableWriter::create(store, origin.name, "csv");
        if (!writer)
            return writer.error();
        if (auto s = writer->write(bytes); !s)
            return s.error();
        auto table = writer->finish(check->sha256);
        if (!table)
            return table.error();
        return table->id;
    });
    if (!r)
        return r.error();
    if (!r->existed)
        if (auto s = tx.commit(); !s)
            return s.error();
    return r;
}

Result<ProbeSetRecord> freezeProbeSetStream(ProjectStore &store, const ProbeSetOrigin &origin,
                                            const ProbeSetLayout &layout,
                                            const CsvProducer &produce,
                                            const FreezeOptions &options)
{
    const std::string source = options.source.empty() ? origin.name : options.source;
    if (auto s = checkOrigin(origin, source); !s)
        return s.error();
    // Everything in one transaction: the rows are stored while they are checked, and a
    // failure, a refusal or a crash before the commit leaves none of them.
    StoreTransaction tx(store);
    if (!tx.begun())
        return tx.begun().error();
    auto writer = TableWriter::create(store, origin.name, "csv");
    if (!writer)
        return writer.error();
    ProbeSetStreamCheck checker(
        layout, source, [&](std::string_view canonical) { return writer->write(canonical); },
        options.progress);
    if (auto s = produce([&](std::string_view records) { return checker.feed(records); }); !s)
        return s.error();
    auto check = checker.finish();
    if (!check)
        return check.error();
    if (!options.allowDirty && !check->integrity.clean())
        return integrityError(check->integrity, source);
    auto r = freezeVersion(store, origin, layout, *check, source, [&]() -> Result<std::int64_t> {
        auto table = writer->finish(check->sha256);
        if (!table)
            return table.error();
        return table->id;
    });
    if (!r)
        return r.error();
    if (!r->existed)
        if (auto s = tx.commit(); !s)
            return s.error();
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
    origin.specJson = jsontext::dump(
        nlohmann::json{{"imported_from", std::filesystem::path(path).filename().string()},
                       {"layout", layoutToJson(layout)}});
    FreezeOptions o = options;
    if (o.source.empty())
        o.source = path;
    return freezeProbeSet(store, origin, layout, *bytes, o);
}

Result<std::vector<ProbeSetRecord>> probeSets(ProjectStore &store)
{
    auto stored = store.backend().probeSets();
    if (!stored)
        return stored.error();
    std::vector<ProbeSetRecord> out;
    out.reserve(stored->size());
    for (const StoredProbeSet &s : *stored) {
        auto r = recordFrom(store, s);
        if (!r)
            return r.error();
        out.push_back(std::move(*r));
    }
    return out;
}

Result<ProbeSetRecord> findProbeSet(ProjectStore &store, const std::string &nameOrId)
{
    auto r = recordFrom(store, store.backend().findProbeSet(nameOrId));
    if (!r)
        return r.error();
    if (!*r)
        return Error{ErrorCode::Invalid, store.path(), 0, {},
                     "the project has no probe set '" + nameOrId + "'"};
    return std::move(**r);
}

Result<RunAndProbeSet> findRunAndProbeSet(ProjectStore &store, std::int64_t runId)
{
    auto run = findScoreRun(store, runId);
    if (!run)
        return run.error();
    auto set = findProbeSet(store, std::to_string(run->probeSetId));
    if (!set)
        return set.error();
    return RunAndProbeSet{std::move(*run), std::move(*set)};
}

namespace {

/// The version's table, when it holds the version's bytes (the table's own SHA-256 is checked
/// as it is read).
Result<std::int64_t> contentTable(ProjectStore &store, std::int64_t id)
{
    auto record = recordFrom(store, store.backend().probeSetById(id));
    if (!record)
        return record.error();
    if (!*record)
        return Error{ErrorCode::Invalid, store.path(), 0, {},
                     "the project has no probe set '" + std::to_string(id) + "'"};
    auto table = store.backend().tableById((*record)->tableId);
    if (!table)
        return table.error();
    if (!*table || (*table)->sha256 != (*record)->sha256)
        return Error{ErrorCode::Storage, store.path(), 0, {},
                     "probe set " + std::to_string(id) + " no longer matches its SHA-256"};
    return (*record)->tableId;
}

} // namespace

Result<std::string> probeSetContent(ProjectStore &store, std::int64_t id)
{
    auto table = contentTable(store, id);
    if (!table)
        return table.error();
    return store.tableContent(*table);
}

Status visitProbeSetContent(ProjectStore &store, std::int64_t id, const ChunkVisitor &visit)
{
    auto table = contentTable(store, id);
    if (!table)
        return table.error();
    return store.visitTableContent(*table, visit);
}

Status exportProbeSet(ProjectStore &store, std::int64_t id, const std::string &path)
{
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext != ".csv" && ext != ".jsonl" && ext != ".ndjson")
        return Error{ErrorCode::Invalid, path, 0, {},
                     "export to .csv or .jsonl (found '" + ext + "')"};
    // Written beside the target and renamed when complete and checked: a failed export leaves
    // no file that looks like a probe set.
    const std::string partial = path + ".partial";
    std::unique_ptr<FILE, int (*)(FILE *)> f(std::fopen(partial.c_str(), "wb"), &std::fclose);
    if (!f)
        return Error{ErrorCode::Io, path, 0, {}, "cannot open the file for writing"};
    const auto write = [&](std::string_view bytes) -> Status {
        if (std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size())
            return Error{ErrorCode::Io, path, 0, {}, "write error"};
        return Ok{};
    };
    Status written = Ok{};
    if (ext == ".csv") {
        written = visitProbeSetContent(store, id, write);
    } else {
        auto content = probeSetContent(store, id);
        auto jsonl = content ? jsonLinesFromCsv(*content, store.path())
                             : Result<std::string>(content.error());
        written = jsonl ? write(*jsonl) : Status(jsonl.error());
    }
    const bool closed = std::fclose(f.release()) == 0;
    std::error_code ec;
    if (!written || !closed) {
        std::filesystem::remove(partial, ec);
        return written ? Status(Error{ErrorCode::Io, path, 0, {}, "write error"}) : written;
    }
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        return Error{ErrorCode::Io, path, 0, {}, "cannot write the file: " + ec.message()};
    }
    return Ok{};
}

} // namespace cp
