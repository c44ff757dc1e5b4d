// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Independent oracles for metric tests: REFERENCE.md's formulas written out again here, so
// that a test compares the engine with the definition, not with itself.

#include <algorithm>
#include <cmath>
#include <utility>

namespace cp::test {

/// Relative-tolerance compare (LabPlot's FuzzyCompare idea), 1e-9 by default.
inline bool fuzzy(double a, double b, double tol = 1e-9)
{
    return std::abs(a - b) <= tol * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

/// Wilson 95 % from REFERENCE.md (independent of core/audit/stats).
inline std::pair<double, double> wilsonOracle(double k, double n)
{
    const double z = 1.959963984540054;
    const double p = k / n;
    const double denom = 1 + z * z / n;
    const double centre = (p + z * z / (2 * n)) / denom;
    const double radius = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
    return {centre - radius, centre + radius};
}

/// Newcombe hybrid score interval of p1 − p2 (method 10), from REFERENCE.md.
inline std::pair<double, double> newcombeOracle(double k1, double n1, double k2, double n2)
{
    const auto [l1, u1] = wilsonOracle(k1, n1);
    const auto [l2, u2] = wilsonOracle(k2, n2);
    const double p1 = k1 / n1, p2 = k2 / n2, d = p1 - p2;
    return {d - std::sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)),
            d + std::sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2))};
}

} // namespace cp::test
