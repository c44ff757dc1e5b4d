// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// The counts a FamilyWriter keeps as it writes (balance, twins, rank pairs), merged across
// threads, and the rank correlation computed from them.

#include "familywriter.h"

#include <cmath>

namespace cp {

void FamilyStats::init(const GenerationPlan &plan)
{
    const std::size_t v = plan.variants.size();
    variantRows.assign(v, 0);
    strataVariantRows.assign(std::size_t(plan.strataCombinations) * v, 0);
    identicalLinked.assign(plan.linked.size(), 0);
    rankPairs.assign(plan.linked.size() * v, {});
    const auto &ref = plan.variants[std::size_t(plan.referenceVariant)];
    for (std::size_t l = 0; l < plan.linked.size(); ++l) {
        const auto &pl = plan.linked[l];
        if (pl.kind == LinkedSpec::Kind::Pronouns)
            continue;
        for (std::size_t k = 0; k < v; ++k) {
            const int a = ref.linkedCombination[l];
            const int b = plan.variants[k].linkedCombination[l];
            if (a != b)
                rankPairs[l * v + k].assign(pl.lists[std::size_t(a)].values.size()
                                                * pl.lists[std::size_t(b)].values.size(),
                                            0);
        }
    }
}

void FamilyStats::merge(const FamilyStats &o)
{
    auto add = [](std::vector<std::int64_t> &a, const std::vector<std::int64_t> &b) {
        for (std::size_t i = 0; i < a.size(); ++i)
            a[i] += b[i];
    };
    add(variantRows, o.variantRows);
    add(strataVariantRows, o.strataVariantRows);
    add(identicalLinked, o.identicalLinked);
    for (std::size_t i = 0; i < rankPairs.size(); ++i)
        add(rankPairs[i], o.rankPairs[i]);
    twinPairs += o.twinPairs;
    boundsInverted += o.boundsInverted;
}

std::optional<double> spearmanFromCounts(const std::vector<std::int64_t> &counts,
                                         std::size_t nx, std::size_t ny)
{
    std::vector<double> rowTotal(nx, 0), colTotal(ny, 0);
    double n = 0;
    for (std::size_t x = 0; x < nx; ++x)
        for (std::size_t y = 0; y < ny; ++y) {
            const double c = double(counts[x * ny + y]);
            rowTotal[x] += c;
            colTotal[y] += c;
            n += c;
        }
    if (n < 2)
        return std::nullopt;
    auto midRanks = [](const std::vector<double> &totals) {
        std::vector<double> r(totals.size());
        double before = 0;
        for (std::size_t i = 0; i < totals.size(); ++i) {
            r[i] = before + (totals[i] + 1) / 2;
            before += totals[i];
        }
        return r;
    };
    const auto rx = midRanks(rowTotal);
    const auto ry = midRanks(colTotal);
    const double mean = (n + 1) / 2;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t x = 0; x < nx; ++x)
        sxx += rowTotal[x] * (rx[x] - mean) * (rx[x] - mean);
    for (std::size_t y = 0; y < ny; ++y)
        syy += colTotal[y] * (ry[y] - mean) * (ry[y] - mean);
    for (std::size_t x = 0; x < nx; ++x)
        for (std::size_t y = 0; y < ny; ++y)
            if (const auto c = counts[x * ny + y])
                sxy += double(c) * (rx[x] - mean) * (ry[y] - mean);
    if (sxx <= 0 || syy <= 0)
        return std::nullopt;
    return sxy / std::sqrt(sxx * syy);
}

} // namespace cp
