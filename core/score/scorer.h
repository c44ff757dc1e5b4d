// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The scorer interface: what the model under audit is asked and what it answers. Adapters
// (built-in model, command, HTTP, predictions file) implement Scorer; a scoring run
// (core/score/scorerun.h) feeds it the unscored tasks of a probe set and commits the results.

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/store/scorerecords.h>
#include <core/table/textrows.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// The rows a scorer sees: a frozen probe set's columns and cells, as text exactly as stored
/// (core/table/csvrows.h over CSV bytes, core/table/vectorrows.h over strings).
using ScoreRows = TextRows;

/// One thing to score: a row and, when the run scores each variant several times, which
/// repeat (0-based).
struct ScoreTask {
    std::int64_t row = 0;
    int repeat = 0;
};

/// The id sent with a request: the row's id, and "#k" after it for repeat k ≥ 1
/// ("12:female#2"), so that every request of a run has a distinct id.
std::string requestId(const ScoreRows &rows, const ScoreTask &task);

/// Receives the result of tasks[task]. Called on the thread that called Scorer::run(), in any
/// order, at most once per task. An error (a failed commit, a cancel) stops the run.
using ScoreSink = std::function<Status(std::size_t task, ScoreResult result)>;

/// Receives a line for the run log (a command's stderr, a restart, a retry). Called on the
/// thread that called Scorer::run(). Never give it a secret: headers and environment values
/// substituted from ${VAR} must not appear in log lines or errors.
using ScoreLog = std::function<void(std::string_view line)>;

class Scorer
{
public:
    virtual ~Scorer() = default;

    /// Scores the tasks, handing each result to sink. Row-level failures (a garbage line, a
    /// timeout, an HTTP 400) are results with `error` set. Returns an error when the run
    /// cannot go on: the process cannot start, too many consecutive failures, the sink failed,
    /// or progress.isCancelled() (ErrorCode::Cancelled). Tasks without a sink call are left
    /// for a resumed run.
    virtual Status run(const ScoreRows &rows, std::span<const ScoreTask> tasks,
                       const ScoreSink &sink, const ScoreLog &log, const Progress &progress) = 0;

    /// Refuses what run() would refuse before its first task (a field that is not a column,
    /// an unset ${VAR}, a program that is not there, a predictions file that cannot be read),
    /// without sending a request or starting a process: a run is created only after this
    /// passes, so that no "failed" run is left whose resume could never work. The default runs
    /// no tasks, which each adapter answers by preparing and returning.
    virtual Status check(const ScoreRows &rows);
};

} // namespace cp
