// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "derivefiles.h"

#include <core/common/resources.h>
#include <core/generate/providercatalog.h>
#include <core/table/tablereader.h>

#include <filesystem>
#include <map>

namespace cp {

Result<Lexicon> loadLexiconByName(const std::string &name, const std::string &folder)
{
    namespace fs = std::filesystem;
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json")
        return Lexicon::load(name);
    const std::string dir = folder.empty() ? resourceDir() + "/lexicons" : folder;
    return Lexicon::load((fs::path(dir) / (name + ".json")).string());
}

Result<DeriveFromFiles> deriveFromFiles(const std::string &tablePath, const std::string &specPath,
                                        const std::string &lexiconFolder,
                                        const std::string &providerFolder,
                                        const Progress &progress)
{
    DeriveFromFiles out;
    auto specText = readFileBytes(specPath);
    if (!specText)
        return specText.error();
    auto spec = parseDeriveSpec(*specText, specPath);
    if (!spec)
        return spec.error();
    std::map<std::string, Lexicon> lexicons;
    for (const auto &a : spec->attributes) {
        if (a.lexicon.empty() || lexicons.count(a.lexicon))
            continue;
        auto lex = loadLexiconByName(a.lexicon, lexiconFolder);
        if (!lex)
            return lex.error();
        lexicons.emplace(a.lexicon, std::move(lex).value());
    }
    NameRanks names;
    if (!spec->names.empty()) {
        auto catalog = ProviderCatalog::loadWithUserFolder(providerFolder);
        if (!catalog)
            return catalog.error();
        const ProviderList *list = catalog->find(spec->nameProvider);
        if (!list)
            return Error{ErrorCode::Invalid, specPath, 0, "/name_provider",
                         "no provider list named '" + spec->nameProvider + "'"};
        names = NameRanks::fromProviderList(*list);
    }
    auto data = readFileBytes(tablePath);
    if (!data)
        return data.error();
    auto set = deriveFamilies(*data, formatForPath(tablePath), tablePath, *spec, lexicons, names,
                              progress);
    if (!set)
        return set.error();
    out.set = std::move(*set);
    out.spec = std::move(*spec);
    out.specText = std::move(*specText);
    return out;
}

} // namespace cp
