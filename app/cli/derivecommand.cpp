// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// derive: counterfactual families from the rows of a real table.

#include "commands.h"
#include "freezeoutput.h"

#include <core/common/resources.h>
#include <core/derive/derivefiles.h>
#include <core/generate/providercatalog.h>
#include <core/probeset/canonicalcsv.h>
#include <core/table/tablereader.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace cli {


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
    const std::string tablePath = args.get("--table");
    auto derived = cp::deriveFromFiles(tablePath, args.get("--spec"), args.get("--lexicons"),
                                       args.get("--providers"));
    if (!derived)
        return fail(derived.error());
    auto *set = &derived->set;
    const auto *spec = &derived->spec;
    const std::string *specText = &derived->specText;

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
