// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the table readers (tablereader.cpp: CSV and the front door; jsonlinesreader.cpp:
// JSON Lines): what both set up and report the same way.

#include <core/common/result.h>
#include <core/table/table.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cp::readerdetail {

/// Rows between two progress reports (and cancel checks).
inline constexpr std::int64_t ProgressEvery = 1 << 16;

Error makeError(ErrorCode code, const std::string &source, std::int64_t line, std::string field,
                std::string message);

/// Sets up empty columns for the requests and reports duplicates.
Result<Table> prepareTable(const std::string &source, const std::vector<ColumnRequest> &columns);

} // namespace cp::readerdetail
