// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The words and numbers every report export shares (HTML, PDF, CSV, JUnit, the gate's summary),
// each with the privacy floor applied, so that the exports cannot disagree.

#include <core/audit/auditresult.h>
#include <core/report/privacyfloor.h>
#include <core/report/runcomparison.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cp {

/// "83.3 %"; signed: "+33.3 %" / "-33.3 %".
std::string formatPercent(double fraction, int decimals = 1, bool sign = false);
/// An LLM metric's value: a rate as a percentage ("12.5 %"), else a plain number, to 4
/// decimals for a log-probability figure ("0.1987") and 3 for a reply similarity; signed for a
/// change ("+0.0312", "-3.0 %", "±0.000").
std::string formatLlmValue(LlmMetric metric, double value, bool sign = false);
/// "[43.6 %, 97.0 %]".
std::string formatInterval(const stats::Interval &ci);
/// "83.3 % [43.6 %, 97.0 %] · 5/6"; "undefined (n = 0)"; "withheld (<5)" below the floor.
std::string formatProportion(const Proportion &p, const PrivacyFloor &floor);
/// "TPR gap", "selection rate ratio", "minimum positives per slice", "flip rate".
std::string checkTitle(const Check &check);
/// Whether a check's value is shown as a plain number (3 decimals) rather than a percentage.
bool checkValueIsPlainNumber(const Check &check);
/// "0.123": a plain-number check's value or limit (checkValueIsPlainNumber).
std::string formatPlainNumber(double v);
/// The check's value as text: "33.3 %", "6", "<5", "withheld (<5)" or "undefined".
std::string checkValueText(const Check &check, const AuditResult &result,
                           const PrivacyFloor &floor);
/// "≤ 10.0 %" or "≥ 50" (ascii: "<= 10.0 %").
std::string checkLimitText(const Check &check, bool ascii = false);
/// One line saying what a check found, value against limit: "TPR gap (variant) 33.3 % > limit
/// 10.0 %: failed — <the engine's detail>"; an insufficient check says "insufficient evidence,
/// never passed". Counts below the floor are masked in the detail, and a withheld value's
/// detail (which would repeat it) is left out.
std::string checkMessage(const Check &check, const AuditResult &result, const PrivacyFloor &floor,
                         bool ascii = false);
/// "APPROVED", "BLOCKED", or "NO CONTRACT" when the spec has none.
std::string decisionText(const std::optional<Decision> &decision);
/// The sentence under the verdict: "Do not release: 2 of 4 checks failed, 2 lack the evidence
/// to pass and 4 required attestations are missing.", "Release approved: …", or why nothing
/// decides without a contract.
std::string decisionLead(const AuditResult &result);
/// A contract limit in words: "TPR gap ≤ 10.0 %, ratio ≥ 80.0 %".
std::string gapLimitText(const GapLimit &limit);
/// An exact p-value: "0.2500", or "< 0.0001".
std::string formatPValue(double p);

/// The reviewers of the audited rows, comma-separated, or "none recorded".
std::string reviewerList(const AuditResult &result);
/// The review counts every report shows, labelled, in their order.
std::vector<std::pair<std::string, std::int64_t>> reviewCountRows(const ReviewEvidence &e);

/// The slice chart's axis: from 0 to the smallest of 10 %, 25 %, 50 % and 100 % that holds
/// every shown interval of selection rate, TPR and FPR, so that small rates stay readable while
/// the axis still starts at zero. The HTML and the PDF charts share it.
double sliceAxisMax(const AttributeSlices &slices, const PrivacyFloor &floor);
/// Whether any group of the attribute has a defined rate of the metric.
bool anyRateDefined(const AttributeSlices &slices, Metric m);

} // namespace cp
