// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The PDF report's charts and grid cells (internal to core/report), the counterparts of
// reportcharts.h: colour is never the only cue. The reference group has its own marker and
// label, report-only cells are hatched, grey and say so in words.

#include "pdflayout.h"

#include <core/report/reportdocument.h>

#include <string>

namespace cp::pdf {

/// The fill of a cell with no figure (undefined, withheld, no rows).
inline const Colour UndefinedFill = rgb(0xfafafaU);

/// The slice chart at the layout's cursor: a dot per group with its Wilson 95 % interval as
/// whiskers, the reference group as a diamond labelled "(reference)", slices below the
/// contract's minimum support with dashed whiskers, withheld and undefined values in words,
/// and a legend. A chart longer than the page goes on over the next with its axis repeated.
void sliceChart(Layout &layout, const SliceChartFigure &chart);

/// A grid cell: value, interval and n on viridis when it counts; hatched grey when
/// report-only; "withheld", "undefined (n = 0)" or "no rows" on grey.
Cell gridCell(const GridCell &cell);

/// The key under the grids: the viridis scale from 0 % to 100 % and the hatch, explained.
void gridLegend(Layout &layout, const std::string &hatchText);

} // namespace cp::pdf
