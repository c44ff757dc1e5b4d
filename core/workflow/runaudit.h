// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Auditing a scoring run: its probe set's rows with the run's scores (core/score/scoringrun.h),
// with the probe set's reviews, against a spec.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/score/scoringrun.h>

#include <cstdint>
#include <vector>

namespace cp {

class ProjectStore;

struct RunAudit {
    AuditResult result;
    /// The table as audited (with every row, before reviews excluded families) and its text.
    ScoredRun scored;
    /// When reviews excluded families: the rows of scored.table the audit counted, in order
    /// (its flips' firstRow index this list). Empty when every row was counted.
    std::vector<std::int64_t> reviewedRows;
};

/// Audits a run: its scored table (families with an unscored variant excluded, and said so in
/// the warnings) against the spec, with the reviews of its probe set. With repeats, the warnings
/// report the within-variant disagreement, and a family counts as a flip only when each of its
/// variants agrees with itself across repeats. result.tableSha256 is the SHA-256 of the scored
/// table's CSV form (ScoredRows::csv()): exactly what was audited.
Result<RunAudit> auditRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                          const Progress &progress = {});
/// The same, keeping only the result.
Result<AuditResult> auditScoreRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                                  const Progress &progress = {});

} // namespace cp
