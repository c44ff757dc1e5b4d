// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to core/score: what scoring a run (scoringrun.cpp) and reading a scored run
// (scoredrun.cpp) both do with a probe set's rows.

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/store/probesetstore.h>
#include <core/table/csvrows.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cp {

class ProjectStore;

namespace runrows {

/// Rows of each family, in order: consecutive rows sharing the first cell (probe sets keep a
/// family's variants together).
std::vector<std::pair<std::int64_t, std::int64_t>> familyRanges(const CsvRows &rows);

/// The result columns may not already be columns of the rows: a join would shadow them.
Status checkResultColumns(const CsvRows &rows, const std::string &source);

/// A probe set's canonical CSV, checked against its SHA-256 once: the store checks the bytes
/// against their table's hash as it reads them, so when that hash is the probe set's there is
/// nothing left to check (probeSetContent() would hash the bytes a second time).
Result<std::string> probeSetBytes(ProjectStore &store, const ProbeSetRecord &set,
                                  const Progress &progress = {});

/// The rows of a CSV or JSON Lines file (by its extension), as the file form scores them.
Result<std::shared_ptr<const CsvRows>> rowsOfFile(const std::string &path);

} // namespace runrows
} // namespace cp
