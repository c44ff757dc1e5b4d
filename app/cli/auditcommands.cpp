// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The audit and project commands: audit, init, import, spec, tables, runs.

#include "commands.h"

#include <core/common/jsontext.h>
#include <core/workflow/samplefolder.h>
#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/workflow/runaudit.h>
#include <core/workflow/sourceaudit.h>
#include <core/workflow/projectaudit.h>
#include <core/workflow/projectsession.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace cli {

namespace {

int emit(const cp::AuditResult &result, const Args &args)
{
    const std::string jsonOut = args.get("--json");
    // --quiet: the decision and the families, no more; --json -: the document alone.
    if (jsonOut != "-")
        std::cout << (args.flag("--quiet") ? cp::auditDecisionLines(result)
                                           : cp::auditSummary(result));
    if (!jsonOut.empty()) {
        const std::string doc = cp::jsontext::dump(cp::auditToJson(result), 2) + "\n";
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

} // namespace

int runAudit(const Args &args)
{
    if (auto bad = args.unknown({"--table", "--spec", "--json", "--project", "--table-name",
                                 "--run"},
                                {"--quiet", "--no-record"});
        !bad.empty())
        return usageError("audit: unknown option " + bad);
    if (args.has("--project")) {
        if (args.has("--table"))
            return usageError("audit takes --project, or --table with --spec, not both");
        if (args.has("--run") && args.has("--table-name"))
            return usageError("audit takes --run R or --table-name NAME, not both");
        if (args.has("--spec") && !args.has("--run"))
            return usageError("audit --project takes --spec only with --run R");
        auto project = openProject(args);
        if (!project)
            return fail(project.error());
        cp::ProjectStore &store = project->store();
        // The source named, else the project's default (core's rule, the workbench's too).
        std::string key = args.get("--table-name");
        if (args.has("--run")) {
            const std::int64_t runId = std::atoll(args.get("--run").c_str());
            if (runId <= 0)
                return usageError("--run needs a scoring run id");
            key = "run:" + std::to_string(runId);
        }
        auto source = cp::resolveAuditSource(store, key);
        if (!source)
            return fail(source.error());
        if (source->kind == cp::AuditSource::Kind::Table) {
            auto result = cp::auditProjectTable(store, std::to_string(source->id), {},
                                                !args.flag("--no-record") && !project->isSample());
            return result ? emit(result->result, args) : fail(result.error());
        }
        // A scoring run: its probe set with the run's scores, against --spec or the
        // project's spec.
        std::string specText, specWhere;
        if (args.has("--spec")) {
            auto bytes = cp::readFileBytes(args.get("--spec"));
            if (!bytes)
                return fail(bytes.error());
            specText = std::move(*bytes);
            specWhere = args.get("--spec");
        } else {
            auto current = store.currentSpec();
            if (!current)
                return fail(current.error());
            if (!*current)
                return usageError("the project has no audit spec: give --spec AUDIT.json");
            specText = (*current)->json;
            specWhere = "the project's spec";
        }
        auto result = cp::auditRunWithSpec(store, source->id, specText, specWhere);
        if (!result)
            return fail(result.error());
        return emit(*result, args);
    }
    if (args.has("--run"))
        return usageError("audit --run needs --project P");
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
    // init creates a project; import and spec (which run through here) need an existing one.
    auto project = openProject(args, args.command == "init" ? cp::OpenedProject::Access::Create
                                                            : cp::OpenedProject::Access::ReadWrite);
    if (!project)
        return fail(project.error());
    cp::ProjectStore *store = &project->store();
    if (args.has("--from")) {
        auto n = cp::importProjectFolder(*store, args.get("--from"));
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
        auto saved = store->saveSpec(*text);
        if (!saved)
            return fail(saved.error());
        std::cout << "spec version " << saved->id << " (" << saved->sha256.substr(0, 12) << ")\n";
    }
    if (args.has("--table")) {
        auto t = store->importTableFile(args.get("--table"), args.get("--name"));
        if (!t)
            return fail(t.error());
        std::cout << "table '" << t->name << "' id " << t->id << " sha256 " << t->sha256 << "\n";
    }
    std::cout << "project " << store->path() << " (schema " << store->schemaVersion()
              << ")\n";
    return 0;
}

int runTables(const Args &args)
{
    if (!args.has("--project"))
        return usageError("tables needs --project P");
    auto project = openProject(args);
    if (!project)
        return fail(project.error());
    auto tables = project->store().tables();
    if (!tables)
        return fail(tables.error());
    if (tables->empty())
        std::cout << "no tables (import one: counterpart-cli import --project P --table FILE)\n";
    for (const auto &t : *tables)
        std::cout << t.id << "\t" << t.name << "\t" << t.format << "\t" << t.bytes << " bytes\t"
                  << t.sha256 << "\t" << t.imported << "\n";
    return 0;
}

int runRuns(const Args &args)
{
    if (!args.has("--project"))
        return usageError("runs needs --project P");
    auto project = openProject(args);
    if (!project)
        return fail(project.error());
    auto runs = project->store().runs();
    if (!runs)
        return fail(runs.error());
    if (runs->empty())
        std::cout << "no audits recorded (counterpart-cli audit --project P records one)\n";
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
