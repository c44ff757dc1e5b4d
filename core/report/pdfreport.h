// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The PDF report: the report document (reportdocument.h), as the HTML shows it, as
// an A4 PDF 1.4 file written without any library and without Qt, so that counterpart-cli can
// write it. The decision comes first, large, in words (BLOCKED / APPROVED) with its reasons;
// then what was tested, the comparison with a baseline, flips and the top flipped pairs, slices
// (a chart with Wilson whiskers and the table), gaps, the intersection grids (report-only cells
// hatched, grey and labelled), calibration, reviewer agreement, checks, limitations, warnings,
// versions and hashes. Every number goes through the same privacy floor as the HTML and CSV.
// The standard Helvetica fonts are used without embedding; text the fonts cannot draw is
// spelled out (κ "kappa", ≤ "<="), see pdf::toWinAnsi. Each page's footer repeats the
// decision and says "Page 3 of 12"; the viewer's outline lists the sections.

#include <core/report/report.h>
#include <core/report/reportdocument.h>

#include <string>

namespace cp {

/// The whole document, as bytes to write (writeReportFile writes them atomically):
/// renderPdf(buildReportDocument(report)).
std::string renderPdf(const Report &report);
/// The document as an A4 PDF.
std::string renderPdf(const ReportDocument &document);

} // namespace cp
