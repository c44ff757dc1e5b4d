// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditcontext.h"

#include <algorithm>
#include <cmath>

namespace cp::detail {

namespace {

struct PairAccumulator {
    std::int64_t pairs = 0, aOnly = 0, bOnly = 0;
    double shiftSum = 0, absSum = 0;
};

std::string variantLabel(const AuditContext &ctx, std::int64_t row)
{
    std::string label;
    for (std::size_t d = 0; d < ctx.protectedDims.size(); ++d) {
        if (d > 0)
            label += " / ";
        label += ctx.protectedDims[d].groups[ctx.protectedDims[d].groupOf(row)];
    }
    return label;
}

} // namespace

Status auditFamilies(AuditContext &ctx, AuditResult &result, const Progress &progress)
{
    const Table &t = *ctx.table;
    const CategoricalColumn &fam = *ctx.familyColumn;
    const auto rows = std::size_t(t.rowCount);
    const std::size_t familyCount = fam.levels().size();
    const std::size_t dims = ctx.protectedDims.size();

    // Counting sort of rows by family, keeping table order within a family.
    std::vector<std::uint32_t> offsets(familyCount + 1, 0);
    for (std::size_t r = 0; r < rows; ++r)
        ++offsets[fam.code(r) + 1];
    for (std::size_t f = 0; f < familyCount; ++f)
        offsets[f + 1] += offsets[f];
    std::vector<std::uint32_t> order(rows);
    {
        std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
        for (std::size_t r = 0; r < rows; ++r)
            order[next[fam.code(r)]++] = std::uint32_t(r);
    }

    // Pair accumulators per attribute: groups × groups, a < b.
    std::vector<std::vector<PairAccumulator>> pairAcc(dims);
    for (std::size_t d = 0; d < dims; ++d) {
        const std::size_t g = ctx.protectedDims[d].groups.size();
        pairAcc[d].assign(g * g, {});
    }

    const double *score = ctx.score ? ctx.score->values.data() : nullptr;
    std::int64_t comparable = 0;
    std::int64_t singles = 0;
    std::int64_t truthConflicts = 0;
    std::vector<std::uint32_t> groups; // family rows × dims
    std::vector<std::uint8_t> outcomes;
    for (std::size_t f = 0; f < familyCount; ++f) {
        const std::uint32_t *members = order.data() + offsets[f];
        const std::size_t k = offsets[f + 1] - offsets[f];
        groups.resize(k * dims);
        outcomes.resize(k);
        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t d = 0; d < dims; ++d)
                groups[i * dims + d] = ctx.protectedDims[d].groupOf(members[i]);
            outcomes[i] = ctx.outcomeOf(members[i]);
        }
        // Duplicate variants make pairing ambiguous: stop with the row that repeats.
        for (std::size_t i = 1; i < k; ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (std::equal(&groups[i * dims], &groups[i * dims] + dims, &groups[j * dims])) {
                    return Error{ErrorCode::Invalid, t.source, t.lineOfRow(members[i]),
                                 *ctx.spec->familyColumn,
                                 "family '" + fam.levels()[f] + "' has a second row for variant '"
                                     + variantLabel(ctx, members[i]) + "' (first on line "
                                     + std::to_string(t.lineOfRow(members[j]))
                                     + "); each variant may appear once per family"};
                }
            }
        }
        if (k < 2) {
            if (singles++ < 5)
                ctx.warn(t.lineOfRow(members[0]), *ctx.spec->familyColumn,
                         "family '" + fam.levels()[f] + "' has a single variant; it cannot flip");
            continue;
        }
        ++comparable;

        if (ctx.truthColumn) {
            std::uint8_t seen = 2;
            for (std::size_t i = 0; i < k; ++i) {
                const std::uint8_t truth = ctx.truthOf(members[i]);
                if (truth == 2)
                    continue;
                if (seen != 2 && truth != seen) {
                    if (truthConflicts++ < 10)
                        ctx.warn(t.lineOfRow(members[i]), ctx.spec->truth->column,
                                 "the variants of family '" + fam.levels()[f]
                                     + "' disagree on the expected outcome");
                    break;
                }
                seen = truth;
            }
        }

        // Flip: outcomes not all equal; attribute it to the first stage whose value diverges.
        const bool flipped = std::any_of(outcomes.begin(), outcomes.end(),
                                         [&](std::uint8_t o) { return o != outcomes[0]; });
        if (flipped) {
            Flip flip;
            flip.family = fam.levels()[f];
            flip.firstRow = members[0];
            for (std::size_t i = 0; i < k; ++i)
                flip.outcomes.emplace_back(variantLabel(ctx, members[i]),
                                           ctx.outcomeLabel(outcomes[i]));
            flip.stage = ctx.spec->prediction.stage;
            for (std::size_t s = 0; s < ctx.stageColumns.size(); ++s) {
                auto value = [&](std::uint32_t row) -> std::uint32_t {
                    const std::uint32_t code = ctx.stageColumns[s]->code(row);
                    return ctx.stagePassLut[s].empty() ? code : ctx.stagePassLut[s][code];
                };
                const std::uint32_t first = value(members[0]);
                if (std::any_of(members + 1, members + k,
                                [&](std::uint32_t r) { return value(r) != first; })) {
                    flip.stage = ctx.spec->stages[s].name;
                    break;
                }
            }
            if (score) {
                double lo = score[members[0]], hi = lo;
                for (std::size_t i = 1; i < k; ++i) {
                    lo = std::min(lo, score[members[i]]);
                    hi = std::max(hi, score[members[i]]);
                }
                flip.scoreRange = hi - lo;
            }
            result.flips.push_back(std::move(flip));
        }

        // Matched pairs: variants that differ in exactly one attribute d.
        for (std::size_t i = 0; i < k; ++i) {
            for (std::size_t j = 0; j < k; ++j) {
                if (i == j)
                    continue;
                std::size_t differing = 0, where = 0;
                for (std::size_t d = 0; d < dims; ++d) {
                    if (groups[i * dims + d] != groups[j * dims + d]) {
                        ++differing;
                        where = d;
                    }
                }
                if (differing != 1)
                    continue;
                const std::uint32_t ga = groups[i * dims + where];
                const std::uint32_t gb = groups[j * dims + where];
                if (ga >= gb)
                    continue;
                PairAccumulator &acc =
                    pairAcc[where][ga * ctx.protectedDims[where].groups.size() + gb];
                ++acc.pairs;
                const bool favA = outcomes[i] == 1;
                const bool favB = outcomes[j] == 1;
                acc.aOnly += favA && !favB;
                acc.bOnly += favB && !favA;
                if (score) {
                    const double delta = score[members[j]] - score[members[i]];
                    acc.shiftSum += delta;
                    acc.absSum += std::abs(delta);
                }
            }
        }
        if ((f & 0xFFFF) == 0xFFFF) {
            if (progress.isCancelled())
                return Error{ErrorCode::Cancelled, t.source, 0, {}, "cancelled"};
            progress.report(std::int64_t(f), std::int64_t(familyCount));
        }
    }
    if (singles > 5)
        ctx.warn(0, *ctx.spec->familyColumn,
                 std::to_string(singles) + " families in all have a single variant");
    if (truthConflicts > 10)
        ctx.warn(0, ctx.spec->truth->column,
                 std::to_string(truthConflicts)
                     + " families in all disagree on the expected outcome across variants");

    for (std::size_t d = 0; d < dims; ++d) {
        const Dimension &dim = ctx.protectedDims[d];
        const std::size_t g = dim.groups.size();
        for (std::size_t a = 0; a < g; ++a) {
            for (std::size_t b = a + 1; b < g; ++b) {
                const PairAccumulator &acc = pairAcc[d][a * g + b];
                PairTest test;
                test.attribute = dim.name;
                test.a = dim.groups[a];
                test.b = dim.groups[b];
                test.pairs = acc.pairs;
                test.aOnly = acc.aOnly;
                test.bOnly = acc.bOnly;
                test.mcnemarP = stats::mcnemarExact(acc.aOnly, acc.bOnly);
                test.discordant = Proportion{acc.aOnly + acc.bOnly, acc.pairs};
                if (score && acc.pairs > 0) {
                    test.meanShift = acc.shiftSum / double(acc.pairs);
                    test.meanAbsDelta = acc.absSum / double(acc.pairs);
                }
                result.pairTests.push_back(std::move(test));
            }
        }
    }
    result.families = std::int64_t(familyCount);
    result.flipRate = Proportion{std::int64_t(result.flips.size()), comparable};
    return Ok{};
}

} // namespace cp::detail
