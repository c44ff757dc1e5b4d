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
#include <core/store/probesetstore.h>

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

/// The spec a run is audited with: the spec, with the run's own result columns as its LLM
/// outputs where the spec names none (refusals, the log-probability and the reply when the
/// model can give them, i.e. every kind but the built-in, or when the run recorded refusals;
/// the share of favourable repeats and ties with repeats).
AuditSpec runAuditSpec(const AuditSpec &spec, const ScoreRunRecord &run, bool modelHasOutputs);
/// The spec a run is audited with, everything the store knows added: runAuditSpec(), score
/// parity for a run of a probe set of replies, and the probe set's linked columns that follow a
/// protected attribute masked in replies. The audit and the Pairs index both read the run so.
AuditSpec runAuditSpec(ProjectStore &store, const AuditSpec &spec, const RunAndProbeSet &run);
/// Whether a run's model can give replies or log-probabilities (every kind but the built-in).
bool runHasOutputs(ProjectStore &store, const ScoreRunRecord &run);
/// How a run's answers become outcomes under a spec (for the share of favourable repeats).
OutcomeRule outcomeRuleOf(const AuditSpec &spec);

/// Audits a run: its scored table (families with an unanswered variant left out, and said so
/// in familiesLeftOut) against runAuditSpec(spec), with the reviews of its probe set. A refused
/// variant is an outcome (the refusal rates count it). With repeats, a variant's outcome is its
/// majority, a family is never split, and the repeats' noise is reported
/// (AuditResult::repeats). result.tableSha256 is the SHA-256 of the scored
/// table's CSV form (ScoredRows::csv()): exactly what was audited.
/// With indexPairs, the Pairs view's index is built too (while the hash is computed).
Result<RunAudit> auditRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                          const Progress &progress = {}, bool indexPairs = false);
/// The same, keeping only the result.
Result<AuditResult> auditScoreRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                                  const Progress &progress = {});

} // namespace cp
