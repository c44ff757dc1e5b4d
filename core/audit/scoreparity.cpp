// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
// Score parity for a scorer of replies (sentiment, toxicity, a rubric judge): do the groups'
// replies get the same distribution of scores? Strict parity compares the whole distributions
// (Wasserstein-1), weak parity the share above the threshold.
#include "llmaudit.h"

#include "textmetrics.h"

#include <cmath>

namespace cp::detail {

void auditScoreParity(const AuditContext &ctx, const std::vector<std::uint8_t> &refused,
                      AuditResult &result)
{
    if (!ctx.spec->llm.scoreParity || !ctx.score || !ctx.spec->prediction.scoreColumn)
        return;
    const std::vector<double> &scores = ctx.score->values;
    const std::optional<double> tau = ctx.spec->prediction.threshold;
    ScoreParityEvidence ev;
    ev.column = *ctx.spec->prediction.scoreColumn;
    ev.threshold = tau;
    for (const Dimension &dim : ctx.protectedDims) {
        // Each group's scores, refused variants and missing scores left out.
        std::vector<std::vector<double>> byGroup(dim.groups.size());
        for (std::size_t r = 0; r < scores.size(); ++r) {
            const double v = scores[r];
            if (std::isnan(v) || (!refused.empty() && refused[r]))
                continue;
            if (dim.column->code(r) == CategoricalColumn::Missing)
                continue;
            const std::uint32_t g = dim.groupOf(std::int64_t(r));
            if (g < byGroup.size())
                byGroup[g].push_back(v);
        }
        for (std::size_t a = 0; a < byGroup.size(); ++a)
            for (std::size_t b = a + 1; b < byGroup.size(); ++b) {
                ScoreParityPair p;
                p.attribute = dim.name;
                p.a = dim.groups[a];
                p.b = dim.groups[b];
                p.na = std::int64_t(byGroup[a].size());
                p.nb = std::int64_t(byGroup[b].size());
                if (p.na > 0 && p.nb > 0)
                    p.wasserstein1 = text::wasserstein1(byGroup[a], byGroup[b]);
                if (tau) {
                    const auto above = [&](const std::vector<double> &xs) {
                        std::int64_t k = 0;
                        for (double x : xs)
                            k += x > *tau;
                        return Proportion{k, std::int64_t(xs.size())};
                    };
                    p.aAbove = above(byGroup[a]);
                    p.bAbove = above(byGroup[b]);
                    if (p.aAbove.defined() && p.bAbove.defined()) {
                        const double pa = *p.aAbove.value(), pb = *p.bAbove.value();
                        p.weakGap = pa - pb;
                        p.weakGapCi = stats::newcombe(pa, *p.aAbove.ci(), pb, *p.bAbove.ci());
                    }
                }
                ev.pairs.push_back(std::move(p));
            }
    }
    result.scoreParity = std::move(ev);
}

} // namespace cp::detail
