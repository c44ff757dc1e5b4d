// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A scoring run: a model over a frozen probe set, stored in the project as it goes. Results are
// committed in batches (one transaction each), so killing the process loses at most the batch
// in memory, and a resumed run scores only the tasks without a stored result. Variants of a
// family are sent in a shuffled order (seeded per run) so that a stateful or caching service
// cannot favour the variant it always sees first.

#include "scorer.h"
#include "scorerows.h"

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/store/scorestore.h>

#include <functional>
#include <memory>

namespace cp {

class ProjectStore;
struct ProbeSetRecord;

struct ScoringOptions {
    std::int64_t batchSize = 2000;      ///< results per commit
    double commitSeconds = 1.0;         ///< …or this long after the previous commit
    /// Continue the newest incomplete run of this model on this probe set (or runId).
    bool resume = false;
    std::int64_t runId = 0;
    /// The user trusts this project's scorer on this machine (--trust): recorded, then run.
    /// Without it, a command or HTTP scorer not yet trusted is refused (core/score/trust.h).
    bool trust = false;
    Progress progress;
    /// Each log line as it is written (the CLI prints them).
    std::function<void(std::string_view)> onLog;
};

struct ScoringOutcome {
    ScoreRunRecord run;                 ///< as stored at the end
    std::int64_t alreadyScored = 0;     ///< tasks a resume skipped
    std::int64_t scoredNow = 0;         ///< results committed by this call
    Status status = Ok{};               ///< why the run stopped early, if it did
};

/// Scores a probe set with a model of the project. A stopped run (cancel, scorer failure) is
/// returned as an outcome with status set and the run marked stopped or failed, resumable;
/// errors before the run starts (unknown model, bad config, untrusted) are returned as errors.
Result<ScoringOutcome> scoreProbeSet(ProjectStore &store, const ProbeSetRecord &probeSet,
                                     const ModelRecord &model, const ScoringOptions &options = {});

/// The scored table of a run: the probe set's columns plus `score`, `label`, `refused`,
/// `score_error` and `repeat_agreement` (the share of a variant's repeats that gave its
/// majority label; 1 with one repeat). With repeats, score is the mean and label the majority.
struct ScoredTable {
    std::string csv;
    std::int64_t rows = 0;
    std::int64_t unscored = 0;          ///< rows with no result yet, or only errors
    std::int64_t refused = 0;
    std::int64_t familiesExcluded = 0;  ///< audit only: families with a variant lacking a score
    std::int64_t unstableVariants = 0;  ///< repeats disagree: labels, or scores across threshold
    std::int64_t familiesUnstable = 0;  ///< isolated so that they count as no flip
};
/// includeUnscored false drops every family that has a variant without a score, so that the
/// audit's pairs stay whole (the count is reported). isolateUnstable gives every variant of a
/// family with an unstable variant (its repeats disagree, given the threshold) a family id of
/// its own ("12~r2"): such a family counts in the slices but not as a flip or a pair.
Result<ScoredTable> scoredTable(ProjectStore &store, std::int64_t runId, bool includeUnscored,
                                bool isolateUnstable = false,
                                std::optional<double> threshold = {});

/// Audits a run: its scored table (families with an unscored variant excluded, and said so in
/// the warnings) against the spec. With repeats, the warnings report the within-variant
/// disagreement, and a family counts as a flip only when each of its variants agrees with
/// itself across repeats.
Result<AuditResult> auditScoreRun(ProjectStore &store, std::int64_t runId, const AuditSpec &spec,
                                  const Progress &progress = {}, std::string *auditedCsv = nullptr);
/// (auditedCsv, when given, receives the scored table's CSV the audit read, e.g. for
/// buildPairsIndex; otherwise it is freed before the audit runs.)

/// The file form: scores every row of a CSV or JSON Lines file and returns the rows as CSV
/// with the result columns appended (a table `counterpart-cli audit` accepts).
Result<ScoredTable> scoreFile(const std::string &path, Scorer &scorer, int repeats,
                              const std::function<void(std::string_view)> &onLog,
                              const Progress &progress = {});

} // namespace cp
