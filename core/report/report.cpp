// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "report.h"

#include <core/audit/pairsindex.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <numeric>

namespace cp {

std::string utcNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

namespace {

ReportPair pairOf(const PairsIndex &index, std::size_t f, const Flip &flip, const AuditSpec &spec,
                  const ReportOptions &options)
{
    ReportPair pair;
    pair.family = flip.family;
    pair.stage = flip.stage;
    pair.scoreRange = flip.scoreRange;
    const PairsIndex::Family &family = index.families[f];

    // The reference variant (every protected attribute at its reference group) first, then
    // those whose outcome differs from it, then the rest while there is room.
    std::vector<int> order(std::size_t(family.variants));
    std::iota(order.begin(), order.end(), 0);
    auto isReference = [&](int v) {
        const std::int64_t row = index.row(f, v);
        for (std::size_t d = 0; d < index.protectedDims.size(); ++d) {
            const auto &ref = spec.protectedAttributes[d].reference;
            const auto &dim = index.protectedDims[d];
            if (!ref || dim.groups[dim.groupOfRow[std::size_t(row)]] != *ref)
                return false;
        }
        return true;
    };
    std::stable_partition(order.begin(), order.end(), isReference);
    const auto outcomeOf = [&](int v) { return index.outcome[std::size_t(index.row(f, v))]; };
    const auto first = outcomeOf(order[0]);
    std::stable_partition(order.begin() + 1, order.end(),
                          [&](int v) { return outcomeOf(v) != first; });
    const std::size_t shownVariants
            = std::min<std::size_t>(order.size(), std::size_t(std::max(2, options.maxVariants)));
    pair.variantsOmitted = int(order.size() - shownVariants);
    order.resize(shownVariants);

    std::vector<std::string_view> cells;
    std::string scratch;
    const auto &columns = index.rows->columns();
    std::vector<std::vector<std::string>> values(columns.size());
    for (int v : order) {
        const std::int64_t row = index.row(f, v);
        std::string label;
        for (const PairsIndex::Dimension &d : index.protectedDims)
            label += (label.empty() ? "" : "/") + d.groups[d.groupOfRow[std::size_t(row)]];
        pair.variants.push_back(label);
        pair.outcomes.push_back(index.outcomeLabels[outcomeOf(v)]);
        const float s = index.score[std::size_t(row)];
        pair.scores.push_back(std::isnan(s) ? std::nullopt : std::optional<double>(s));
        if (!options.includePairText)
            continue;
        index.rows->cells(row, cells, scratch);
        for (std::size_t c = 0; c < columns.size(); ++c)
            values[c].emplace_back(c < cells.size() ? cells[c] : std::string_view());
    }
    if (!options.includePairText)
        return pair;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        // The family id is the heading and the score has its own row; a column holding the
        // variant's label repeats the column headings.
        if ((spec.familyColumn && columns[c] == *spec.familyColumn)
            || (spec.prediction.scoreColumn && columns[c] == *spec.prediction.scoreColumn)
            || values[c] == pair.variants)
            continue;
        if (std::all_of(values[c].begin(), values[c].end(),
                        [&](const std::string &v) { return v == values[c][0]; }))
            pair.sameFields.emplace_back(columns[c], values[c][0]);
        else
            pair.fields.push_back({columns[c], std::move(values[c])});
    }
    return pair;
}

std::string joined(const std::vector<std::string> &items, const char *sep = ", ")
{
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

} // namespace

std::vector<std::string> reportLimitations(const Report &report)
{
    const AuditResult &r = report.result;
    const AuditSpec &spec = report.spec;
    const PrivacyFloor &floor = report.floor;
    std::vector<std::string> out;
    out.push_back("Synthetic fixtures are not population evidence: counterfactual probes show how "
                  "the model treats records that differ only in the protected attributes, not "
                  "how often each group meets the model in production or how it performs there.");
    const ReportTested &t = report.tested;
    if (t.probeSetKind == "generated")
        out.push_back("The probe set was generated from a spec"
                      + (t.probeSetSeed ? " (seed " + std::to_string(*t.probeSetSeed) + ")"
                                        : std::string())
                      + ": its records, names and wordings come from provider lists and "
                        "templates, and cover only the situations those describe.");
    else if (t.probeSetKind == "derived")
        out.push_back("The probe set was derived from real rows by lexicon and name swaps: a "
                      "word the lexicon does not know keeps its group, and ambiguous swaps are "
                      "flagged for review rather than checked.");
    else if (t.sourceKind == "table")
        out.push_back("The audited table was imported as it is: how its variants were made is "
                      "not recorded, so their equivalence rests on whoever made them.");
    std::vector<std::string> attrs;
    for (const AttributeSpec &a : spec.protectedAttributes)
        attrs.push_back(a.name + " (" + joined(a.groups, ", ") + ")");
    out.push_back("Only these protected attributes and groups were tested: " + joined(attrs, "; ")
                  + ". Other attributes, other groups and other wordings are not covered.");
    if (!spec.familyColumn)
        out.push_back("The table has no family column: it is observational, so there are no "
                      "flips and no pair tests, and gaps may come from differences between the "
                      "records rather than from the protected attribute.");
    else
        out.push_back("A field that is identical within a family (a postcode, a school) cannot "
                      "cause a flip: a proxy effect shows in the slices only.");
    if (!spec.truth)
        out.push_back("Without an expected outcome (y_true), TPR, FPR, precision, accuracy and "
                      "calibration are undefined.");
    // Dimensions never gridded together.
    std::vector<std::string> dims;
    for (const AttributeSpec &a : spec.protectedAttributes)
        dims.push_back(a.name);
    for (const AttributeSpec &a : spec.strata)
        dims.push_back(a.name);
    std::vector<std::string> ungridded;
    for (std::size_t i = 0; i < dims.size(); ++i)
        for (std::size_t j = i + 1; j < dims.size(); ++j) {
            const bool gridded = std::any_of(spec.intersections.begin(), spec.intersections.end(),
                                             [&](const IntersectionSpec &x) {
                const auto &d = x.dimensions;
                return std::find(d.begin(), d.end(), dims[i]) != d.end()
                       && std::find(d.begin(), d.end(), dims[j]) != d.end();
            });
            if (!gridded && i < spec.protectedAttributes.size())
                ungridded.push_back(dims[i] + " × " + dims[j]);
        }
    if (!ungridded.empty())
        out.push_back("No intersection grid over " + joined(ungridded, ", ") + ".");
    std::int64_t cells = 0, reportOnly = 0;
    for (const Intersection &x : r.intersections)
        for (const IntersectionCell &c : x.cells) {
            ++cells;
            reportOnly += c.status == CellStatus::ReportOnly;
        }
    if (reportOnly > 0)
        out.push_back(std::to_string(reportOnly) + " of " + std::to_string(cells)
                      + " intersection cells have less than the minimum support: they are "
                        "report-only, shown but never counted as release evidence.");
    const std::int64_t insufficient
            = std::count_if(r.calibration.begin(), r.calibration.end(),
                            [](const CalibrationCell &c) { return !c.eligible; });
    if (insufficient > 0)
        out.push_back(std::to_string(insufficient) + " of " + std::to_string(r.calibration.size())
                      + " calibration cells have insufficient support.");
    std::vector<std::string> empty;
    for (const AttributeSlices &a : r.slices)
        for (const SliceRates &s : a.groups)
            if (s.n == 0)
                empty.push_back(a.attribute + " = " + s.group);
    if (!empty.empty())
        out.push_back("Declared groups without rows, whose rates are undefined: " + joined(empty)
                      + ".");
    if (!r.reviews || r.reviews->reviewedFamilies == 0)
        out.push_back("No reviewer has judged the pairs equivalent: every pair counts as "
                      "evidence whether or not its variants really state the same facts.");
    if (!r.warnings.empty())
        out.push_back(std::to_string(r.warnings.size() + std::size_t(r.warningsOmitted))
                      + " warning(s) were raised while auditing (see Warnings).");
    if (floor.active())
        out.push_back("Privacy floor k = " + std::to_string(*floor.k()) + ": every count below "
                      + std::to_string(*floor.k()) + " is shown as \"" + floor.marker()
                      + "\" and the rates, gaps and tests computed from it are withheld.");
    return out;
}

Report buildReport(const ReportInput &input, const ReportOptions &options)
{
    Report report;
    report.options = options;
    report.generatedAt = options.generatedAt.empty() ? utcNow() : options.generatedAt;
    report.spec = input.spec;
    if (input.result)
        report.result = *input.result;
    report.tested = input.tested;
    const std::optional<std::int64_t> k =
        options.privacyK ? options.privacyK
                         : report.spec.contract ? report.spec.contract->privacyK : std::nullopt;
    report.floor = PrivacyFloor(k);

    const std::vector<Flip> &flips = report.result.flips;
    const PrivacyFloor &floor = report.floor;
    if (!report.spec.familyColumn) {
        report.pairsNote = "The spec names no family column, so there are no pairs.";
    } else if (flips.empty()) {
        report.pairsNote = "No family flipped.";
    } else if (floor.hides(std::int64_t(flips.size()))) {
        report.pairsNote = "Fewer flipped families than the privacy floor (k = "
                           + std::to_string(*floor.k())
                           + "): listing them would give their number away, so none is shown.";
    } else if (!input.pairs) {
        report.pairsNote = "The pairs could not be read: " + input.pairsError;
    } else {
        for (const Flip *flip : topFlips(flips, options.maxPairs))
            if (const auto f = input.pairs->familyOfSourceRow(flip->firstRow))
                report.topPairs.push_back(pairOf(*input.pairs, *f, *flip, report.spec, options));
        if (!options.includePairText)
            report.pairsNote = "Pair texts are left out of this report (--no-pair-text): only "
                               "family ids, outcomes and scores are shown.";
    }
    report.limitations = reportLimitations(report);
    return report;
}

} // namespace cp
