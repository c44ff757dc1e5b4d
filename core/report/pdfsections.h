// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The PDF report's sections (internal to core/report): pdfreport.cpp draws the framing ones
// and assembles the document, pdfsections.cpp the metric ones. Each mirrors the HTML section
// of the same name (htmlsections.h) and takes its wording and privacy rules from the same
// helpers.

#include "pdflayout.h"

#include <core/report/report.h>

#include <string>

namespace cp::pdf {

void flipsSection(Layout &layout, const Report &report);
void slicesSection(Layout &layout, const Report &report);
void gapsSection(Layout &layout, const Report &report);
void intersectionsSection(Layout &layout, const Report &report);
void calibrationSection(Layout &layout, const Report &report);
void checksSection(Layout &layout, const Report &report);

/// Cells of the tables every section draws.
Cell textCell(const std::string &text, Font font = Font::Regular, Colour colour = palette::Ink);
Cell numCell(const std::string &text);
Cell headerCell(const std::string &text);
/// "83.3 %" in bold over "43.6–97.0" and "5/6" in small print; "withheld" with "a count below
/// 5"; "undefined" with "n = 0".
Cell rateCell(const Proportion &p, const PrivacyFloor &floor);
/// A head row of plain titles.
std::vector<Cell> headRow(const std::vector<std::string> &titles);
/// Label / value rows with the labels as row headers.
Table factsTable(const std::vector<std::pair<std::string, Rich>> &facts);
/// A muted note paragraph.
void note(Layout &layout, const std::string &text);

} // namespace cp::pdf
