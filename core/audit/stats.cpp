// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "stats.h"

#include <algorithm>
#include <cmath>

namespace cp::stats {

Interval wilson(std::int64_t k, std::int64_t n, double z)
{
    const double nn = double(n);
    const double p = double(k) / nn;
    const double z2 = z * z;
    const double denom = 1 + z2 / nn;
    const double centre = (p + z2 / (2 * nn)) / denom;
    const double radius = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
    return {std::max(0.0, centre - radius), std::min(1.0, centre + radius)};
}

Interval newcombe(double p1, Interval w1, double p2, Interval w2)
{
    const double d = p1 - p2;
    const double low = d - std::sqrt((p1 - w1.low) * (p1 - w1.low) + (w2.high - p2) * (w2.high - p2));
    const double high = d + std::sqrt((w1.high - p1) * (w1.high - p1) + (p2 - w2.low) * (p2 - w2.low));
    return {low, high};
}

double mcnemarExact(std::int64_t b, std::int64_t c)
{
    const std::int64_t n = b + c;
    if (n == 0)
        return 1.0;
    const std::int64_t k = std::min(b, c);
    double sum = 0;
    if (n <= 1000) {
        // C(n, i) 0.5^n by recurrence; exact enough and free of lgamma rounding for small n.
        double term = std::pow(0.5, double(n));
        for (std::int64_t i = 0; i <= k; ++i) {
            sum += term;
            term = term * double(n - i) / double(i + 1);
        }
    } else {
        // Log space so that large n neither overflows nor underflows.
        const double logHalfN = double(n) * std::log(0.5);
        for (std::int64_t i = 0; i <= k; ++i) {
            const double logC = std::lgamma(double(n) + 1) - std::lgamma(double(i) + 1)
                                - std::lgamma(double(n - i) + 1);
            sum += std::exp(logC + logHalfN);
        }
    }
    return std::min(1.0, 2 * sum);
}

std::optional<double> theilIndex(std::int64_t zeros, std::int64_t ones, std::int64_t twos)
{
    const std::int64_t n = zeros + ones + twos;
    if (n == 0)
        return std::nullopt;
    const double mu = double(ones + 2 * twos) / double(n);
    if (mu <= 0)
        return std::nullopt;
    // 0 · ln 0 = 0, so b_i = 0 contributes nothing.
    double sum = 0;
    if (ones > 0) {
        const double r = 1 / mu;
        sum += double(ones) * r * std::log(r);
    }
    if (twos > 0) {
        const double r = 2 / mu;
        sum += double(twos) * r * std::log(r);
    }
    return sum / double(n);
}

double t975(std::int64_t df)
{
    if (df <= 1)
        return 12.706204736174707;
    if (df == 2)
        return 4.302652729749464;
    const double z = Z95;
    const double v = double(df);
    const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
    return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
           + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
           + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
}

std::optional<double> MeanEstimate::sd() const
{
    if (n < 2)
        return std::nullopt;
    return std::sqrt(std::max(0.0, m2) / double(n - 1));
}

std::optional<Interval> MeanEstimate::ci() const
{
    const auto s = sd();
    if (!s)
        return std::nullopt;
    const double half = t975(n - 1) * *s / std::sqrt(double(n));
    return Interval{mean - half, mean + half};
}

double priorNormalisedLogprob(double pTarget, double pPrior)
{
    return std::log(pTarget) - std::log(pPrior);
}

double populationVariance(const double *values, std::size_t n)
{
    if (n == 0)
        return std::nan("");
    double mean = 0;
    for (std::size_t i = 0; i < n; ++i)
        mean += values[i];
    mean /= double(n);
    double ss = 0;
    for (std::size_t i = 0; i < n; ++i)
        ss += (values[i] - mean) * (values[i] - mean);
    return ss / double(n);
}

} // namespace cp::stats
