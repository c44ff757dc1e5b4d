// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditcontext.h"

#include <algorithm>

namespace cp::detail {

namespace {

constexpr std::size_t MaxWarnings = 50;

Error rowError(const Table &t, std::int64_t row, const std::string &field, std::string message)
{
    return Error{ErrorCode::Invalid, t.source, row >= 0 ? t.lineOfRow(row) : 0, field,
                 std::move(message)};
}

const CategoricalColumn *categorical(const Table &t, const std::string &name)
{
    return t.categoricalColumn(name);
}

/// Maps a column's levels onto declared groups (or the levels themselves, in order of first
/// appearance). A value outside the declared groups or an empty cell is an error at its row.
Result<Dimension> resolveDimension(AuditContext &ctx, const Table &t, const AttributeSpec &a)
{
    Dimension d;
    d.name = a.name;
    d.column = categorical(t, a.column);
    if (!d.column)
        return Error{ErrorCode::Schema, t.source, 1, a.column, "missing column"};
    if (d.column->firstMissingRow() >= 0)
        return rowError(t, d.column->firstMissingRow(), a.column,
                        "empty value for '" + a.name + "'; every row needs a group");
    const auto &levels = d.column->levels();
    d.lut.assign(std::max<std::size_t>(levels.size(), 256), 0);
    if (a.groups.empty()) {
        d.groups = levels;
        for (std::uint32_t i = 0; i < levels.size(); ++i)
            d.lut[i] = i;
    } else {
        d.groups = a.groups;
        for (std::uint32_t i = 0; i < levels.size(); ++i) {
            const auto it = std::find(a.groups.begin(), a.groups.end(), levels[i]);
            if (it == a.groups.end())
                return rowError(t, d.column->firstRows()[i], a.column,
                                "'" + levels[i] + "' is not a declared group of '" + a.name + "'");
            d.lut[i] = std::uint32_t(it - a.groups.begin());
        }
        for (const auto &g : a.groups)
            if (d.column->find(g) == CategoricalColumn::Missing)
                ctx.warn(0, a.column,
                         "group '" + g + "' of '" + a.name + "' has no rows; its rates are undefined");
    }
    if (a.reference && std::find(d.groups.begin(), d.groups.end(), *a.reference) == d.groups.end())
        return Error{ErrorCode::Invalid, t.source, 0, a.column,
                     "reference group '" + *a.reference + "' of '" + a.name
                         + "' does not occur in the table"};
    return d;
}

} // namespace

void AuditContext::warn(std::int64_t line, std::string field, std::string message)
{
    if (warnings.size() >= MaxWarnings) {
        ++warningsOmitted;
        return;
    }
    warnings.push_back({line, std::move(field), std::move(message)});
}

std::uint8_t AuditContext::outcomeOf(std::int64_t row) const
{
    const auto r = std::size_t(row);
    for (std::size_t s = 0; s < stageColumns.size(); ++s) {
        if (!stagePassLut[s].empty() && spec->stages[s].failOutcome
            && !stagePassLut[s][stageColumns[s]->code(r)])
            return std::uint8_t(2 + s);
    }
    if (labelColumn) {
        const std::uint32_t code = labelColumn->code(r);
        return code == CategoricalColumn::Missing ? 0 : favourableLut[code];
    }
    return score->values[r] >= *spec->prediction.threshold ? 1 : 0;
}

std::string AuditContext::outcomeLabel(std::uint8_t outcome) const
{
    if (outcome == 1)
        return spec->outcomes.favourable;
    if (outcome == 0)
        return spec->outcomes.unfavourable;
    return *spec->stages[outcome - 2].failOutcome;
}

Result<AuditContext> AuditContext::resolve(const Table &t, const AuditSpec &spec,
                                           bool outcomesMayBeMissing)
{
    AuditContext ctx;
    ctx.table = &t;
    ctx.spec = &spec;
    if (t.rowCount == 0)
        return Error{ErrorCode::Invalid, t.source, 0, {}, "the table has no data rows"};
    for (const ColumnRequest &c : outcomesMayBeMissing ? spec.columns() : spec.coreColumns()) {
        const bool present = c.kind == ColumnKind::Categorical ? t.categoricalColumn(c.name) != nullptr
                                                               : t.numericColumn(c.name) != nullptr;
        if (!present)
            return Error{ErrorCode::Schema, t.source, 1, c.name, "missing column"};
    }
    if (spec.stages.size() > 200)
        return Error{ErrorCode::Invalid, t.source, 0, {}, "at most 200 stages are supported"};

    for (const auto &a : spec.protectedAttributes) {
        auto d = resolveDimension(ctx, t, a);
        if (!d)
            return d.error();
        ctx.protectedDims.push_back(std::move(d).value());
    }
    for (const auto &s : spec.strata) {
        auto d = resolveDimension(ctx, t, s);
        if (!d)
            return d.error();
        ctx.strataDims.push_back(std::move(d).value());
    }

    if (spec.truth) {
        ctx.truthColumn = categorical(t, spec.truth->column);
        const auto &levels = ctx.truthColumn->levels();
        ctx.truthLut.assign(std::max<std::size_t>(levels.size(), 256), 2);
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const auto &p = spec.truth->positive;
            const auto &n = spec.truth->negative;
            if (std::find(p.begin(), p.end(), levels[i]) != p.end())
                ctx.truthLut[i] = 1;
            else if (std::find(n.begin(), n.end(), levels[i]) != n.end())
                ctx.truthLut[i] = 0;
            else
                return rowError(t, ctx.truthColumn->firstRows()[i], spec.truth->column,
                                "'" + levels[i] + "' is neither a positive nor a negative "
                                "expected outcome (set y_true.positive / y_true.negative)");
        }
        if (ctx.truthColumn->firstMissingRow() >= 0)
            ctx.warn(t.lineOfRow(ctx.truthColumn->firstMissingRow()), spec.truth->column,
                     "some rows have no expected outcome: they count in selection rates but "
                     "not in TPR, FPR, precision or accuracy");
    }

    if (spec.prediction.scoreColumn) {
        ctx.score = t.numericColumn(*spec.prediction.scoreColumn);
        if (ctx.score->firstMissingRow >= 0 && spec.prediction.threshold && !outcomesMayBeMissing)
            return rowError(t, ctx.score->firstMissingRow, *spec.prediction.scoreColumn,
                            "missing score; every row needs one to be compared with the threshold");
        if (ctx.score->firstMissingRow >= 0 && !outcomesMayBeMissing)
            return rowError(t, ctx.score->firstMissingRow, *spec.prediction.scoreColumn,
                            "missing score");
    }
    if (spec.prediction.labelColumn) {
        ctx.labelColumn = categorical(t, *spec.prediction.labelColumn);
        if (ctx.labelColumn->firstMissingRow() >= 0 && !outcomesMayBeMissing)
            return rowError(t, ctx.labelColumn->firstMissingRow(), *spec.prediction.labelColumn,
                            "missing prediction");
        const auto &levels = ctx.labelColumn->levels();
        ctx.favourableLut.assign(std::max<std::size_t>(levels.size(), 256), 0);
        bool any = false;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const auto &fav = spec.prediction.favourableValues;
            ctx.favourableLut[i] = std::find(fav.begin(), fav.end(), levels[i]) != fav.end();
            any = any || ctx.favourableLut[i];
        }
        if (!any)
            ctx.warn(0, *spec.prediction.labelColumn,
                     "no row has a favourable prediction; check /prediction/favourable");
    }

    for (const auto &s : spec.stages) {
        const CategoricalColumn *col = categorical(t, s.column);
        if (col->firstMissingRow() >= 0)
            return rowError(t, col->firstMissingRow(), s.column,
                            "empty value for stage '" + s.name + "'");
        ctx.stageColumns.push_back(col);
        std::vector<std::uint8_t> lut;
        if (!s.passValues.empty()) {
            lut.assign(std::max<std::size_t>(col->levels().size(), 256), 0);
            for (std::size_t i = 0; i < col->levels().size(); ++i)
                lut[i] = std::find(s.passValues.begin(), s.passValues.end(), col->levels()[i])
                         != s.passValues.end();
        }
        ctx.stagePassLut.push_back(std::move(lut));
    }

    if (spec.familyColumn) {
        ctx.familyColumn = categorical(t, *spec.familyColumn);
        if (ctx.familyColumn->firstMissingRow() >= 0)
            return rowError(t, ctx.familyColumn->firstMissingRow(), *spec.familyColumn,
                            "empty family id");
    }
    return ctx;
}

} // namespace cp::detail
