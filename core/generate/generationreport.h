// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

/// Rows per group, per stratum × group and per intersection, counted as the rows were written.
struct GenerationBalance {
    struct GroupCount {
        std::string attribute;
        std::string group;
        std::int64_t rows = 0;
    };
    struct StratumGroupCount {
        std::string stratum;       ///< the stratum field
        std::string value;         ///< its value
        std::string attribute;
        std::string group;
        std::int64_t rows = 0;
    };
    struct Cell {
        std::string label;         ///< intersection "female/black" or stratum combination
        std::int64_t count = 0;
    };
    std::int64_t families = 0;
    std::int64_t variantsPerFamily = 0;
    std::int64_t rows = 0;
    std::vector<GroupCount> groups;
    std::vector<StratumGroupCount> strata;
    std::vector<Cell> intersections;      ///< rows per variant label
    std::vector<Cell> strataFamilies;     ///< families per stratum combination
    bool groupsEqual = true;              ///< every group of an attribute has the same rows
    bool strataEqual = true;              ///< stratum combinations differ by at most one family
};

/// What the generator checked on the rows it wrote. A pair of twins is a family's reference
/// variant and one of its other variants.
struct GenerationIntegrity {
    struct Linked {
        std::string field;
        std::int64_t unisexRemoved = 0;     ///< values in two groups' lists, removed from both
        std::int64_t identicalTwins = 0;    ///< variant pairs the field should tell apart, same value
        std::optional<double> spearman;     ///< lowest over the reference-vs-group pairs
    };
    std::int64_t twinPairs = 0;
    /// Variant pairs with the same value in a linked field that distinguishes them: must be 0.
    std::int64_t twinsIdenticalLinked = 0;
    std::int64_t unisexRemoved = 0;
    /// Spearman correlation between a linked list value's frequency rank and its twin's; the
    /// lowest over fields and group pairs. Target ≥ 0.99.
    std::optional<double> spearman;
    std::int64_t boundsInverted = 0;        ///< int draws whose field-based max fell below min
    std::vector<Linked> linked;

    /// Fields differing outside protected/linked columns are checked independently, by
    /// checkProbeSet on freeze (the generator shares those bytes by construction).
    bool passed() const { return twinsIdenticalLinked == 0; }
};

nlohmann::json toJson(const GenerationBalance &report);
nlohmann::json toJson(const GenerationIntegrity &report);
/// A few lines for the CLI: group counts, strata, integrity figures.
std::string summaryText(const GenerationBalance &balance, const GenerationIntegrity &integrity);

} // namespace cp
