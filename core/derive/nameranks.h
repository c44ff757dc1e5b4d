// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cp {

struct ProviderList;

/// Name lists by group, most frequent first, for swapping a name to the name of equal frequency
/// rank in another group (which keeps the familiarity of the name constant across a swap).
/// A list is keyed by a group label plus an optional sub-key (e.g. origin) that a swap keeps.
class NameRanks
{
public:
    void addList(const std::string &group, const std::string &subKey,
                 std::vector<std::string> namesByRank);

    struct Swap {
        std::string name;
        bool known = true; ///< false: the name is in no list of the source group
    };
    /// The name at the same relative rank (quantile) in the target group's list with the same
    /// sub-key. A name missing from the source group's lists maps to the target entry at a rank
    /// derived from a hash of the name (deterministic) and is reported as unknown.
    std::optional<Swap> swap(std::string_view name, std::string_view fromGroup,
                             std::string_view toGroup) const;
    bool empty() const { return m_lists.empty(); }

    /// From a provider list keyed by group first (e.g. first_names: gender, origin): one list
    /// per key combination, the first key as the group and the rest as the kept sub-key, names
    /// ordered by weight (most frequent first).
    static NameRanks fromProviderList(const ProviderList &list);

private:
    struct List {
        std::string group;
        std::string subKey;
        std::vector<std::string> names;
        std::unordered_map<std::string, std::size_t> rank; ///< lower-case name → rank
    };
    std::vector<List> m_lists;
};

} // namespace cp
