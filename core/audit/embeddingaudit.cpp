// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
// Cosine similarity between counterfactual replies, from their embeddings: per attribute and
// pair of groups, over the families' pairs of variants that differ in that attribute only (as
// the reply similarity pairs them), the mean cosine with its interval and the least similar
// families first.
#include "llmaudit.h"

#include <core/common/embedding.h>

#include <algorithm>
#include <cmath>

namespace cp::detail {

Status auditEmbeddings(const AuditContext &ctx, const std::vector<std::uint8_t> &refused,
                       AuditResult &result)
{
    const LlmSpec &llm = ctx.spec->llm;
    if (!llm.embeddingColumn)
        return Ok{};
    const Table &t = *ctx.table;
    const CategoricalColumn *column = t.categoricalColumn(*llm.embeddingColumn);
    if (!column)
        return Error{ErrorCode::Schema, t.source, 1, *llm.embeddingColumn, "missing column"};
    const auto rows = std::size_t(t.rowCount);
    const auto isRefused = [&](std::size_t r) { return !refused.empty() && refused[r] != 0; };

    // Each distinct vector is read once; every one must have the first one's dimension.
    const std::vector<std::string> &levels = column->levels();
    std::vector<float> values;
    std::vector<float> one;
    std::string why;
    std::size_t dimension = 0;
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const std::int64_t row = column->firstRows()[l];
        const auto where = [&] { return t.lineOfRow(row); };
        if (!embedding::parse(levels[l], one, why))
            return Error{ErrorCode::Invalid, t.source, where(), *llm.embeddingColumn,
                         "not an embedding: " + why};
        if (one.empty())
            return Error{ErrorCode::Invalid, t.source, where(), *llm.embeddingColumn,
                         "an embedding without a component"};
        if (l == 0)
            dimension = one.size();
        else if (one.size() != dimension)
            return Error{ErrorCode::Invalid, t.source, where(), *llm.embeddingColumn,
                         "an embedding of " + std::to_string(one.size())
                             + " components where the first had " + std::to_string(dimension)};
        values.insert(values.end(), one.begin(), one.end());
    }
    const auto vectorOf = [&](std::uint32_t code) {
        return std::span<const float>(values.data() + std::size_t(code) * dimension, dimension);
    };

    EmbeddingEvidence ev;
    ev.column = *llm.embeddingColumn;
    ev.source = llm.embeddingSource;
    ev.dimension = std::int64_t(dimension);
    for (std::size_t r = 0; r < rows; ++r)
        ev.variantsWithEmbedding += !isRefused(r) && column->code(r) != CategoricalColumn::Missing;

    const std::size_t dims = ctx.protectedDims.size();
    struct Acc {
        stats::MeanEstimate cosine;
        std::int64_t undefined = 0;
        std::vector<std::pair<double, std::uint32_t>> least; ///< max-heap on the cosine
    };
    std::vector<std::vector<Acc>> acc(dims);
    for (std::size_t d = 0; d < dims; ++d) {
        const std::size_t g = ctx.protectedDims[d].groups.size();
        acc[d].resize(g * g);
    }
    if (ctx.familyColumn) {
        const CategoricalColumn &fam = *ctx.familyColumn;
        const std::size_t familyCount = fam.levels().size();
        const FamilyOrder grouped = familyOrder(fam, rows);
        const std::vector<std::uint32_t> &offsets = grouped.offsets;
        const std::vector<std::uint32_t> &order = grouped.order;
        std::vector<std::uint32_t> groups;
        for (std::size_t f = 0; f < familyCount; ++f) {
            const std::uint32_t *members = order.data() + offsets[f];
            const std::size_t k = offsets[f + 1] - offsets[f];
            if (k < 2)
                continue;
            groups.assign(k * dims, 0);
            bool whole = true;
            for (std::size_t i = 0; i < k; ++i)
                for (std::size_t d = 0; d < dims; ++d) {
                    const Dimension &dim = ctx.protectedDims[d];
                    if (dim.column->code(members[i]) == CategoricalColumn::Missing)
                        whole = false;
                    else
                        groups[i * dims + d] = dim.groupOf(members[i]);
                }
            if (!whole)
                continue;
            for (std::size_t i = 0; i < k; ++i)
                for (std::size_t j = 0; j < k; ++j) {
                    std::size_t differing = 0, where = 0;
                    for (std::size_t d = 0; d < dims; ++d)
                        if (groups[i * dims + d] != groups[j * dims + d]) {
                            ++differing;
                            where = d;
                        }
                    const std::uint32_t ga = groups[i * dims + where];
                    const std::uint32_t gb = groups[j * dims + where];
                    if (differing != 1 || ga >= gb)
                        continue;
                    const std::uint32_t ri = members[i], rj = members[j];
                    const std::uint32_t ci = column->code(ri), cj = column->code(rj);
                    if (isRefused(ri) || isRefused(rj) || ci == CategoricalColumn::Missing
                        || cj == CategoricalColumn::Missing)
                        continue;
                    Acc &p = acc[where][ga * ctx.protectedDims[where].groups.size() + gb];
                    const double c = embedding::cosine(vectorOf(ci), vectorOf(cj));
                    if (std::isnan(c)) {
                        ++p.undefined;
                        continue;
                    }
                    p.cosine.add(c);
                    keepSmallest(p.least, c, std::uint32_t(f),
                                 EmbeddingPairSimilarity::LeastSimilarKept);
                }
        }
        for (std::size_t d = 0; d < dims; ++d) {
            const Dimension &dim = ctx.protectedDims[d];
            const std::size_t g = dim.groups.size();
            for (std::size_t a = 0; a < g; ++a)
                for (std::size_t b = a + 1; b < g; ++b) {
                    Acc &p = acc[d][a * g + b];
                    EmbeddingPairSimilarity out;
                    out.attribute = dim.name;
                    out.a = dim.groups[a];
                    out.b = dim.groups[b];
                    out.cosine = p.cosine;
                    out.undefined = p.undefined;
                    std::sort(p.least.begin(), p.least.end());
                    for (const auto &[c, family] : p.least)
                        out.leastSimilar.emplace_back(fam.levels()[family], c);
                    ev.pairs.push_back(std::move(out));
                }
        }
    }
    result.embeddingSimilarity = std::move(ev);
    return Ok{};
}

} // namespace cp::detail
