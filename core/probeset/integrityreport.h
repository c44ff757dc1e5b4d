// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

/// One offending row: its family, its 1-based line in the bytes that were checked, the column
/// and what is wrong there.
struct IntegrityExample {
    std::string family;
    std::int64_t line = 0;
    std::string column;
    std::string detail;

    bool operator==(const IntegrityExample &) const = default;
};

/// One kind of violation: how often it occurs and the first few cases.
struct IntegrityFinding {
    static constexpr std::size_t MaxExamples = 5;

    std::int64_t count = 0;
    std::vector<IntegrityExample> examples;

    void add(IntegrityExample example, std::int64_t n = 1)
    {
        count += n;
        if (examples.size() < MaxExamples)
            examples.push_back(std::move(example));
    }
    bool operator==(const IntegrityFinding &) const = default;
};

/// The integrity report every frozen probe set carries (issue #3): within a family only the
/// protected and linked columns may differ, linked values must change with their groups, each
/// variant appears once and is labelled by its groups.
struct IntegrityReport {
    std::int64_t families = 0;
    std::int64_t variants = 0;
    /// Families holding one variant only (nothing to compare). Counts families.
    IntegrityFinding singleVariantFamilies;
    /// Twins (variants after a family's first) differing from the first variant in a column
    /// that is neither protected nor linked. Counts twins; examples name the first such column.
    IntegrityFinding fieldsDifferOutside;
    /// Pairs of variants whose groups differ in a column a linked column follows, yet that share
    /// the linked value (a unisex name kept across a gender swap). Counts pairs.
    IntegrityFinding identicalLinked;
    /// Variants repeating the protected groups of an earlier variant of their family. Counts rows.
    IntegrityFinding duplicateVariants;
    /// Variants whose `variant` label is not their groups joined with "/". Counts rows.
    IntegrityFinding wrongVariantLabels;

    bool clean() const;
    std::int64_t violations() const;
    /// The offending example with the lowest line, with the name of its kind.
    std::optional<std::pair<std::string, IntegrityExample>> firstViolation() const;

    bool operator==(const IntegrityReport &) const = default;

    std::string summary() const;
};

void to_json(nlohmann::json &j, const IntegrityReport &r);
void from_json(const nlohmann::json &j, IntegrityReport &r);

} // namespace cp
