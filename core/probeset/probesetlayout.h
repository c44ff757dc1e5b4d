// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

/// The roles the columns of a probe set play. Every probe set — generated, derived from real
/// rows or imported — is a table with one row per variant:
///
///   family, variant, <protected columns>, <linked columns>, <other fields>
///
/// `family` is the family id, `variant` a label naming the variant's groups (one group name per
/// protected attribute, joined with "/", e.g. "female/black"). Within a family only the protected
/// and linked columns may differ; every other field must be identical.
struct ProbeSetLayout {
    std::string familyColumn = "family";
    std::string variantColumn = "variant";
    std::vector<std::string> protectedColumns;
    std::vector<std::string> linkedColumns;  ///< allowed to differ within a family
    std::vector<std::string> strataColumns;  ///< balanced per group (balance report)
};

/// Where a probe set came from; stored with the frozen version.
struct ProbeSetOrigin {
    std::string kind;                   ///< "generated", "derived" or "imported"
    std::string name;                   ///< e.g. the spec's name
    std::string specJson;               ///< the generator or derive spec, verbatim
    std::optional<std::uint64_t> seed;
    std::optional<std::int64_t> parentId; ///< the version this one was made from, if any
};

} // namespace cp
