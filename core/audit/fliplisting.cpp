// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "fliplisting.h"

#include <algorithm>

namespace cp {

std::vector<std::string> flipVariants(const AuditResult &result)
{
    std::vector<std::string> out;
    // Variant labels are few (one per group combination); a linear scan per outcome is fine.
    for (const Flip &flip : result.flips)
        for (const auto &[label, outcome] : flip.outcomes)
            if (std::find(out.begin(), out.end(), label) == out.end())
                out.push_back(label);
    return out;
}

FlipListing listFlips(const AuditResult &result)
{
    FlipListing out;
    out.variants = flipVariants(result);
    std::vector<std::pair<double, std::uint32_t>> keyed;
    keyed.reserve(result.flips.size());
    for (std::size_t i = 0; i < result.flips.size(); ++i)
        keyed.emplace_back(result.flips[i].scoreRange.value_or(-1), std::uint32_t(i));
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? b.first < a.first : a.second < b.second;
    });
    out.byScoreRange.reserve(keyed.size());
    for (const auto &[range, i] : keyed)
        out.byScoreRange.push_back(i);
    return out;
}

} // namespace cp
