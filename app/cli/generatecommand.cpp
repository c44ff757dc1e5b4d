// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The generate command: a counterfactual probe set from a generator spec, to CSV or JSON Lines.

#include "commands.h"
#include "freezeoutput.h"

#include <core/common/jsontext.h>
#include <core/generate/generationplan.h>
#include <core/generate/generator.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace cli {

namespace {

bool parseCount(const std::string &text, std::int64_t min, std::int64_t &out)
{
    const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc() && r.ptr == text.data() + text.size() && out >= min;
}

} // namespace

int runGenerate(const Args &args)
{
    if (auto bad = args.unknown({"--spec", "--out", "--project", "--threads", "--families",
                                 "--seed", "--providers"},
                                {});
        !bad.empty())
        return usageError("generate: unknown option " + bad);
    if (!args.has("--spec") || args.has("--out") == args.has("--project"))
        return usageError("generate needs --spec GEN.json and either --out FILE.csv|FILE.jsonl "
                          "or --project P");
    auto spec = cp::loadGeneratorSpec(args.get("--spec"));
    if (!spec)
        return fail(spec.error());
    std::int64_t n = 0;
    if (args.has("--families")) {
        if (!parseCount(args.get("--families"), 1, n) || n > cp::MaxFamilies)
            return usageError("--families needs a whole number from 1 to "
                              + std::to_string(cp::MaxFamilies));
        spec->families = n;
    }
    if (args.has("--seed")) {
        std::uint64_t seed = 0;
        const std::string s = args.get("--seed");
        const auto r = std::from_chars(s.data(), s.data() + s.size(), seed);
        if (r.ec != std::errc() || r.ptr != s.data() + s.size())
            return usageError("--seed needs a whole number >= 0");
        spec->seed = seed;
    }
    cp::GenerateOptions options;
    if (args.has("--threads")) {
        if (!parseCount(args.get("--threads"), 1, n) || n > 256)
            return usageError("--threads needs a whole number from 1 to 256");
        options.threads = int(n);
    }
    auto catalog = cp::ProviderCatalog::loadWithUserFolder(args.get("--providers"));
    if (!catalog)
        return fail(catalog.error());

    if (args.has("--project")) {
        // Into the project: checked, hashed and stored family by family as it is generated,
        // in one freezing transaction, so an interrupted run leaves no version behind and
        // memory does not grow with the set (1,000,000 families × 24 variants is 4–5 GB of CSV).
        auto plan = cp::compilePlan(*spec, *catalog);
        if (!plan)
            return fail(plan.error());
        // Record the spec as run: the command line may override families and seed.
        nlohmann::json effective = nlohmann::json::parse(spec->json, nullptr, false);
        if (effective.is_object()) {
            effective["families"] = spec->families;
            effective["seed"] = spec->seed;
        }
        cp::ProbeSetOrigin origin{"generated", spec->name,
                                  effective.is_object() ? cp::jsontext::dump(effective, 2)
                                                        : spec->json,
                                  spec->seed, std::nullopt};
        options.format = cp::OutputFormat::Csv;
        std::vector<std::string> warnings;
        const auto produce = [&](const cp::CsvSink &sink) -> cp::Status {
            auto set = cp::generateTo(*spec, *catalog, options, sink);
            if (!set)
                return set.error();
            warnings = set->warnings;
            return cp::Ok{};
        };
        const int status = freezeStreamIntoProject(args, origin, plan->layout, produce);
        for (const auto &w : warnings)
            std::cerr << "counterpart-cli: warning: " << w << "\n";
        return status;
    }

    const std::string out = args.get("--out");
    options.format = cp::formatForPath(out) == cp::TableFormat::JsonLines
                         ? cp::OutputFormat::JsonLines
                         : cp::OutputFormat::Csv;

    // Write to a temporary file beside the target and rename at the end, so that a failed or
    // interrupted run never leaves a partial probe set under the requested name.
    const std::string partial = out + ".partial";
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(partial.c_str(), "wb"),
                                                          &std::fclose);
    if (!file)
        return fail(cp::Error{cp::ErrorCode::Io, out, 0, {}, "cannot write the probe set"});
    const InterruptGuard guard;
    const auto sink = [&](std::string_view chunk) -> cp::Status {
        if (InterruptGuard::interrupted())
            return cp::Error{cp::ErrorCode::Cancelled, out, 0, {},
                             "interrupted: nothing written (the partial file is removed)"};
        if (std::fwrite(chunk.data(), 1, chunk.size(), file.get()) != chunk.size())
            return cp::Error{cp::ErrorCode::Io, out, 0, {}, "write failed (disk full?)"};
        return cp::Ok{};
    };
    auto set = cp::generateTo(*spec, *catalog, options, sink);
    const bool closed = std::fclose(file.release()) == 0;
    std::error_code ec;
    if (!set || !closed) {
        std::filesystem::remove(partial, ec);
        return fail(set ? cp::Error{cp::ErrorCode::Io, out, 0, {}, "write failed"} : set.error());
    }
    std::filesystem::rename(partial, out, ec);
    if (ec)
        return fail(cp::Error{cp::ErrorCode::Io, out, 0, {}, ec.message()});

    for (const auto &w : set->warnings)
        std::cerr << "counterpart-cli: warning: " << w << "\n";
    std::cout << "wrote " << set->rows << " rows (" << spec->families << " families) to " << out
              << "\n";
    if (set->power)
        std::cout << "Power: " << set->power->families << " families give "
                  << int(set->power->power * 100 + 0.5) << " % power for a gap of "
                  << set->power->gap << " (discordance " << set->power->discordance << ")\n";
    std::cout << cp::summaryText(set->balance, set->integrity);
    return set->integrity.passed() ? ExitOk : ExitBlocked;
}

} // namespace cli
