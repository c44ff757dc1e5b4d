// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// counterpart-cli: the headless front end. Links counterpart_core only — no Qt — so that a CI
// gate needs nothing but this binary.

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/store/projectaudit.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr int ExitApproved = 0;
constexpr int ExitBlocked = 1;
constexpr int ExitError = 2;

const char *Usage = R"(Usage:
  counterpart-cli audit --table FILE --spec SPEC.json [--json OUT|-] [--quiet]
  counterpart-cli audit --project P [--table-name NAME] [--json OUT|-] [--quiet] [--no-record]
  counterpart-cli init --project P [--from FOLDER] [--spec SPEC.json] [--table FILE [--name NAME]]
  counterpart-cli import --project P --table FILE [--name NAME]
  counterpart-cli spec --project P --set SPEC.json
  counterpart-cli tables --project P
  counterpart-cli runs --project P
  counterpart-cli --help | --version

Audit a scored table against a spec (columns, protected attributes, contract) and print the
decision first. P is a .counterpart project file or a sample folder holding project.json.

Exit status: 0 APPROVED (or no contract), 1 BLOCKED, 2 bad usage or bad input.
)";

struct Args {
    std::string command;
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;

    bool has(const std::string &k) const { return options.count(k) > 0; }
    std::string get(const std::string &k) const
    {
        const auto it = options.find(k);
        return it == options.end() ? std::string() : it->second;
    }
    bool flag(const std::string &f) const
    {
        return std::find(flags.begin(), flags.end(), f) != flags.end();
    }
};

int fail(const cp::Error &e)
{
    std::cerr << "counterpart-cli: " << e.toString() << "\n";
    return ExitError;
}

int usageError(const std::string &message)
{
    std::cerr << "counterpart-cli: " << message << "\n\n" << Usage;
    return ExitError;
}

/// Parses "--key value" options and bare "--flag"s; returns false on an unknown shape.
bool parseArgs(int argc, char **argv, Args &args, std::string &error)
{
    static const std::vector<std::string> valued = {"--table", "--spec", "--json", "--project",
                                                    "--table-name", "--from", "--name", "--set"};
    static const std::vector<std::string> bare = {"--quiet", "--no-record"};
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (std::find(valued.begin(), valued.end(), a) != valued.end()) {
            if (i + 1 >= argc) {
                error = a + " needs a value";
                return false;
            }
            args.options[a] = argv[++i];
        } else if (std::find(bare.begin(), bare.end(), a) != bare.end()) {
            args.flags.push_back(a);
        } else {
            error = "unknown argument '" + a + "'";
            return false;
        }
    }
    return true;
}

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
                return fail({cp::ErrorCode::Io, jsonOut, 0, {}, "cannot write the JSON report"});
        }
    }
    std::cout.flush();
    if (result.decision && *result.decision == cp::Decision::Blocked)
        return ExitBlocked;
    return ExitApproved;
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

int audit(const Args &args)
{
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

int init(const Args &args)
{
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

int listTables(const Args &args)
{
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

int listRuns(const Args &args)
{
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

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usageError("no command given");
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << Usage;
        return 0;
    }
    if (command == "--version") {
        std::cout << "counterpart-cli " COUNTERPART_VERSION "\n";
        return 0;
    }
    Args args;
    args.command = command;
    std::string error;
    if (!parseArgs(argc, argv, args, error))
        return usageError(error);
    if (command == "audit")
        return audit(args);
    if (command == "init")
        return init(args);
    if (command == "import") {
        if (!args.has("--project") || !args.has("--table"))
            return usageError("import needs --project P and --table FILE");
        return init(args);
    }
    if (command == "spec") {
        if (!args.has("--project") || !args.has("--set"))
            return usageError("spec needs --project P and --set SPEC.json");
        Args a = args;
        a.options["--spec"] = args.get("--set");
        return init(a);
    }
    if (command == "tables" || command == "runs") {
        if (!args.has("--project"))
            return usageError(command + " needs --project P");
        return command == "tables" ? listTables(args) : listRuns(args);
    }
    return usageError("unknown command '" + command + "'");
}
