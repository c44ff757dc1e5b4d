// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The HTML report's figures (internal to core/report), drawn from the document's figure data
// (reportdocument.h) as inline SVG and HTML tables: nothing they draw refers to anything
// outside the document. Colour is never the only cue: the reference group has its own marker
// and label, report-only cells are hatched, grey and say so in words.

#include <core/report/reportdocument.h>

#include <string>

namespace cp::html {

/// The slice chart: a dot per group with its Wilson 95 % interval as whiskers, the reference
/// group as a labelled diamond, slices below the contract's minimum support with dashed
/// whiskers; values withheld or undefined say so.
std::string sliceChartSvg(const SliceChartFigure &chart);

/// A grid as a table: counted cells on viridis with value, interval and n; report-only cells
/// hatched grey with "report-only · n=3 < 50".
std::string gridHtml(const GridFigure &grid);

/// The key shared by the grids: the viridis scale from 0 % to 100 % and the hatch.
std::string gridLegendHtml(const std::string &hatchText);

} // namespace cp::html
