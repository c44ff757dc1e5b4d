// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scorer.h"

namespace cp {

std::string requestId(const ScoreRows &rows, const ScoreTask &task)
{
    std::string id = rows.id(task.row);
    if (task.repeat > 0)
        id += "#" + std::to_string(task.repeat);
    return id;
}

Status Scorer::check(const ScoreRows &rows)
{
    const ScoreSink none = [](std::size_t, ScoreResult) -> Status { return Ok{}; };
    const ScoreLog quiet = [](std::string_view) {};
    return run(rows, {}, none, quiet, Progress{});
}

} // namespace cp
