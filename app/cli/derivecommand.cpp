// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// derive: counterfactual families from the rows of a real table.

#include "commands.h"
#include "freezeoutput.h"

#include <core/common/resources.h>
#include <core/derive/deriver.h>
#include <core/generate/providercatalog.h>
#include <core/probeset/canonicalcsv.h>
#include <core/table/tablereader.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace cli {

namespace {

/// A lexicon by name (resources/lexicons/NAME.json, or --lexicons DIR) or by path (*.json).
cp::Result<cp::Lexicon> loadLexicon(const std::string &name, const std::string &dir)
{
    namespace fs = std::filesystem;
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json")
        return cp::Lexicon::load(name);
    const std::string folder = dir.empty() ? cp::resourceDir() + "/lexicons" : dir;
    return cp::Lexicon::load((fs::path(folder) / (name + ".json")).string());
}

} // namespace

int runDerive(const Args &args)
{
    if (auto bad = args.unknown({"--table", "--spec", "--out", "--project", "--lexicons",
                                 "--providers"},
                                {});
        !bad.empty())
        return usageError("derive: unknown option " + bad);
    if (!args.has("--table") || !args.has("--spec") || args.has("--out") == args.has("--project"))
        return usageError("derive needs --table REAL.csv, --spec CF.json and either --out FILE "
                          "or --project P");
    auto specText = cp::readFileBytes(args.get("--spec"));
    if (!specText)
        return fail(specText.error());
    auto spec = cp::parseDeriveSpec(*specText, args.get("--spec"));
    if (!spec)
        return fail(spec.error());

    std::map<std::string, cp::Lexicon> lexicons;
    for (const auto &a : spec->attributes) {
        if (a.lexicon.empty() || lexicons.count(a.lexicon))
            continue;
        auto lex = loadLexicon(a.lexicon, args.get("--lexicons"));
        if (!lex)
            return fail(lex.error());
        lexicons.emplace(a.lexicon, std::move(lex).value());
    }
    cp::NameRanks names;
    if (!spec->names.empty()) {
        auto catalog = cp::ProviderCatalog::loadWithUserFolder(args.get("--providers"));
        if (!catalog)
            return fail(catalog.error());
        const cp::ProviderList *list = catalog->find(spec->nameProvider);
        if (!list)
            return fail(cp::Error{cp::ErrorCode::Invalid, args.get("--spec"), 0, "/name_provider",
                                  "no provider list named '" + spec->nameProvider + "'"});
        names = cp::NameRanks::fromProviderList(*list);
    }

    const std::string tablePath = args.get("--table");
    auto data = cp::readFileBytes(tablePath);
    if (!data)
        return fail(data.error());
    auto set = cp::deriveFamilies(*data, cp::formatForPath(tablePath), tablePath, *spec, lexicons,
                                  names);
    if (!set)
        return fail(set.error());

    if (set->flaggedVariants > 0)
        std::cout << set->flaggedVariants
                  << " variants carry review flags (ambiguous swaps or names not in the lists): "
                     "see the review_flags column\n";
    if (set->unknownNames > 0)
        std::cout << set->unknownNames << " names were not in the '" << spec->nameProvider
                  << "' lists and were replaced by a name at a hashed rank\n";
    if (args.has("--project")) {
        const cp::ProbeSetOrigin origin{"derived", spec->name, *specText, std::nullopt,
                                        std::nullopt};
        return freezeIntoProject(args, origin, set->layout, set->csv);
    }

    const std::string out = args.get("--out");
    std::string bytes = std::move(set->csv);
    if (cp::formatForPath(out) == cp::TableFormat::JsonLines) {
        auto jsonl = cp::jsonLinesFromCsv(bytes, out);
        if (!jsonl)
            return fail(jsonl.error());
        bytes = std::move(jsonl).value();
    }
    std::ofstream f(out, std::ios::binary);
    f << bytes;
    if (!f.flush())
        return fail(cp::Error{cp::ErrorCode::Io, out, 0, {}, "cannot write the probe set"});
    std::cout << "derived " << set->families << " families, " << set->variants << " variants → "
              << out << "\n";
    return ExitOk;
}

} // namespace cli
