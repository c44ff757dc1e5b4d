// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Deriving from files, as `counterpart-cli derive` and the workbench do: the derive spec, its
// lexicons (by name from resources/lexicons or a folder, or by path) and name lists, the real
// table, then deriveFamilies.

#include <core/derive/deriver.h>

#include <string>

namespace cp {

struct DeriveFromFiles {
    DerivedSet set;
    DeriveSpec spec;
    std::string specText;       ///< verbatim, stored with the frozen version
};

/// lexiconFolder / providerFolder empty: the shipped resources (plus the user's provider
/// folder, see ProviderCatalog::loadWithUserFolder). Errors name the file and JSON path.
Result<DeriveFromFiles> deriveFromFiles(const std::string &tablePath, const std::string &specPath,
                                        const std::string &lexiconFolder = {},
                                        const std::string &providerFolder = {},
                                        const Progress &progress = {});

/// A lexicon by name (resources/lexicons/NAME.json, or NAME.json in folder) or by path (*.json).
Result<Lexicon> loadLexiconByName(const std::string &name, const std::string &folder = {});

} // namespace cp
