// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The probe-sets command: list the frozen versions of a project, show one's reports, export one,
// import a probe set file.

#include "commands.h"

#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>

#include <iostream>

namespace cli {

namespace {

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = text.find(',', pos);
        const std::size_t end = comma == std::string::npos ? text.size() : comma;
        if (end > pos)
            out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

/// --linked name,pronoun:gender,summary:  (a column after ":" lists the protected columns it
/// follows, joined with "+"; nothing after ":" means it may differ but never has to).
void parseLinked(const std::string &text, cp::ProbeSetLayout &layout)
{
    for (const std::string &item : splitList(text)) {
        const std::size_t colon = item.find(':');
        const std::string column = item.substr(0, colon);
        layout.linkedColumns.push_back(column);
        if (colon == std::string::npos)
            continue;
        std::vector<std::string> follows;
        std::size_t pos = colon + 1;
        while (pos < item.size()) {
            std::size_t plus = item.find('+', pos);
            if (plus == std::string::npos)
                plus = item.size();
            if (plus > pos)
                follows.push_back(item.substr(pos, plus - pos));
            pos = plus + 1;
        }
        layout.linkedFollows[column] = std::move(follows);
    }
}

void printList(const std::vector<cp::ProbeSetRecord> &sets)
{
    std::cout << "id\tname\tkind\tfamilies\tvariants\tsha256\tparent\tcreated\tbalanced\t"
                 "integrity\n";
    for (const auto &s : sets)
        std::cout << s.id << "\t" << s.name << "\t" << s.kind << "\t" << s.families << "\t"
                  << s.variants << "\t" << s.sha256.substr(0, 12) << "\t"
                  << (s.parentId ? std::to_string(*s.parentId) : "-") << "\t" << s.created
                  << "\t" << (s.balance.balanced ? "yes" : "no") << "\t"
                  << (s.integrity.clean()
                          ? std::string("clean")
                          : std::to_string(s.integrity.violations()) + " violations")
                  << "\n";
}

void printShow(const cp::ProbeSetRecord &s)
{
    std::cout << "probe set " << s.id << " '" << s.name << "' (" << s.kind << ")\n"
              << "sha256 " << s.sha256 << "\n"
              << "created " << s.created << ", parent "
              << (s.parentId ? std::to_string(*s.parentId) : "-") << ", seed "
              << (s.seed ? std::to_string(*s.seed) : "-") << "\n"
              << s.balance.summary() << s.integrity.summary();
}

} // namespace

int runProbeSets(const Args &args)
{
    if (auto bad = args.unknown({"--project", "--show", "--export", "--out", "--import",
                                 "--protected", "--linked", "--strata", "--name", "--family",
                                 "--variant"},
                                {"--allow-dirty"});
        !bad.empty())
        return usageError("probe-sets: unknown option " + bad);
    if (!args.has("--project"))
        return usageError("probe-sets needs --project P");
    const int actions = int(args.has("--show")) + int(args.has("--export"))
                        + int(args.has("--import"));
    if (actions > 1)
        return usageError("probe-sets takes one of --show, --export and --import");
    if (args.has("--export") != args.has("--out"))
        return usageError("probe-sets --export ID needs --out FILE.csv|.jsonl (and vice versa)");
    if (!args.has("--import")
        && (args.has("--protected") || args.has("--linked") || args.has("--strata")
            || args.has("--name") || args.flag("--allow-dirty")))
        return usageError("--protected, --linked, --strata, --name and --allow-dirty go with "
                          "--import");
    const bool create = args.has("--import");
    auto opened = openProject(args, create ? cp::OpenedProject::Access::Create
                                           : cp::OpenedProject::Access::ReadOnly);
    if (!opened)
        return fail(opened.error());
    cp::ProjectStore &project = opened->store();

    if (args.has("--show")) {
        auto set = cp::findProbeSet(project, args.get("--show"));
        if (!set)
            return fail(set.error());
        printShow(*set);
        return ExitOk;
    }
    if (args.has("--export")) {
        auto set = cp::findProbeSet(project, args.get("--export"));
        if (!set)
            return fail(set.error());
        if (auto s = cp::exportProbeSet(project, set->id, args.get("--out")); !s)
            return fail(s.error());
        std::cout << "exported probe set " << set->id << " (" << set->variants << " variants) to "
                  << args.get("--out") << "\n";
        return ExitOk;
    }
    if (args.has("--import")) {
        if (!args.has("--protected"))
            return usageError("probe-sets --import needs --protected a,b");
        cp::ProbeSetLayout layout;
        layout.familyColumn = args.get("--family", layout.familyColumn);
        layout.variantColumn = args.get("--variant", layout.variantColumn);
        layout.protectedColumns = splitList(args.get("--protected"));
        parseLinked(args.get("--linked"), layout);
        layout.strataColumns = splitList(args.get("--strata"));
        cp::FreezeOptions options;
        options.allowDirty = args.flag("--allow-dirty");
        auto set = cp::importProbeSetFile(project, args.get("--import"), layout,
                                          args.get("--name"), options);
        if (!set)
            return fail(set.error());
        std::cout << (set->existed ? "already frozen as probe set " : "froze probe set ")
                  << set->id << " '" << set->name << "': " << set->families << " families, "
                  << set->variants << " variants, sha256 " << set->sha256 << "\n"
                  << set->balance.summary() << set->integrity.summary();
        return ExitOk;
    }
    auto sets = cp::probeSets(project);
    if (!sets)
        return fail(sets.error());
    printList(*sets);
    return ExitOk;
}

} // namespace cli
