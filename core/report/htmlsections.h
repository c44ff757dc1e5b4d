// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The HTML report's sections (internal to core/report): htmlreport.cpp assembles them.

#include <core/report/report.h>

#include <string>

namespace cp::html {

std::string decisionSection(const Report &report);
std::string testedSection(const Report &report);
std::string comparisonSection(const Report &report);
std::string flipsSection(const Report &report);
std::string slicesSection(const Report &report);
std::string gapsSection(const Report &report);
std::string intersectionsSection(const Report &report);
std::string calibrationSection(const Report &report);
std::string checksSection(const Report &report);
std::string limitationsSection(const Report &report);
std::string warningsSection(const Report &report);
std::string versionsSection(const Report &report);

// Plain text (no markup), shared with the PDF report so that both say the same.

/// "table 'baseline'", or a run's label ("run 2 · toy-command on hiring-screen").
std::string sourceText(const ReportTested &tested);
/// The line under the decision: "table 'baseline' · 20 rows · 10 families · 3 flipped ·
/// contract version 2026-02", counts under the privacy floor.
std::string decisionFacts(const Report &report);
/// A check's status in a comparison: "passed", "failed", "insufficient" or "not checked".
std::string checkStatusWord(const std::optional<CheckStatus> &status);

// HTML.

/// "<section id=…><h2>…</h2>" … "</section>".
std::string section(const char *id, const std::string &title, const std::string &body);
/// A table row of cells already escaped/marked up; th for the first when rowHeader is set.
std::string row(const std::vector<std::string> &cells, bool rowHeader = false);
/// A <th> header row from plain texts.
std::string headRow(const std::vector<std::string> &titles);
/// A right-aligned numeric cell from plain text.
std::string numCell(const std::string &text);
/// A proportion cell: "83.3 %" and, below it in small type, "[43.6 %, 97.0 %] · 5/6".
std::string rateCell(const Proportion &p, const PrivacyFloor &floor);
/// An optional figure as percent; "undefined" or "withheld (<k)".
std::string optPercent(const std::optional<double> &v, bool withheld, const PrivacyFloor &floor,
                       bool sign = false);
/// The status of a check in words with a shape: "✓ passed", "✕ failed", "? insufficient".
std::string statusCell(CheckStatus s);

} // namespace cp::html
