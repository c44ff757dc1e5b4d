// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
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
    /// The protected columns each linked column follows (a pronoun set follows gender, a first
    /// name gender and ethnicity): two variants whose groups differ in one of these columns must
    /// not share the linked value. A linked column not named here follows every protected
    /// column; one mapped to an empty list may differ but never has to (free text, review flags).
    std::map<std::string, std::vector<std::string>> linkedFollows;

    bool operator==(const ProbeSetLayout &) const = default;
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
