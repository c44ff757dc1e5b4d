// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Two audits of the same probe set side by side (baseline vs candidate): per-metric deltas
// (the LLM outputs' too), flips fixed and introduced, check and decision changes, and
// REFERENCE.md's caveat for a repair shown only on the set that exposed the defect.

#include <core/audit/auditresult.h>
#include <core/common/result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp {

struct PairsIndex;

/// The caveat a repair shown only on the regression set carries (REFERENCE.md).
inline constexpr const char *RegressionSetCaveat =
    "repaired on the regression set, not validated for release";

/// Which way a change beyond the regression threshold went.
enum class DeltaChange {
    None,       ///< within the threshold, or undefined
    Regressed,  ///< worse: a gap, a bias or |LPBS| grew, a reply similarity fell
    Improved,
    Moved,      ///< a metric with no better direction (a group's refusal rate)
};

/// "none", "regressed", "improved", "moved": the CSV's words, and the CLI's.
const char *deltaChangeKey(DeltaChange change);

/// A metric of both runs: a slice rate (group set) or a gap across groups (group empty).
struct MetricDelta {
    std::string attribute;
    std::string group;                  ///< empty for a gap (max − min over groups)
    Metric metric = Metric::Tpr;
    std::optional<double> baseline;     ///< undefined (n = 0, < 2 groups) stays nullopt
    std::optional<double> candidate;
    std::optional<double> delta;        ///< candidate − baseline, when both are defined
    bool beyondThreshold = false;       ///< |delta| > the contract's regression threshold
    /// Set when beyondThreshold: a gap that grew regressed and one that shrank improved; a
    /// slice's rate alone has no better direction (Moved).
    DeltaChange change = DeltaChange::None;
    bool withheld = false;              ///< a side is below the privacy floor: show no number
};

/// A metric of an LLM's outputs (core/audit/llmaudit.h) compared between two runs; in the order
/// a comparison lists them.
enum class LlmMetric {
    RefusalGap,         ///< per attribute: most − least refused group's refusal rate
    RefusalRate,        ///< per attribute and group
    Lpbs,               ///< per group pair: mean Δ = ln P(t | a) − ln P(t | b)
    ProbabilityShift,   ///< per group pair: mean |P_a − P_b|
    CategoricalBias,    ///< per attribute: mean variance of ln P across the groups
    RougeL,             ///< per group pair: mean ROUGE-L F1 of the replies
    Bleu,               ///< per group pair: mean symmetric sentence BLEU of the replies
    ExactMatch,         ///< per group pair: share of identical replies
};

/// "refusal_gap", "refusal_rate", "lpbs", "probability_shift", "categorical_bias", "rouge_l",
/// "bleu", "exact_match": the CSV's keys, the audit JSON's and the trend's where they have one.
std::string llmMetricKey(LlmMetric metric);
/// "refusal gap", "refusal rate", "LPBS (mean log-probability difference)", "probability shift
/// (mean |P_a - P_b|)", "categorical bias", "ROUGE-L", "BLEU", "exact match": ASCII, for the
/// CLI too.
std::string llmMetricLabel(LlmMetric metric);
/// Whether the metric is a proportion (shown as a percentage) rather than a plain number.
bool llmMetricIsRate(LlmMetric metric);

/// An LLM metric of both runs. The baseline's pair is matched in either order (LPBS is then
/// negated: Δ(b, a) = −Δ(a, b)); a metric of only one run has the other side undefined.
struct LlmDelta {
    LlmMetric metric = LlmMetric::RefusalGap;
    std::string attribute;
    std::string group;                  ///< the group, or a pair's first; empty per attribute
    std::string versus;                 ///< a pair's second group; empty otherwise
    std::optional<double> baseline;     ///< undefined (n = 0, < 2 groups) stays nullopt
    std::optional<double> candidate;
    std::optional<double> delta;        ///< candidate − baseline, when both are defined
    bool beyondThreshold = false;       ///< |delta| > the contract's regression threshold
    DeltaChange change = DeltaChange::None;  ///< set when beyondThreshold
    bool withheld = false;              ///< a side is below the privacy floor: show no number

    /// "female", "female vs male", or empty for a per-attribute metric.
    std::string groupLabel() const;
};

/// A contract check in both runs (matched by name and attribute).
struct CheckChange {
    std::string name;
    std::string attribute;
    std::optional<CheckStatus> baseline;   ///< nullopt: the check is not in that run
    std::optional<CheckStatus> candidate;
    std::optional<double> baselineValue;
    std::optional<double> candidateValue;
    double limit = 0;
    bool upperLimit = true;
    bool withheld = false;                 ///< a value is below the privacy floor
};

struct RunComparison {
    std::string baselineLabel;
    std::string candidateLabel;
    std::string baselineSha256;
    std::string candidateSha256;
    std::int64_t families = 0;             ///< families compared (the same in both)
    double threshold = DefaultRegressionThreshold; ///< the contract's regression threshold
    std::vector<MetricDelta> rates;        ///< per attribute, group and metric
    std::vector<MetricDelta> gaps;         ///< per attribute and metric
    /// The LLM outputs' metrics (refusals, LPBS, categorical bias, reply similarity) that
    /// either run has, by LlmMetric; empty when neither audit has LLM evidence.
    std::vector<LlmDelta> llm;
    std::vector<CheckChange> checks;
    std::vector<std::string> flipsFixed;       ///< families flipped in the baseline only
    std::vector<std::string> flipsIntroduced;  ///< families flipped in the candidate only
    std::int64_t flipsKept = 0;                ///< flipped in both
    std::optional<Decision> baselineDecision;
    std::optional<Decision> candidateDecision;
    /// A check that failed in the baseline is within its limit in the candidate, on the very
    /// probe set that exposed it: the repair is shown on the regression set only.
    bool repairedOnRegressionSet = false;
    std::vector<std::string> repairedChecks;   ///< "tpr_gap (variant)"
    std::string caveat;                        ///< RegressionSetCaveat with why, or empty

    bool decisionChanged() const { return baselineDecision != candidateDecision; }
};

/// One side of a comparison: an audit with its label and pairs index.
struct ComparedAudit {
    std::string label;                  ///< "baseline", "run 2 · …"
    const AuditResult *result = nullptr;
    const PairsIndex *pairs = nullptr;  ///< null: pairsError says why
    std::string pairsError;
};

/// Compares two audits under the same spec. They must be of the same probe set: the same
/// families, each with the same variants (protected groups and strata); else an
/// ErrorCode::Invalid error names both sides and the first differing family. The spec needs a
/// family column; audits of different tables need their pairs index (audits of one table, by
/// its SHA-256, have the same families by construction); the spec gives the privacy floor and the regression
/// threshold (contract, default 0.03). Comparing two sources of a project is the use case
/// compareRuns (core/workflow/reportbuilder.h).
Result<RunComparison> compareAudits(const ComparedAudit &baseline, const ComparedAudit &candidate,
                                    const AuditSpec &spec);

/// Per-metric deltas, flips and checks of two results already known to be of the same probe
/// set (compareRuns checks that first). Exposed for tests and for callers holding results only.
RunComparison compareResults(const AuditResult &baseline, const AuditResult &candidate,
                             const AuditSpec &spec);

} // namespace cp
