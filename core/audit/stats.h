// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
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

/// The 97.5 % quantile of Student's t with df degrees of freedom (df ≥ 1): exact for df 1 and
/// 2, the Cornish-Fisher expansion beyond (within 2e-3 of the table for df ≥ 3).
double t975(std::int64_t df);

/// Welford's running mean and variance: a mean with its 95 % t interval, n = 0 undefined.
struct MeanEstimate {
    std::int64_t n = 0;
    double mean = 0;
    double m2 = 0;   ///< sum of squared deviations from the mean

    void add(double x)
    {
        ++n;
        const double d = x - mean;
        mean += d / double(n);
        m2 += d * (x - mean);
    }
    bool defined() const { return n > 0; }
    std::optional<double> value() const { return n > 0 ? std::optional(mean) : std::nullopt; }
    /// Sample standard deviation (n − 1); undefined below two values.
    std::optional<double> sd() const;
    /// mean ± t975(n − 1) · sd / √n; undefined below two values.
    std::optional<Interval> ci() const;

    bool operator==(const MeanEstimate &) const = default;
};

/// Kurita et al.'s prior-normalised association of a target token with a group:
/// a(g) = ln P(t | x^g) − ln P(t | x^neutral), from the two probabilities.
double priorNormalisedLogprob(double pTarget, double pPrior);

/// Population variance (divides by n) of values; 0 for one value, undefined (NaN) for none.
double populationVariance(const double *values, std::size_t n);

} // namespace cp::stats
