// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The report's charts and grids as inline SVG and HTML tables: nothing they draw refers to
// anything outside the document. Colour is never the only cue: the reference group has its own
// marker and label, report-only cells are hatched, grey and say so in words.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/report/privacyfloor.h>

#include <string>
#include <vector>

namespace cp::html {

/// Selection rate, TPR and FPR per group of one attribute: a dot per group with its Wilson 95 %
/// interval as whiskers, the reference group as a labelled diamond, slices below the
/// contract's minimum support with dashed whiskers; values withheld or undefined say so.
std::string sliceChartSvg(const AttributeSlices &slices, const Contract *contract,
                          const PrivacyFloor &floor);

/// The metric an intersection grid shows: TPR over positives, FPR over negatives, else the
/// selection rate.
Metric intersectionMetric(const Intersection &x);

/// An intersection as a table: rows are the combinations of every dimension but the last,
/// columns the last dimension's groups. Eligible cells are coloured on viridis with value,
/// interval and n; report-only cells are hatched grey with "report-only · n=3 < 50". At most
/// maxRows rows are drawn; the rest are named in a note (the CSV export has every cell).
std::string intersectionGridHtml(const Intersection &x, const PrivacyFloor &floor,
                                 std::size_t maxRows = 60);

/// Calibration of one attribute: rows are groups, columns score bands; cells below the
/// contract's minimum support are hatched and say "insufficient · n=4 < 10".
std::string calibrationGridHtml(const std::string &attribute,
                                const std::vector<const CalibrationCell *> &cells,
                                const std::vector<std::string> &bands, std::int64_t minSupport,
                                const PrivacyFloor &floor);

/// The key shared by the grids: the viridis scale from 0 % to 100 % and the hatch.
std::string gridLegendHtml(const std::string &hatchText);

} // namespace cp::html
