// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "generatorspec.h"

#include <cstdint>

namespace cp {

/// "How many families?" for a paired design: each family gives a pair of outcomes (reference
/// variant, other variant), tested with McNemar's test. Connor (1987), "Sample size for testing
/// differences in proportions for the paired-sample design", Biometrics 43:207–211:
///
///   n = ( z(1−α/2)·√ψ + z(power)·√(ψ − Δ²) )² / Δ²
///
/// with Δ the gap between the two groups' positive rates (= p10 − p01) and ψ the discordance
/// (p10 + p01, the share of families whose twins get different outcomes). When only a base rate
/// p is known, ψ is taken as for independent twins with rates p ± Δ/2 — an upper bound, since
/// twins are positively correlated, so the plan errs towards more families.
struct PowerPlan {
    double gap = 0;
    double discordance = 0;
    double alpha = 0.05;
    double power = 0.8;
    std::int64_t families = 0;   ///< families needed per compared pair of groups
};

/// The standard normal quantile (Acklam's rational approximation plus one Newton step).
double normalQuantile(double p);
/// ψ for independent twins with positive rates p + Δ/2 and p − Δ/2.
double discordanceFromBaseRate(double baseRate, double gap);
/// Connor's n, rounded up. Requires 0 < gap ≤ discordance ≤ 1.
PowerPlan planPower(double gap, double discordance, double alpha = 0.05, double power = 0.8);
PowerPlan planPower(const PowerSpec &spec);

} // namespace cp
