// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditengine.h"

#include "auditcontext.h"
#include "llmaudit.h"

#include <core/table/tablereader.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <numeric>

namespace cp {

using detail::AuditContext;
using detail::Dimension;

namespace {

constexpr std::size_t Block = 2048;
/// One cube over everything is the fast path; past this many cells, one cube per need instead.
constexpr std::size_t MaxCubeCells = std::size_t(1) << 20;
/// An intersection grid larger than this is not something a person can read, and its counts
/// would cost more memory than the rows: refuse it with a clear error.
constexpr std::size_t MaxIntersectionCells = 1'000'000;

/// Six outcome classes per cell: truth (0 neg, 1 pos, 2 unknown) × 2 + predicted favourable.
constexpr int Classes = 6;

/// Counts per cell of a cross product of dimensions, plus the score sum per cell.
/// Every slice, intersection and calibration table is a marginal of one cube.
struct Cube {
    std::vector<const Dimension *> dims; ///< nullptr stands for the score band
    std::vector<std::size_t> sizes;
    std::vector<std::size_t> strides;
    std::size_t cells = 1;
    std::vector<std::int64_t> counts;    ///< cells × Classes
    std::vector<double> scoreSums;       ///< cells

    /// Marginal onto a subset of this cube's dimensions (positions into dims).
    void marginal(const std::vector<std::size_t> &keep, std::vector<std::int64_t> &outCounts,
                  std::vector<double> &outSums, std::size_t &outCells) const
    {
        std::vector<std::size_t> outStrides(keep.size());
        outCells = 1;
        for (std::size_t i = keep.size(); i-- > 0;) {
            outStrides[i] = outCells;
            outCells *= sizes[keep[i]];
        }
        outCounts.assign(outCells * Classes, 0);
        outSums.assign(outCells, 0.0);
        for (std::size_t c = 0; c < cells; ++c) {
            std::size_t target = 0;
            for (std::size_t i = 0; i < keep.size(); ++i)
                target += (c / strides[keep[i]] % sizes[keep[i]]) * outStrides[i];
            for (int k = 0; k < Classes; ++k)
                outCounts[target * Classes + std::size_t(k)] += counts[c * Classes + std::size_t(k)];
            outSums[target] += scoreSums[c];
        }
    }
};

struct CellCounts {
    const std::int64_t *c;
    std::int64_t n() const { return c[0] + c[1] + c[2] + c[3] + c[4] + c[5]; }
    std::int64_t tn() const { return c[0]; }
    std::int64_t fp() const { return c[1]; }
    std::int64_t fn() const { return c[2]; }
    std::int64_t tp() const { return c[3]; }
    std::int64_t positives() const { return c[2] + c[3]; }
    std::int64_t negatives() const { return c[0] + c[1]; }
    std::int64_t favourable() const { return c[1] + c[3] + c[5]; }
};

template<typename Code>
void addCodes(const Code *codes, const std::vector<std::uint32_t> &lut, std::size_t stride,
              std::size_t begin, std::size_t count, std::uint32_t *idx)
{
    for (std::size_t i = 0; i < count; ++i)
        idx[i] += lut[codes[begin + i]] * std::uint32_t(stride);
}

/// The counting pass: one sweep over the rows, block by block, filling the cube.
Status fillCube(const AuditContext &ctx, Cube &cube, const Progress &progress)
{
    const Table &t = *ctx.table;
    const auto rows = std::size_t(t.rowCount);
    cube.counts.assign(cube.cells * Classes, 0);
    cube.scoreSums.assign(cube.cells, 0.0);
    const double *score = ctx.score ? ctx.score->values.data() : nullptr;
    const std::vector<double> *cuts = ctx.spec->scoreBands ? &ctx.spec->scoreBands->cuts : nullptr;
    const double threshold = ctx.spec->prediction.threshold.value_or(0.0);

    std::array<std::uint32_t, Block> idx;
    std::array<std::uint8_t, Block> cls;
    for (std::size_t begin = 0; begin < rows; begin += Block) {
        const std::size_t count = std::min(Block, rows - begin);
        idx.fill(0);
        for (std::size_t d = 0; d < cube.dims.size(); ++d) {
            if (const Dimension *dim = cube.dims[d]) {
                if (dim->column->isWide())
                    addCodes(dim->column->wideCodes(), dim->lut, cube.strides[d], begin, count,
                             idx.data());
                else
                    addCodes(dim->column->narrowCodes(), dim->lut, cube.strides[d], begin, count,
                             idx.data());
            } else {
                for (std::size_t i = 0; i < count; ++i) {
                    const double s = score[begin + i];
                    std::uint32_t band = 0;
                    for (double cut : *cuts)
                        band += s >= cut;
                    idx[i] += band * std::uint32_t(cube.strides[d]);
                }
            }
        }
        // Predicted favourable by the final stage …
        if (ctx.labelColumn) {
            for (std::size_t i = 0; i < count; ++i)
                cls[i] = ctx.favourableLut[ctx.labelColumn->code(begin + i)];
        } else {
            for (std::size_t i = 0; i < count; ++i)
                cls[i] = score[begin + i] >= threshold;
        }
        // … unless an earlier gate overrode it.
        for (std::size_t s = 0; s < ctx.stageColumns.size(); ++s) {
            if (ctx.stagePassLut[s].empty() || !ctx.spec->stages[s].failOutcome)
                continue;
            for (std::size_t i = 0; i < count; ++i)
                cls[i] &= ctx.stagePassLut[s][ctx.stageColumns[s]->code(begin + i)];
        }
        if (ctx.truthColumn && !ctx.truthColumn->isWide()) {
            // Raw bytes: the look-up table maps the missing byte to "unknown" without a branch.
            const std::uint8_t *codes = ctx.truthColumn->narrowCodes() + begin;
            for (std::size_t i = 0; i < count; ++i)
                cls[i] += std::uint8_t(2 * ctx.truthLut[codes[i]]);
        } else if (ctx.truthColumn) {
            for (std::size_t i = 0; i < count; ++i)
                cls[i] += std::uint8_t(2 * ctx.truthOf(std::int64_t(begin + i)));
        } else {
            for (std::size_t i = 0; i < count; ++i)
                cls[i] += 4;
        }
        std::int64_t *counts = cube.counts.data();
        for (std::size_t i = 0; i < count; ++i)
            ++counts[idx[i] * Classes + cls[i]];
        if (score) {
            double *sums = cube.scoreSums.data();
            for (std::size_t i = 0; i < count; ++i)
                sums[idx[i]] += score[begin + i];
        }
        if ((begin / Block) % 256 == 255) {
            if (progress.isCancelled())
                return Error{ErrorCode::Cancelled, t.source, 0, {}, "cancelled"};
            progress.report(std::int64_t(begin + count), std::int64_t(rows));
        }
    }
    return Ok{};
}

Proportion prop(std::int64_t k, std::int64_t n) { return Proportion{k, n}; }

/// Every metric of one cell of counts, indexed by Metric: the one definition slices and
/// intersection cells share.
std::array<Proportion, MetricCount> ratesOf(CellCounts c)
{
    std::array<Proportion, MetricCount> rates;
    for (int i = 0; i < MetricCount; ++i) {
        Proportion &p = rates[std::size_t(i)];
        // No default: a Metric without its case here is a -Wswitch warning and a test failure
        // (tst_metrics' everyMetricHasItsOwnValue), never another metric's value.
        switch (Metric(i)) {
        case Metric::SelectionRate: p = prop(c.favourable(), c.n()); break;
        case Metric::Tpr: p = prop(c.tp(), c.positives()); break;
        case Metric::Fpr: p = prop(c.fp(), c.negatives()); break;
        case Metric::Fnr: p = prop(c.fn(), c.positives()); break;
        case Metric::Precision: p = prop(c.tp(), c.tp() + c.fp()); break;
        case Metric::Accuracy: p = prop(c.tp() + c.tn(), c.positives() + c.negatives()); break;
        }
    }
    return rates;
}

SliceRates sliceFrom(const std::string &group, CellCounts c, double scoreSum, bool hasScore)
{
    SliceRates s;
    s.group = group;
    s.n = c.n();
    s.positives = c.positives();
    s.negatives = c.negatives();
    s.favourable = c.favourable();
    s.rates = ratesOf(c);
    if (hasScore && s.n > 0)
        s.meanScore = scoreSum / double(s.n);
    return s;
}

/// The contract's minimum support per slice, decided here once: a slice short of positives
/// or negatives is report-only, and says which.
void markSupport(AttributeSlices &slices, const Contract *contract)
{
    if (!contract)
        return;
    slices.minPositives = contract->minPositives;
    slices.minNegatives = contract->minNegatives;
    for (SliceRates &s : slices.groups) {
        s.positivesShort = s.positives < contract->minPositives;
        s.negativesShort = s.negatives < contract->minNegatives;
        s.status = s.positivesShort || s.negativesShort ? CellStatus::ReportOnly
                                                        : CellStatus::Eligible;
    }
}

/// Builds the cube: every protected attribute and every stratum an intersection uses, plus the
/// score band when calibration is asked. Falls back to one cube per need when that is too big.
std::vector<Cube> planCubes(const AuditContext &ctx)
{
    const AuditSpec &spec = *ctx.spec;
    auto dimByName = [&](const std::string &name) -> const Dimension * {
        for (const auto &d : ctx.protectedDims)
            if (d.name == name)
                return &d;
        for (const auto &d : ctx.strataDims)
            if (d.name == name)
                return &d;
        return nullptr;
    };
    auto makeCube = [&](std::vector<const Dimension *> dims, bool band) {
        Cube c;
        c.dims = std::move(dims);
        if (band)
            c.dims.push_back(nullptr);
        for (const Dimension *d : c.dims)
            c.sizes.push_back(d ? std::max<std::size_t>(d->groups.size(), 1)
                                : spec.scoreBands->cuts.size() + 1);
        c.strides.resize(c.dims.size());
        for (std::size_t i = c.dims.size(); i-- > 0;) {
            c.strides[i] = c.cells;
            c.cells *= c.sizes[i];
        }
        return c;
    };
    const bool band = spec.scoreBands.has_value();
    std::vector<const Dimension *> all;
    for (const auto &d : ctx.protectedDims)
        all.push_back(&d);
    for (const auto &x : spec.intersections)
        for (const auto &name : x.dimensions)
            if (const Dimension *d = dimByName(name);
                std::find(all.begin(), all.end(), d) == all.end())
                all.push_back(d);
    Cube full = makeCube(all, band);
    if (full.cells <= MaxCubeCells)
        return {full};
    std::vector<Cube> cubes;
    for (const auto &d : ctx.protectedDims)
        cubes.push_back(makeCube({&d}, band));
    for (const auto &x : spec.intersections) {
        std::vector<const Dimension *> dims;
        for (const auto &name : x.dimensions)
            dims.push_back(dimByName(name));
        cubes.push_back(makeCube(dims, false));
    }
    return cubes;
}

/// Finds a cube holding all the given dimensions and their positions in it.
const Cube *cubeFor(const std::vector<Cube> &cubes, const std::vector<const Dimension *> &dims,
                    std::vector<std::size_t> &positions)
{
    for (const Cube &c : cubes) {
        positions.clear();
        for (const Dimension *d : dims) {
            const auto it = std::find(c.dims.begin(), c.dims.end(), d);
            if (it == c.dims.end())
                break;
            positions.push_back(std::size_t(it - c.dims.begin()));
        }
        if (positions.size() == dims.size())
            return &c;
    }
    return nullptr;
}

} // namespace

namespace {

Result<AuditResult> countingAudit(const Table &table, const AuditSpec &spec,
                                  const Progress &progress)
{
    auto resolved = AuditContext::resolve(table, spec);
    if (!resolved)
        return resolved.error();
    AuditContext &ctx = resolved.value();

    AuditResult result;
    result.rows = table.rowCount;
    result.source = table.source;
    result.tableSha256 = table.sha256;
    result.specName = spec.name;
    result.favourableLabel = spec.outcomes.favourable;
    if (spec.contract)
        result.contractVersion = spec.contract->version;

    for (const IntersectionSpec &x : spec.intersections) {
        std::size_t cellCount = 1;
        std::string sizes;
        for (const auto &name : x.dimensions) {
            const AttributeSpec *a = spec.dimension(name);
            const CategoricalColumn *col = table.categoricalColumn(a->column);
            const std::size_t n = a->groups.empty() ? col->levels().size() : a->groups.size();
            cellCount = cellCount > MaxIntersectionCells ? cellCount : cellCount * n;
            sizes += (sizes.empty() ? "" : " × ") + std::to_string(n);
        }
        if (cellCount > MaxIntersectionCells) {
            std::string dims;
            for (const auto &name : x.dimensions)
                dims += (dims.empty() ? "" : " × ") + name;
            return Error{ErrorCode::Invalid, table.source, 0, dims,
                         "the intersection has " + sizes + " cells, more than "
                             + std::to_string(MaxIntersectionCells)
                             + "; grid fewer or coarser dimensions"};
        }
    }

    std::vector<Cube> cubes = planCubes(ctx);
    // Progress on a 0–1000 scale: the counting pass(es), then the family pass.
    const int countingShare = ctx.familyColumn ? 400 : 1000;
    for (std::size_t i = 0; i < cubes.size(); ++i) {
        const int from = int(i * std::size_t(countingShare) / cubes.size());
        const int to = int((i + 1) * std::size_t(countingShare) / cubes.size());
        if (auto s = fillCube(ctx, cubes[i], progress.phase(from, to)); !s)
            return s.error();
    }

    std::vector<std::int64_t> counts;
    std::vector<double> sums;
    std::size_t cells = 0;
    std::vector<std::size_t> pos;
    const bool hasScore = ctx.score != nullptr;

    // Overall counts: balanced accuracy and the Theil index.
    cubes.front().marginal({}, counts, sums, cells);
    {
        const CellCounts all{counts.data()};
        result.overallTpr = prop(all.tp(), all.positives());
        result.overallTnr = prop(all.tn(), all.negatives());
        if (result.overallTpr.defined() && result.overallTnr.defined())
            result.balancedAccuracy = (*result.overallTpr.value() + *result.overallTnr.value()) / 2;
        // b_i = ŷ − y + 1: 0 for a false negative, 2 for a false positive, 1 otherwise.
        result.theilIndex = stats::theilIndex(all.fn(), all.tp() + all.tn(), all.fp());
    }

    for (const Dimension &d : ctx.protectedDims) {
        const Cube *cube = cubeFor(cubes, {&d}, pos);
        cube->marginal(pos, counts, sums, cells);
        AttributeSlices slices;
        slices.attribute = d.name;
        for (const auto &a : spec.protectedAttributes)
            if (a.name == d.name)
                slices.reference = a.reference;
        for (std::size_t g = 0; g < d.groups.size(); ++g)
            slices.groups.push_back(
                sliceFrom(d.groups[g], CellCounts{&counts[g * Classes]}, sums[g], hasScore));
        markSupport(slices, spec.contract ? &*spec.contract : nullptr);
        result.slices.push_back(std::move(slices));
    }

    const Contract *contract = spec.contract ? &*spec.contract : nullptr;
    for (const IntersectionSpec &x : spec.intersections) {
        std::vector<const Dimension *> dims;
        for (const auto &name : x.dimensions) {
            for (const auto &d : ctx.protectedDims)
                if (d.name == name)
                    dims.push_back(&d);
            for (const auto &d : ctx.strataDims)
                if (d.name == name)
                    dims.push_back(&d);
        }
        const Cube *cube = cubeFor(cubes, dims, pos);
        cube->marginal(pos, counts, sums, cells);
        Intersection out;
        out.dimensions = x.dimensions;
        out.population = x.population;
        if (contract) {
            out.minSupport = x.population == Population::Positives   ? contract->minPositives
                             : x.population == Population::Negatives ? contract->minNegatives
                             : contract->minCellSupport.value_or(contract->minPositives
                                                                 + contract->minNegatives);
        }
        for (std::size_t c = 0; c < cells; ++c) {
            IntersectionCell cell;
            std::size_t rest = c;
            cell.key.resize(dims.size());
            for (std::size_t i = dims.size(); i-- > 0;) {
                cell.key[i] = dims[i]->groups[rest % dims[i]->groups.size()];
                rest /= dims[i]->groups.size();
            }
            const std::int64_t *k = &counts[c * Classes];
            // Restrict the cell to its population before counting.
            std::array<std::int64_t, Classes> p{};
            for (int i = 0; i < Classes; ++i) {
                const int truth = i / 2;
                const bool in = x.population == Population::All
                                || (x.population == Population::Positives && truth == 1)
                                || (x.population == Population::Negatives && truth == 0);
                p[std::size_t(i)] = in ? k[i] : 0;
            }
            const CellCounts cc{p.data()};
            cell.n = cc.n();
            cell.positives = cc.positives();
            cell.negatives = cc.negatives();
            cell.rates = ratesOf(cc);
            cell.status = cell.n > 0 && cell.n >= out.minSupport ? CellStatus::Eligible
                                                                 : CellStatus::ReportOnly;
            out.cells.push_back(std::move(cell));
        }
        result.intersections.push_back(std::move(out));
    }

    if (spec.scoreBands) {
        const std::int64_t minSupport = contract ? contract->minCalibrationSupport : 1;
        for (const Dimension &d : ctx.protectedDims) {
            const Cube *cube = cubeFor(cubes, {&d, nullptr}, pos);
            cube->marginal(pos, counts, sums, cells);
            const std::size_t bands = spec.scoreBands->labels.size();
            for (std::size_t g = 0; g < d.groups.size(); ++g) {
                for (std::size_t b = 0; b < bands; ++b) {
                    const std::size_t c = g * bands + b;
                    const CellCounts cc{&counts[c * Classes]};
                    CalibrationCell cell;
                    cell.attribute = d.name;
                    cell.group = d.groups[g];
                    cell.band = spec.scoreBands->labels[b];
                    cell.n = cc.n();
                    cell.observed = prop(cc.positives(), cc.positives() + cc.negatives());
                    if (cell.n > 0)
                        cell.meanScore = sums[c] / double(cell.n);
                    cell.eligible = cell.n > 0 && cell.n >= std::max<std::int64_t>(minSupport, 1);
                    result.calibration.push_back(std::move(cell));
                }
            }
        }
    }

    if (ctx.familyColumn)
        if (auto s = detail::auditFamilies(ctx, result, progress.phase(countingShare, 1000)); !s)
            return s.error();

    detail::evaluateContract(ctx, result);
    result.warnings = std::move(ctx.warnings);
    result.warningsOmitted = ctx.warningsOmitted;
    progress.report(1000, 1000);
    return result;
}

bool namesLlmChecks(const AuditSpec &spec)
{
    if (!spec.contract)
        return false;
    const Contract &c = *spec.contract;
    return c.maxRefusalGap || c.minAnswerRatio || c.maxLpbs || c.maxCategoricalBias;
}

} // namespace

Result<AuditResult> runAudit(const Table &table, const AuditSpec &spec, const Progress &progress)
{
    if (!spec.llm.any()) {
        auto result = countingAudit(table, spec, progress);
        if (result && namesLlmChecks(spec))
            detail::evaluateLlmContract(spec, *result);
        return result;
    }
    // A refused variant is an outcome: the refusal metrics count every row, while the score-
    // and label-based metrics use the families in which every variant answered.
    std::vector<std::uint8_t> refused;
    if (spec.llm.refusalColumn) {
        auto flags = detail::readRefusals(table, *spec.llm.refusalColumn);
        if (!flags)
            return flags.error();
        refused = std::move(*flags);
    }
    const CategoricalColumn *family = spec.familyColumn
                                          ? table.categoricalColumn(*spec.familyColumn)
                                          : nullptr;
    if (spec.familyColumn && !family)
        return Error{ErrorCode::Schema, table.source, 1, *spec.familyColumn, "missing column"};
    std::vector<std::int64_t> kept;
    std::int64_t familiesLeftOut = 0, rowsLeftOut = 0;
    const bool anyRefused = std::find(refused.begin(), refused.end(), 1) != refused.end();
    if (anyRefused) {
        std::vector<std::uint8_t> spoiled(family ? family->levels().size() : 0, 0);
        if (family)
            for (std::size_t r = 0; r < refused.size(); ++r)
                if (refused[r] && family->code(r) != CategoricalColumn::Missing)
                    spoiled[family->code(r)] = 1;
        kept.reserve(refused.size());
        for (std::size_t r = 0; r < refused.size(); ++r) {
            const std::uint32_t f = family ? family->code(r) : CategoricalColumn::Missing;
            const bool out = f != CategoricalColumn::Missing ? spoiled[f] != 0 : refused[r] != 0;
            if (!out)
                kept.push_back(std::int64_t(r));
        }
        familiesLeftOut = std::count(spoiled.begin(), spoiled.end(), std::uint8_t(1));
        rowsLeftOut = table.rowCount - std::int64_t(kept.size());
    }

    Result<AuditResult> counted = Error{};
    if (!anyRefused) {
        counted = countingAudit(table, spec, progress.phase(0, 800));
    } else if (kept.empty()) {
        // Every family has a refused variant: nothing is left to score, and the refusal
        // evidence below is the whole audit.
        AuditResult empty;
        empty.rows = 0;
        empty.source = table.source;
        empty.tableSha256 = table.sha256;
        empty.specName = spec.name;
        empty.favourableLabel = spec.outcomes.favourable;
        if (spec.contract) {
            empty.contractVersion = spec.contract->version;
            Check check;
            check.name = "answered_families";
            check.status = CheckStatus::Insufficient;
            check.detail = "every family has a refused variant, so no score- or label-based "
                           "check can be made";
            empty.checks.push_back(check);
            empty.decision = Decision::Blocked;
        }
        counted = std::move(empty);
    } else {
        const Table answered = selectRows(table, kept, spec.coreColumns());
        counted = countingAudit(answered, spec, progress.phase(0, 800));
        if (counted)
            for (Flip &flip : counted->flips)
                flip.firstRow = kept[std::size_t(flip.firstRow)];
    }
    if (!counted)
        return counted.error();
    AuditResult &result = *counted;
    if (family)
        result.familiesInput = std::int64_t(family->levels().size());
    if (familiesLeftOut > 0)
        result.familiesLeftOut.push_back(
            {familiesLeftOut, "a variant refused (the refusal rates count them)"});
    else if (rowsLeftOut > 0 && !family)
        result.familiesLeftOut.push_back(
            {rowsLeftOut, "rows refused (the refusal rates count them)"});

    auto whole = AuditContext::resolve(table, spec, true);
    if (!whole)
        return whole.error();
    for (const auto *column : {&spec.llm.logprobColumn, &spec.llm.repeatShareColumn})
        if (*column && !table.numericColumn(**column))
            return Error{ErrorCode::Schema, table.source, 1, **column, "missing column"};
    for (const auto *column :
         {&spec.llm.replyColumn, &spec.llm.embeddingColumn, &spec.llm.repeatTieColumn})
        if (*column && !table.categoricalColumn(**column))
            return Error{ErrorCode::Schema, table.source, 1, **column, "missing column"};
    if (auto s = detail::auditLlmOutputs(*whole, refused, result, progress.phase(800, 1000)); !s)
        return s.error();
    detail::evaluateLlmContract(spec, result);
    progress.report(1000, 1000);
    return result;
}

namespace {

/// The column names on a table file's first line (a CSV header, a JSON Lines first object);
/// empty when that line does not read: the full read then says why.
std::vector<std::string> firstLineColumns(const std::string &path, TableFormat format)
{
    std::ifstream in(path, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line))
        return {};
    auto names = readColumnNames(line, format, path);
    return names ? std::move(*names) : std::vector<std::string>{};
}

/// A table `score --out` wrote (it has the result columns "refused" and "score_error") carries
/// its run's LLM evidence: its audit reads the refusals, log-probabilities and replies the spec
/// does not name, as the audit of the run would. Repeats need llm.repeats (r is not in the file).
AuditSpec withScoredTableColumns(AuditSpec spec, const std::vector<std::string> &names)
{
    const auto has = [&](std::string_view n) {
        return std::find(names.begin(), names.end(), n) != names.end();
    };
    if (!has("refused") || !has("score_error"))
        return spec;
    LlmSpec &llm = spec.llm;
    if (!llm.refusalColumn)
        llm.refusalColumn = "refused";
    if (!llm.logprobColumn && has("logprob"))
        llm.logprobColumn = "logprob";
    if (!llm.replyColumn && has("reply"))
        llm.replyColumn = "reply";
    if (!llm.embeddingColumn && has("embedding"))
        llm.embeddingColumn = "embedding";
    if (!llm.repeatShareColumn && llm.repeats > 1 && has("repeat_favourable")) {
        llm.repeatShareColumn = "repeat_favourable";
        if (!llm.repeatTieColumn && has("repeat_tie"))
            llm.repeatTieColumn = "repeat_tie";
    }
    return spec;
}

} // namespace

Result<AuditResult> auditTableFile(const std::string &path, const AuditSpec &given,
                                   const Progress &progress)
{
    // Before the first line is read: a device's "first line" may never end (/dev/zero).
    if (Status s = checkRegularFile(path); !s)
        return s.error();
    const TableFormat format = formatForPath(path);
    AuditSpec spec = withScoredTableColumns(given, firstLineColumns(path, format));
    auto table = readTableFile(path, format, spec.columns(), progress.phase(0, 800));
    if (!table)
        return table.error();
    // A defaulted column that holds nothing (a model that gives no log-probability or reply)
    // is no evidence: the audit leaves it out rather than report "0 variants".
    if (spec.llm.logprobColumn && !given.llm.logprobColumn) {
        const NumericColumn *c = table->numericColumn(*spec.llm.logprobColumn);
        if (!c || std::all_of(c->values.begin(), c->values.end(),
                              [](double v) { return std::isnan(v); }))
            spec.llm.logprobColumn.reset();
    }
    for (auto [column, named] : {std::pair{&spec.llm.replyColumn, given.llm.replyColumn},
                                 {&spec.llm.embeddingColumn, given.llm.embeddingColumn}})
        if (*column && !named) {
            const CategoricalColumn *c = table->categoricalColumn(**column);
            if (!c || c->levels().empty())
                column->reset();
        }
    return runAudit(*table, spec, progress.phase(800, 1000));
}

} // namespace cp
