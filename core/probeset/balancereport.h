// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cp {

/// How many variants one group (or one stratum × group cell) holds.
struct GroupCount {
    std::string stratum;  ///< empty outside a stratum table
    std::string group;
    std::int64_t count = 0;

    bool operator==(const GroupCount &) const = default;
};

/// Variant counts over one grouping: a protected column, the intersection of all protected
/// columns ("a×b"), or a strata column crossed with a protected column.
struct GroupBalance {
    std::string column;         ///< protected column, or the joined names for the intersection
    std::string stratumColumn;  ///< empty unless this is a stratum × group table
    std::vector<GroupCount> counts;  ///< first-appearance order (stratum, then group)
    /// Equal counts: across groups, or across the groups of each stratum (a group absent from a
    /// stratum counts as 0 there).
    bool balanced = true;

    bool operator==(const GroupBalance &) const = default;
};

/// The balance report every frozen probe set carries (issue #3): counts per group of each
/// protected column, per stratum × group for each strata column, and per intersection.
struct BalanceReport {
    std::int64_t families = 0;
    std::int64_t variants = 0;
    std::vector<GroupBalance> groups;        ///< one per protected column
    std::vector<GroupBalance> strata;        ///< one per strata column × protected column
    GroupBalance intersection;               ///< all protected columns together
    bool balanced = true;                    ///< every table above is balanced

    bool operator==(const BalanceReport &) const = default;

    /// A few lines for the CLI and logs.
    std::string summary() const;
};

void to_json(nlohmann::json &j, const BalanceReport &r);
void from_json(const nlohmann::json &j, BalanceReport &r);

} // namespace cp
