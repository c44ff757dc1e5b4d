// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// Rows of a table as text, exactly as stored: what a scorer is sent (core/score/scorer.h calls
/// it ScoreRows) and what the Pairs view, the report and review packets show of a family. The
/// columnar Table (table.h) holds only what an audit counts; this holds every column's text.
class TextRows
{
public:
    virtual ~TextRows() = default;
    virtual const std::vector<std::string> &columns() const = 0;
    virtual std::int64_t rowCount() const = 0;
    /// The cells of `row` (0-based), one per column, into out. The views point into the rows'
    /// storage or into scratch, so they stay valid until scratch changes.
    virtual void cells(std::int64_t row, std::vector<std::string_view> &out,
                       std::string &scratch) const = 0;
    /// The row's id, unique in the set: "<family>:<variant>", e.g. "12:female/black", when the
    /// first two columns are `family` and `variant`; else an id column or the 1-based row number.
    virtual std::string id(std::int64_t row) const = 0;
    /// One cell of a row (a view into the storage or into scratch).
    virtual std::string_view cell(std::int64_t row, std::size_t column, std::string &scratch) const;
};

} // namespace cp
