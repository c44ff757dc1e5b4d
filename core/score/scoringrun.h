// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A scoring run: a model over a frozen probe set, stored in the project as it goes. Results are
// committed in batches (one transaction each), so killing the process loses at most the batch
// in memory, and a resumed run scores only the tasks without a stored result. Variants of a
// family are sent in a shuffled order (seeded per run) so that a stateful or caching service
// cannot favour the variant it always sees first.

#include "scoredrows.h"
#include "scorer.h"

#include <core/store/probesetstore.h>
#include <core/store/scorestore.h>
#include <core/table/table.h>

#include <functional>
#include <future>
#include <memory>

namespace cp {

class ProjectStore;

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
    std::int64_t retried = 0;           ///< failed tasks a resume scored again
    std::int64_t scoredNow = 0;         ///< results committed by this call
    Status status = Ok{};               ///< why the run stopped early, if it did
};

/// The run a scoreProbeSet call with options.resume or options.runId continues: run runId
/// (which must have scored this probe set with this model version), else the newest incomplete
/// run of the two. Errors say why there is none.
Result<ScoreRunRecord> runToContinue(ProjectStore &store, const ProbeSetRecord &probeSet,
                                     const ModelRecord &model, const ScoringOptions &options);

/// Scores a probe set with a model of the project. A stopped run (cancel, scorer failure) is
/// returned as an outcome with status set and the run marked stopped or failed, resumable;
/// errors before the run starts (unknown model, bad config, untrusted) are returned as errors.
Result<ScoringOutcome> scoreProbeSet(ProjectStore &store, const ProbeSetRecord &probeSet,
                                     const ModelRecord &model, const ScoringOptions &options = {});

/// The scored table of a run, in memory: the probe set's rows with the result columns `score`,
/// `label`, `refused`, `score_error` and `repeat_agreement` (the share of a variant's repeats
/// that gave its majority label; empty without labels). With repeats, score is the mean and
/// label the majority. No CSV text is made: `table` holds the columns an audit asked for, `rows`
/// the text of every column, read from the probe set's own bytes on demand.
struct ScoredRun {
    ScoreRunRecord run;
    ProbeSetRecord probeSet;
    Table table;                        ///< the rows kept, with the columns asked for
    std::shared_ptr<const ScoredRows> rows;  ///< the same rows, every column, as text
    std::int64_t unscored = 0;          ///< rows with no result yet, or only errors
    std::int64_t refused = 0;
    std::int64_t familiesExcluded = 0;  ///< families with a variant lacking a score, left out
    std::int64_t unstableVariants = 0;  ///< repeats disagree: labels, or scores across threshold
    std::int64_t familiesUnstable = 0;  ///< isolated so that they count as no flip
    /// With hashRows: rows->sha256(), made on a thread of its own from the moment the rows and
    /// their results are together, so that it overlaps the parse (get() waits for it; the last
    /// copy waits for the thread when it goes). Not valid without hashRows.
    std::shared_future<std::string> sha256;
};
/// includeUnscored false drops every family that has a variant without a score, so that the
/// audit's pairs stay whole (the count is reported); a family is a run of consecutive rows with
/// the same first cell, as probe sets keep a family's variants together. isolateUnstable gives
/// every variant of a family with an unstable variant (its repeats disagree, given the
/// threshold) a family id of its own ("12~r2"): such a family counts in the slices but not as a
/// flip or a pair. `columns` are loaded into table (none: an empty table); table.source is
/// `source` and its lines are those of the scored table's CSV form. table.sha256 is left empty:
/// ScoredRows::sha256() is the hash of what was audited, when it is wanted: with hashRows it is
/// made while the columns are parsed (ScoredRun::sha256).
Result<ScoredRun> loadScoredRun(ProjectStore &store, std::int64_t runId,
                                const std::vector<ColumnRequest> &columns,
                                const std::string &source, bool includeUnscored,
                                bool isolateUnstable = false, OutcomeRule rule = {},
                                const Progress &progress = {}, bool hashRows = false);

/// A scored table as CSV, for a file to be written (`score --in … --out`, exports, tests).
struct ScoredTable {
    std::string csv;
    std::int64_t rows = 0;
    std::int64_t unscored = 0;
    std::int64_t refused = 0;
    std::int64_t familiesExcluded = 0;
    std::int64_t unstableVariants = 0;
    std::int64_t familiesUnstable = 0;
};
/// A run's scored table (see loadScoredRun) as CSV.
Result<ScoredTable> scoredTable(ProjectStore &store, std::int64_t runId, bool includeUnscored,
                                bool isolateUnstable = false,
                                std::optional<double> threshold = {});

/// The file form: scores every row of a CSV or JSON Lines file and returns the rows as CSV
/// with the result columns appended (a table `counterpart-cli audit` accepts).
Result<ScoredTable> scoreFile(const std::string &path, Scorer &scorer, int repeats,
                              const std::function<void(std::string_view)> &onLog,
                              const Progress &progress = {});

} // namespace cp
