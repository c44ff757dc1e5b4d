// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Every metric table of a report as CSV (RFC 4180, UTF-8, LF): slices, gaps, reference gaps,
// pair tests, intersections, calibration, checks; the LLM outputs' tables when the audit has
// that evidence; and the comparison when there is one. The privacy floor applies as in the
// HTML: a count below k is "<k", a rate computed from one is "suppressed", and so is a mean
// over fewer than k families or variants. An undefined figure (n = 0, fewer than two groups)
// is "undefined", never 0 and never empty. Text cells that a spreadsheet would run as a formula
// (=, +, -, @ first, and not a number) are prefixed with an apostrophe.
//
// A proportion m is five columns (m, m_k, m_n, m_ci_low, m_ci_high: Wilson); a mean m four
// (m, m_n, m_ci_low, m_ci_high: the 95 % t interval, undefined below two values). The LLM
// tables (core/audit/auditresult.h), each only with its evidence:
// - refusal_rates.csv: attribute, group, below_min_support (the contract's
//   min_refusal_support), refusal_rate (k refused of n variants);
// - refusal_gaps.csv: attribute, difference (most − least refused), answer_ratio, ci_low and
//   ci_high (Newcombe), max_group, min_group, groups_compared;
// - refusal_pair_tests.csv: attribute, group_a, group_b, pairs, a_only (a refused, b
//   answered), b_only, mcnemar_p (exact);
// - repeats.csv: attribute, group, self_disagreement, ties, favourable_share;
//   repeat_pair_tests.csv: attribute, group_a, group_b, share_difference (p_a − p_b);
// - lpbs.csv: attribute, group_a, group_b, families, lpbs (mean Δ ln P), probability_shift
//   (mean |P_a − P_b|), probability_difference, prior_normalised (undefined without a neutral
//   variant), favoured, check_value (on the spec's scale); lpbs_associations.csv with a
//   neutral variant: attribute, group, neutral, association;
// - categorical_bias.csv: attribute, groups, categorical_bias (mean variance of ln P);
// - reply_similarity.csv: attribute, group_a, group_b, families, rouge_l, bleu, exact_match,
//   length_difference (words of b − words of a);
// - score_parity.csv, for a scorer of the replies: attribute, group_a, group_b, scored_a,
//   scored_b, wasserstein1, threshold (τ; undefined without one), above_threshold_a and _b
//   (P(score > τ)), weak_gap (a − b) with weak_gap_ci_low and _high (Newcombe);
// - comparison.csv, with a comparison: kind (gap or rate), attribute, group, metric, baseline,
//   candidate, delta, beyond_threshold, change (MetricDelta::change: regressed, improved,
//   moved or none), threshold;
// - llm_comparison.csv, with a comparison that has LLM deltas: metric (llmMetricKey),
//   attribute, group, versus (a pair's second group), baseline, candidate, delta,
//   beyond_threshold, change (regressed, improved, moved or none), threshold.

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
