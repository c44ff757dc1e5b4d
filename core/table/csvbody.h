// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the table reader: the parallel CSV body reader (csvbody.cpp).

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/common/sha256.h>
#include <core/table/csvchunk.h>
#include <core/table/table.h>

#include <functional>
#include <string_view>

namespace cp::csvdetail {

enum class BodyStatus {
    Ok,        ///< the table holds every row
    Fallback,  ///< something only the scalar reader words or reads exactly: start it over
    Cancelled,
};

struct BodyRequest {
    std::string_view data;          ///< the whole input
    std::size_t bodyStart = 0;      ///< offset of the first byte after the header
    std::int64_t firstDataLine = 2; ///< line of that byte
    std::vector<FieldAction> actions;
    CsvReadOptions options;
    Progress progress;
    /// If set, the SHA-256 of all of data is computed alongside the parse; `hashed` tells
    /// whether it finished (false after a fallback or a cancel).
    Sha256 *hash = nullptr;
    bool *hashed = nullptr;
    /// Called with page-aligned byte ranges of data that nothing reads again (a memory map
    /// drops them, so resident memory stays near the columns' size).
    std::function<void(std::size_t offset, std::size_t length)> release;
};

BodyStatus readBody(const BodyRequest &request, Table &table);

/// How many reads so far handed over to the scalar reader (for tests: the fast path must be
/// the one that ran).
long fallbackCount();

/// The nlohmann JSON Lines reader that the simdjson one hands everything unusual to; for tests.
Result<Table> readJsonLinesReference(std::string_view data, const std::string &source,
                                     const std::vector<ColumnRequest> &columns,
                                     const Progress &progress = {});

} // namespace cp::csvdetail
