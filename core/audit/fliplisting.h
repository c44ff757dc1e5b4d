// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The flip list as the workbench opens it, worked out with the audit (off the GUI thread):
// reading 125,000 flips scattered in memory to order them took 15-25 ms of the hand-off.

#include <core/audit/auditresult.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cp {

struct FlipListing {
    /// The variant labels in the order they first occur among the flips (the list's outcome
    /// columns).
    std::vector<std::string> variants;
    /// Indices into AuditResult::flips by score range, largest first and undefined ranges
    /// last; equal ranges in table order.
    std::vector<std::uint32_t> byScoreRange;
};

FlipListing listFlips(const AuditResult &result);
/// FlipListing::variants alone.
std::vector<std::string> flipVariants(const AuditResult &result);

} // namespace cp
