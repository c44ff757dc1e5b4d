// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "pairsindex.h"

#include "auditcontext.h"
#include "llmaudit.h"

#include <algorithm>

namespace cp {

Result<std::shared_ptr<const PairsIndex>> buildPairsIndex(const Table &table,
                                                          std::shared_ptr<const TextRows> rows,
                                                          const AuditSpec &spec,
                                                          const AuditResult &result,
                                                          const Progress &progress)
{
    if (!spec.familyColumn)
        return Error{ErrorCode::Invalid, table.source, 0, "family",
                     "the spec names no family column: there are no pairs to show"};
    if (!rows || rows->rowCount() != table.rowCount)
        return Error{ErrorCode::Invalid, table.source, 0, {},
                     "the table's rows could not be indexed"};
    // The audit resolved these columns already; resolving again only builds look-up tables.
    auto resolved = detail::AuditContext::resolve(table, spec, spec.llm.refusalColumn.has_value());
    if (!resolved)
        return resolved.error();
    const detail::AuditContext &ctx = *resolved;
    std::vector<std::uint8_t> refused;
    if (spec.llm.refusalColumn) {
        auto flags = detail::readRefusals(table, *spec.llm.refusalColumn);
        if (!flags)
            return flags.error();
        refused = std::move(*flags);
    }

    auto index = std::make_shared<PairsIndex>();
    const std::int64_t n = table.rowCount;
    index->replyMaskWords = detail::replyMaskPhrases(ctx);
    index->threshold = spec.prediction.threshold;
    for (const StageSpec &s : spec.stages)
        index->stages.push_back(s.name);
    index->outcomeLabels = {spec.outcomes.unfavourable, spec.outcomes.favourable};
    for (const StageSpec &s : spec.stages)
        index->outcomeLabels.push_back(s.failOutcome.value_or(s.name));
    if (!refused.empty()) {
        index->refusedOutcome = std::uint8_t(index->outcomeLabels.size());
        index->outcomeLabels.push_back("refused");
    }
    index->outcome.resize(std::size_t(n));
    index->score.assign(std::size_t(n), std::numeric_limits<float>::quiet_NaN());
    for (std::int64_t r = 0; r < n; ++r) {
        index->outcome[std::size_t(r)] = !refused.empty() && refused[std::size_t(r)]
                                             ? *index->refusedOutcome
                                             : ctx.outcomeOf(r);
        if (ctx.score)
            index->score[std::size_t(r)] = float(ctx.score->values[std::size_t(r)]);
    }
    auto columnOf = [&](const std::string &name) {
        const auto &c = rows->columns();
        return int(std::find(c.begin(), c.end(), name) - c.begin());
    };
    auto dimensions = [&](const std::vector<detail::Dimension> &dims,
                          const std::vector<AttributeSpec> &specs) {
        std::vector<PairsIndex::Dimension> out;
        for (std::size_t d = 0; d < dims.size(); ++d) {
            PairsIndex::Dimension x;
            x.name = dims[d].name;
            x.column = columnOf(specs[d].column);
            x.groups = dims[d].groups;
            x.groupOfRow.resize(std::size_t(n));
            for (std::int64_t r = 0; r < n; ++r)
                x.groupOfRow[std::size_t(r)] = std::uint16_t(dims[d].groupOf(r));
            out.push_back(std::move(x));
        }
        return out;
    };
    index->protectedDims = dimensions(ctx.protectedDims, spec.protectedAttributes);
    index->strata = dimensions(ctx.strataDims, spec.strata);
    progress.report(700, 1000);

    // Families in order of first appearance, their rows grouped by a counting sort. A
    // categorical column numbers its levels in order of first appearance, so a family's index
    // is its code.
    const CategoricalColumn *family = ctx.familyColumn;
    if (n >= std::int64_t(std::numeric_limits<std::uint32_t>::max()))
        return Error{ErrorCode::Invalid, table.source, 0, {},
                     "more rows than the Pairs view can list"};
    index->families.resize(family->levels().size());
    index->familyOfRow.resize(std::size_t(n));
    for (std::int64_t r = 0; r < n; ++r) {
        const std::uint32_t code = family->code(std::size_t(r));
        ++index->families[code].variants;
        index->familyOfRow[std::size_t(r)] = code;
    }
    std::int64_t at = 0;
    for (PairsIndex::Family &f : index->families) {
        f.begin = at;
        at += f.variants;
    }
    index->familyRows.resize(std::size_t(n));
    {
        std::vector<std::uint32_t> next(index->families.size());
        for (std::size_t f = 0; f < next.size(); ++f)
            next[f] = std::uint32_t(index->families[f].begin);
        for (std::int64_t r = 0; r < n; ++r)
            index->familyRows[next[index->familyOfRow[std::size_t(r)]]++] = std::uint32_t(r);
    }
    for (std::size_t i = 0; i < index->families.size(); ++i) {
        PairsIndex::Family &f = index->families[i];
        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        for (int v = 0; v < f.variants; ++v) {
            const float s = index->score[std::size_t(index->row(i, v))];
            if (!std::isnan(s)) {
                lo = std::min(lo, s);
                hi = std::max(hi, s);
            }
        }
        if (hi >= lo)
            f.scoreRange = hi - lo;
    }
    std::string lastStage;  // flips come in runs of one stage: look each run's up once
    bool looked = false;
    std::int16_t stage = -1;
    for (const Flip &flip : result.flips) {
        if (flip.firstRow < 0 || flip.firstRow >= n)
            continue;
        PairsIndex::Family &f =
            index->families[std::size_t(index->familyOfRow[std::size_t(flip.firstRow)])];
        if (!f.flipped)
            ++index->flippedFamilies;
        f.flipped = true;
        f.refusal = flip.kind == FlipKind::Refusal;
        if (!looked || flip.stage != lastStage) {
            looked = true;
            const auto it = std::find(index->stages.begin(), index->stages.end(), flip.stage);
            stage = it == index->stages.end() ? std::int16_t(-1)
                                              : std::int16_t(it - index->stages.begin());
            lastStage = flip.stage;
        }
        f.stage = stage;
    }
    index->rows = std::move(rows);
    progress.report(1000, 1000);
    return std::shared_ptr<const PairsIndex>(index);
}

std::optional<std::size_t> PairsIndex::familyOfSourceRow(std::int64_t row) const
{
    if (row < 0)
        return std::nullopt;
    if (sourceRows.empty()) {
        if (std::size_t(row) >= familyOfRow.size())
            return std::nullopt;
        return std::size_t(familyOfRow[std::size_t(row)]);
    }
    const auto it = std::find(sourceRows.begin(), sourceRows.end(), row);
    if (it == sourceRows.end())
        return std::nullopt;
    return std::size_t(familyOfRow[std::size_t(it - sourceRows.begin())]);
}

std::vector<const Flip *> topFlips(const std::vector<Flip> &flips, std::size_t count)
{
    std::vector<const Flip *> all(flips.size());
    for (std::size_t i = 0; i < flips.size(); ++i)
        all[i] = &flips[i];
    auto before = [](const Flip *a, const Flip *b) {
        const double ra = a->scoreRange.value_or(-1), rb = b->scoreRange.value_or(-1);
        return ra != rb ? ra > rb : a->firstRow < b->firstRow;
    };
    count = std::min(count, all.size());
    std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(count), all.end(), before);
    all.resize(count);
    return all;
}

std::shared_ptr<const PairsIndex> excerptPairs(const PairsIndex &index,
                                               const std::vector<const Flip *> &flips)
{
    auto out = std::make_shared<PairsIndex>();
    out->outcomeLabels = index.outcomeLabels;
    out->threshold = index.threshold;
    out->stages = index.stages;
    out->replyMaskWords = index.replyMaskWords;
    const auto dimsOf = [](const std::vector<PairsIndex::Dimension> &from) {
        std::vector<PairsIndex::Dimension> dims;
        for (const PairsIndex::Dimension &d : from)
            dims.push_back({d.name, d.column, d.groups, {}});
        return dims;
    };
    out->protectedDims = dimsOf(index.protectedDims);
    out->strata = dimsOf(index.strata);

    std::vector<std::string> ids;
    std::vector<std::vector<std::string>> cells;
    std::vector<std::string_view> views;
    std::string scratch;
    std::vector<std::size_t> taken;
    for (const Flip *flip : flips) {
        const auto f = flip ? index.familyOfSourceRow(flip->firstRow) : std::nullopt;
        if (!f || std::find(taken.begin(), taken.end(), *f) != taken.end())
            continue;
        taken.push_back(*f);
        const PairsIndex::Family &from = index.families[*f];
        PairsIndex::Family family = from;
        family.begin = std::int64_t(out->familyRows.size());
        for (int v = 0; v < from.variants; ++v) {
            const std::int64_t row = index.row(*f, v);
            const auto r = std::size_t(row);
            out->familyRows.push_back(std::uint32_t(out->sourceRows.size()));
            out->familyOfRow.push_back(std::uint32_t(out->families.size()));
            out->sourceRows.push_back(index.sourceRows.empty() ? row : index.sourceRows[r]);
            out->outcome.push_back(index.outcome[r]);
            out->score.push_back(index.score[r]);
            for (std::size_t d = 0; d < index.protectedDims.size(); ++d)
                out->protectedDims[d].groupOfRow.push_back(index.protectedDims[d].groupOfRow[r]);
            for (std::size_t d = 0; d < index.strata.size(); ++d)
                out->strata[d].groupOfRow.push_back(index.strata[d].groupOfRow[r]);
            ids.push_back(index.rows->id(row));
            index.rows->cells(row, views, scratch);
            cells.emplace_back(views.begin(), views.end());
        }
        out->flippedFamilies += family.flipped;
        out->families.push_back(family);
    }
    out->rows = std::make_shared<CellRows>(index.rows->columns(), std::move(ids),
                                           std::move(cells));
    return out;
}

void CellRows::cells(std::int64_t row, std::vector<std::string_view> &out, std::string &) const
{
    const std::vector<std::string> &cells = m_cells[std::size_t(row)];
    out.assign(cells.begin(), cells.end());
}

namespace {

/// Whether the family's variants in group a and group b of attribute `a`, equal in every other
/// attribute, got different outcomes.
bool flipsBetween(const PairsIndex &x, std::size_t i, int a, int ga, int gb)
{
    const auto &dims = x.protectedDims;
    const PairsIndex::Family &f = x.families[i];
    for (int v = 0; v < f.variants; ++v) {
        const std::int64_t r = x.row(i, v);
        if (dims[std::size_t(a)].groupOfRow[std::size_t(r)] != ga)
            continue;
        for (int w = 0; w < f.variants; ++w) {
            const std::int64_t s = x.row(i, w);
            if (dims[std::size_t(a)].groupOfRow[std::size_t(s)] != gb)
                continue;
            bool matched = true;
            for (std::size_t d = 0; d < dims.size() && matched; ++d)
                matched = int(d) == a
                          || dims[d].groupOfRow[std::size_t(r)] == dims[d].groupOfRow[std::size_t(s)];
            if (matched && x.outcome[std::size_t(r)] != x.outcome[std::size_t(s)])
                return true;
        }
    }
    return false;
}

bool inCell(const PairsIndex &x, std::size_t i, const std::vector<std::pair<int, int>> &cell)
{
    const std::size_t np = x.protectedDims.size();
    for (int v = 0; v < x.families[i].variants; ++v) {
        const std::int64_t r = x.row(i, v);
        bool all = true;
        for (const auto &[d, g] : cell) {
            const auto &dim = std::size_t(d) < np ? x.protectedDims[std::size_t(d)]
                                                  : x.strata[std::size_t(d) - np];
            all = all && dim.groupOfRow[std::size_t(r)] == g;
        }
        if (all)
            return true;
    }
    return false;
}

} // namespace

std::vector<std::int32_t> filterFamilies(const PairsIndex &x, const PairsFilter &filter,
                                         PairsOrder order)
{
    std::vector<std::int32_t> out;
    for (std::size_t i = 0; i < x.families.size(); ++i) {
        const PairsIndex::Family &f = x.families[i];
        if (filter.flipsOnly && !f.flipped)
            continue;
        if (filter.flipKind
            && (!f.flipped || f.refusal != (*filter.flipKind == FlipKind::Refusal)))
            continue;
        if (filter.stage && (!f.flipped || f.stage != *filter.stage))
            continue;
        if (filter.minScoreRange
            && (std::isnan(f.scoreRange) || double(f.scoreRange) < *filter.minScoreRange))
            continue;
        if (filter.stratum) {
            const auto &[d, g] = *filter.stratum;
            if (x.strata[std::size_t(d)].groupOfRow[std::size_t(x.row(i, 0))] != g)
                continue;
        }
        if (filter.groupPair) {
            const auto &[a, ga, gb] = *filter.groupPair;
            if (!flipsBetween(x, i, a, ga, gb))
                continue;
        }
        if (!filter.cell.empty() && !inCell(x, i, filter.cell))
            continue;
        if (filter.reviewState && filter.reviewStates
            && (i >= filter.reviewStates->size() || (*filter.reviewStates)[i] != *filter.reviewState))
            continue;
        out.push_back(std::int32_t(i));
    }
    if (order != PairsOrder::Table) {
        const bool descending = order == PairsOrder::ScoreRangeDescending;
        std::stable_sort(out.begin(), out.end(), [&](std::int32_t a, std::int32_t b) {
            const float ra = x.families[std::size_t(a)].scoreRange;
            const float rb = x.families[std::size_t(b)].scoreRange;
            if (std::isnan(ra) || std::isnan(rb))
                return !std::isnan(ra) && std::isnan(rb);  // undefined last
            return descending ? ra > rb : ra < rb;
        });
    }
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> changedWords(std::string_view text,
                                                              std::string_view other)
{
    auto words = [](std::string_view t) {
        std::vector<std::pair<std::size_t, std::size_t>> w;
        std::size_t i = 0;
        while (i < t.size()) {
            while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
                ++i;
            const std::size_t start = i;
            while (i < t.size() && !(t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
                ++i;
            if (i > start)
                w.emplace_back(start, i);
        }
        return w;
    };
    if (text == other)
        return {};
    if (text.size() > 4000 || other.size() > 4000)
        return {{0, text.size()}};
    const auto a = words(text), b = words(other);
    // LCS table over words; texts are a sentence or a paragraph.
    std::vector<std::vector<std::uint16_t>> l(a.size() + 1,
                                              std::vector<std::uint16_t>(b.size() + 1, 0));
    auto word = [](std::string_view t, std::pair<std::size_t, std::size_t> r) {
        return t.substr(r.first, r.second - r.first);
    };
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            l[i][j] = word(text, a[i]) == word(other, b[j])
                          ? std::uint16_t(l[i + 1][j + 1] + 1)
                          : std::max(l[i + 1][j], l[i][j + 1]);
    std::vector<std::pair<std::size_t, std::size_t>> changed;
    std::size_t i = 0, j = 0;
    while (i < a.size()) {
        if (j < b.size() && word(text, a[i]) == word(other, b[j])) {
            ++i;
            ++j;
        } else if (j < b.size() && l[i][j + 1] >= l[i + 1][j]) {
            ++j;
        } else {
            changed.push_back(a[i]);
            ++i;
        }
    }
    return changed;
}

} // namespace cp
