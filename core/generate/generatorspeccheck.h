// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to core/generate: the parts of the spec parse that look across sections.

#include "generatorspec.h"

#include <nlohmann/json_fwd.hpp>

namespace cp {

/// Parses one entry of "linked" (the protected attributes must be parsed already).
Result<LinkedSpec> parseLinkedSpec(const nlohmann::json &j, const std::string &path,
                                   const GeneratorSpec &spec, const std::string &source);

/// Names unique; every reference (bounds, `on`, `key`, template slots, strata) resolves to an
/// earlier field of the right kind; no cycle or forward reference.
Status checkGeneratorSpecReferences(const GeneratorSpec &spec, const std::string &source);

/// The group combinations of the attributes `by`, row-major in declared order, each with its
/// label (groups joined with "/") and group indices.
struct GroupCombination {
    std::string label;
    std::vector<int> groups;   ///< one per attribute of `by`
};
std::vector<GroupCombination> groupCombinations(const GeneratorSpec &spec,
                                                const std::vector<std::string> &by);
/// Index of the protected attribute called name, or -1.
int protectedIndex(const GeneratorSpec &spec, std::string_view name);

} // namespace cp
