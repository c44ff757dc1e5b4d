// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The report document's metric sections (internal to core/report): reportdocument.cpp puts
// them in order. And the plain texts more than one section or export says.

#include <core/report/reportdocument.h>

#include <optional>
#include <string>

namespace cp {

struct Report;
struct ReportTested;
class PrivacyFloor;

namespace sections {

DocSection flips(const Report &report);
DocSection slices(const Report &report);
DocSection gaps(const Report &report);
DocSection intersections(const Report &report);
DocSection calibration(const Report &report);
DocSection checks(const Report &report);
/// Refusals, repeats, log-probability and categorical bias, reply similarity; nullopt when
/// the audit has none of them.
std::optional<DocSection> llmOutputs(const Report &report);

/// The slice chart of one attribute: selection rate, TPR and FPR per group, the privacy
/// floor and the slices' support applied.
SliceChartFigure sliceChart(const AttributeSlices &slices, const PrivacyFloor &floor);
/// An intersection as a grid of its default metric (metricsForPopulation), at most maxRows.
GridFigure intersectionGrid(const Intersection &x, Metric metric, const PrivacyFloor &floor,
                            std::size_t maxRows);

} // namespace sections

/// "table 'baseline'", or a run's label ("run 2 · toy-command on hiring-screen").
std::string sourceText(const ReportTested &tested);
/// The line under the decision: "table 'baseline' · 20 rows · 10 families · 3 flipped ·
/// contract version 2026-02", counts under the privacy floor.
std::string decisionFacts(const Report &report);
/// An optional figure as percent; "undefined" or "withheld (<k)".
std::string optionalPercent(const std::optional<double> &v, bool withheld,
                            const PrivacyFloor &floor, bool sign = false);

} // namespace cp
