// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Two audits of the same probe set side by side (baseline vs candidate): per-metric deltas,
// flips fixed and introduced, check and decision changes, and REFERENCE.md's caveat for a
// repair shown only on the set that exposed the defect.

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

/// A metric of both runs: a slice rate (group set) or a gap across groups (group empty).
struct MetricDelta {
    std::string attribute;
    std::string group;                  ///< empty for a gap (max − min over groups)
    Metric metric = Metric::Tpr;
    std::optional<double> baseline;     ///< undefined (n = 0, < 2 groups) stays nullopt
    std::optional<double> candidate;
    std::optional<double> delta;        ///< candidate − baseline, when both are defined
    bool beyondThreshold = false;       ///< |delta| > the contract's regression threshold
    bool withheld = false;              ///< a side is below the privacy floor: show no number
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
