// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The self-contained HTML report: one file with inline CSS and inline SVG, no script and no
// reference to anything outside it (no URL, no <link>, no external image), readable offline
// and printable. It is also well-formed XML, so that tests and tools can parse it strictly.
// Order: decision and its reasons; what was tested; run comparison (with a baseline); flips;
// slices; gaps; intersections; calibration; reviewer agreement; checks; limitations;
// warnings; versions and hashes.

#include <core/common/result.h>
#include <core/report/report.h>
#include <core/report/reportdocument.h>

#include <optional>
#include <string>

namespace cp {

/// The whole document: renderHtml(buildReportDocument(report)).
std::string renderHtml(const Report &report);
/// The document as one HTML page.
std::string renderHtml(const ReportDocument &document);

/// The reviewer-agreement section's body, kept apart so that core/review can feed it: without
/// review evidence it says "No reviews recorded"; with it, reviewers, verdict counts and the
/// agreement figures (Cohen's κ, Krippendorff's α), counts under the privacy floor.
std::string htmlReviewSection(const std::optional<ReviewEvidence> &reviews,
                              const PrivacyFloor &floor);

/// Writes text to a file through a temporary beside it and a rename, so that a reader never
/// sees half a report. Errors name the file.
Status writeReportFile(const std::string &path, std::string_view content);

} // namespace cp
