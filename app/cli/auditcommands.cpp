// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The audit and project commands: audit, init, import, spec, tables, runs.

#include "commands.h"

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/workflow/runaudit.h>
#include <core/workflow/projectaudit.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace cli {

namespace {

int emit(const cp::AuditResult &result, const Args &args)
{
    const std::string jsonOut = args.get("--json");
    const bool quiet = args.flag("--quiet") || jsonOut == "-";
    if (!quiet)
        std::cout << cp::auditSummary(result);
    if (!jsonOut.empty()) {
        const std::string doc = cp::auditToJson(result).dump(2) + "\n";
        if (jsonOut == "-") {
            std::cout << doc;
        } else {
            std::ofstream f(jsonOut, std::ios::binary);
            f << doc;
            if (!f)
                return fail(cp::Error{cp::ErrorCode::Io, jsonOut, 0, {}, "cannot write the JSON report"});
        }
    }
    std::cout.flush();
    if (result.decision && *result.decision == cp::Decision::Blocked)
        return ExitBlocked;
    return ExitOk;
}

/// Opens a project file, or imports a sample folder into a scratch project.
cp::Result<std::unique_ptr<cp::ProjectStore>> openProject(const std::string &path,
                                                          std::string &scratch)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        scratch = (fs::temp_directory_path() / ("counterpart-cli-" + std::to_string(::getpid())
                                                + ".counterpart"))
                      .string();
        fs::remove(scratch, ec);
        auto store = cp::ProjectStore::open(scratch, cp::ProjectStore::OpenMode::CreateIfMissing);
        if (!store)
            return store.error();
        if (auto n = cp::importProjectFolder(**store, path); !n)
            return n.error();
        return store;
    }
    return cp::ProjectStore::open(path, cp::ProjectStore::OpenMode::ExistingOnly);
}

void removeScratch(const std::string &scratch)
{
    if (scratch.empty())
        return;
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(scratch + suffix, ec);
}

} // namespace

int runAudit(const Args &args)
{
    if (auto bad = args.unknown({"--table", "--spec", "--json", "--project", "--table-name",
                                 "--run"},
                                {"--quiet", "--no-record"});
        !bad.empty())
        return usageError("audit: unknown option " + bad);
    if (args.has("--run")) {
        // A scoring run: its probe set with the run's scores, against --spec or the
        // project's spec.
        if (!args.has("--project"))
            return usageError("audit --run needs --project P");
        const std::int64_t runId = std::atoll(args.get("--run").c_str());
        if (runId <= 0)
            return usageError("--run needs a scoring run id");
        auto store = cp::ProjectStore::open(args.get("--project"),
                                            cp::ProjectStore::OpenMode::ExistingOnly);
        if (!store)
            return fail(store.error());
        cp::Result<cp::AuditSpec> spec = cp::Error{};
        if (args.has("--spec")) {
            spec = cp::loadAuditSpec(args.get("--spec"));
        } else {
            auto current = (*store)->currentSpec();
            if (!current)
                return fail(current.error());
            if (!*current)
                return usageError("the project has no audit spec: give --spec AUDIT.json");
            spec = cp::parseAuditSpecText((*current)->json, "the project's spec");
        }
        if (!spec)
            return fail(spec.error());
        auto result = cp::auditScoreRun(**store, runId, *spec);
        if (!result)
            return fail(result.error());
        return emit(*result, args);
    }
    if (args.has("--project")) {
        if (args.has("--table") || args.has("--spec"))
            return usageError("audit takes --project, or --table with --spec, not both");
        std::string scratch;
        int code;
        {
            auto store = openProject(args.get("--project"), scratch);
            if (!store) {
                removeScratch(scratch);
                return fail(store.error());
            }
            auto result = cp::auditProjectTable(**store, args.get("--table-name"), {},
                                                !args.flag("--no-record") && scratch.empty());
            code = result ? emit(result->result, args) : fail(result.error());
        }
        removeScratch(scratch);
        return code;
    }
    if (!args.has("--table") || !args.has("--spec"))
        return usageError("audit needs --table FILE and --spec SPEC.json (or --project P)");
    auto spec = cp::loadAuditSpec(args.get("--spec"));
    if (!spec)
        return fail(spec.error());
    auto result = cp::auditTableFile(args.get("--table"), *spec);
    if (!result)
        return fail(result.error());
    return emit(*result, args);
}

int runInit(const Args &args)
{
    if (auto bad = args.unknown({"--project", "--from", "--spec", "--table", "--name"}, {});
        !bad.empty())
        return usageError(args.command + ": unknown option " + bad);
    if (!args.has("--project"))
        return usageError("init needs --project P");
    auto store = cp::ProjectStore::open(args.get("--project"),
                                        cp::ProjectStore::OpenMode::CreateIfMissing);
    if (!store)
        return fail(store.error());
    if (args.has("--from")) {
        auto n = cp::importProjectFolder(**store, args.get("--from"));
        if (!n)
            return fail(n.error());
        std::cout << "imported " << *n << " table(s) and the spec from " << args.get("--from")
                  << "\n";
    }
    if (args.has("--spec")) {
        auto text = cp::readFileBytes(args.get("--spec"));
        if (!text)
            return fail(text.error());
        if (auto spec = cp::parseAuditSpecText(*text, args.get("--spec")); !spec)
            return fail(spec.error());
        auto saved = (*store)->saveSpec(*text);
        if (!saved)
            return fail(saved.error());
        std::cout << "spec version " << saved->id << " (" << saved->sha256.substr(0, 12) << ")\n";
    }
    if (args.has("--table")) {
        auto t = (*store)->importTableFile(args.get("--table"), args.get("--name"));
        if (!t)
            return fail(t.error());
        std::cout << "table '" << t->name << "' id " << t->id << " sha256 " << t->sha256 << "\n";
    }
    std::cout << "project " << (*store)->path() << " (schema " << (*store)->schemaVersion()
              << ")\n";
    return 0;
}

int runTables(const Args &args)
{
    if (!args.has("--project"))
        return usageError("tables needs --project P");
    auto store = cp::ProjectStore::open(args.get("--project"));
    if (!store)
        return fail(store.error());
    auto tables = (*store)->tables();
    if (!tables)
        return fail(tables.error());
    for (const auto &t : *tables)
        std::cout << t.id << "\t" << t.name << "\t" << t.format << "\t" << t.bytes << " bytes\t"
                  << t.sha256 << "\t" << t.imported << "\n";
    return 0;
}

int runRuns(const Args &args)
{
    if (!args.has("--project"))
        return usageError("runs needs --project P");
    auto store = cp::ProjectStore::open(args.get("--project"));
    if (!store)
        return fail(store.error());
    auto runs = (*store)->runs();
    if (!runs)
        return fail(runs.error());
    for (const auto &r : *runs)
        std::cout << r.id << "\t" << r.created << "\ttable " << r.tableId << "\tspec " << r.specId
                  << "\t" << r.decision.value_or("-") << "\n";
    return 0;
}

int runImport(const Args &args)
{
    if (!args.has("--project") || !args.has("--table"))
        return usageError("import needs --project P and --table FILE");
    return runInit(args);
}

int runSpec(const Args &args)
{
    if (!args.has("--project") || !args.has("--set"))
        return usageError("spec needs --project P and --set SPEC.json");
    if (auto bad = args.unknown({"--project", "--set"}, {}); !bad.empty())
        return usageError("spec: unknown option " + bad);
    Args a = args;
    a.options.erase("--set");
    a.options["--spec"] = args.get("--set");
    return runInit(a);
}

} // namespace cli
