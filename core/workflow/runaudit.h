// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Auditing a scoring run: its probe set's rows with the run's scores (core/score/scoringrun.h),
// with the probe set's reviews, against a spec.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/audit/pairsindex.h>
#include <core/common/progress.h>
#include <core/score/scoringrun.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cp {

class ProjectStore;

/// Flips name rows of the table the audit counted; with families excluded by reviewers
/// (reviewedRows, in order) that is a selection of the table's rows. Maps them back, so that a
/// flip's row is the row the Pairs view and the report show. Empty reviewedRows: unchanged.
void mapFlipRows(AuditResult &result, const std::vector<std::int64_t> &reviewedRows);

struct RunAudit {
    /// A flip's firstRow is a row of scored.table (and of scored.rows, and of pairs).
    AuditResult result;
    /// The table as audited (with every row, before reviews excluded families) and its text.
    ScoredRun scored;
    /// When reviews excluded families: the rows of scored.table the audit counted, in order.
    /// Empty when every row was counted.
    std::vector<std::int64_t> reviewedRows;
    /// With indexPairs and a family column in the spec: the Pairs view's index, or why not.
    std::shared_ptr<const PairsIndex> pairs;
    std::string pairsError;
};

/// Audits a run: its scored table (families with an unscored variant excluded, and said so in
/// the warnings) against the spec, with the reviews of its probe set. With repeats, the warnings
/// report the within-variant disagreement, and a family counts as a flip only when each of its
/// variants agrees with itself across repeats. result.tableSha256 is the SHA-256 of the scored
/// table's CSV form (ScoredRows::csv()): exactly what was audited.
/// With indexPairs, the Pairs view's index is built too (while the hash is computed).
Result<RunAudit> auditRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                          const Progress &progress = {}, bool indexPairs = false);
/// The same, keeping only the result.
Result<AuditResult> auditScoreRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                                  const Progress &progress = {});

} // namespace cp
