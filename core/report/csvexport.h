// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Every metric table of a report as CSV (RFC 4180, UTF-8, LF): slices, gaps, reference gaps,
// pair tests, intersections, calibration, checks, and the comparison when there is one. The
// privacy floor applies as in the HTML: a count below k is "<k", a rate computed from one is
// "suppressed". An undefined figure (n = 0, fewer than two groups) is "undefined", never 0 and
// never empty. Text cells that a spreadsheet would run as a formula (=, +, -, @ first, and not
// a number) are prefixed with an apostrophe.

#include <core/common/result.h>
#include <core/report/report.h>

#include <string>
#include <vector>

namespace cp {

struct CsvTable {
    std::string name;       ///< file name: "slices.csv"
    std::string content;
};

/// The tables, in a fixed order.
std::vector<CsvTable> csvTables(const Report &report);

/// Writes the tables into a folder (created when missing); returns the paths written.
/// Errors name the folder or the file.
Result<std::vector<std::string>> writeCsvTables(const Report &report, const std::string &folder);

} // namespace cp
