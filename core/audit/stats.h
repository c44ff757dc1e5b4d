// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

namespace cp::stats {

/// The 97.5 % standard normal quantile, exact to double precision (REFERENCE.md).
constexpr double Z95 = 1.959963984540054;

struct Interval {
    double low = 0;
    double high = 0;

    bool operator==(const Interval &) const = default;
};

/// Wilson score interval for k successes in n trials. n must be > 0.
Interval wilson(std::int64_t k, std::int64_t n, double z = Z95);

/// Newcombe's hybrid score interval (method 10) for p1 − p2, from the two Wilson intervals.
Interval newcombe(double p1, Interval w1, double p2, Interval w2);

/// Exact two-sided McNemar p-value for discordant counts b and c:
/// min(1, 2 · Σ_{i ≤ min(b,c)} C(b+c, i) 0.5^(b+c)). 1 when b + c = 0.
double mcnemarExact(std::int64_t b, std::int64_t c);

/// Theil index (generalized entropy, α = 1) from the counts of b_i values 0, 1 and 2,
/// where b_i = ŷ_i − y_i + 1. Undefined (nullopt) when there are no rows or every b_i is 0.
std::optional<double> theilIndex(std::int64_t zeros, std::int64_t ones, std::int64_t twos);

} // namespace cp::stats
