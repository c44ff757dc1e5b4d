// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include "scorer.h"

#include <memory>

namespace cp {

/// ScoreRows over CSV bytes held in memory (a frozen probe set's canonical CSV, or a file to
/// score). Indexes where each row starts (8 bytes per row) and splits a row's cells only when
/// asked, so a 2,000,000-row set costs its bytes plus 16 MB.
///
/// The id of a row: "<family>:<variant>" when the first two columns are `family` and
/// `variant` (every probe set); else the cell of idColumn (default "id") when there is one;
/// else the 1-based row number.
class CsvScoreRows : public ScoreRows
{
public:
    /// Parses the header and indexes the rows. Errors name source, line and (for a row with
    /// the wrong number of cells) the row.
    static Result<std::unique_ptr<CsvScoreRows>> parse(std::string csv, std::string source,
                                                       const std::string &idColumn = "id");

    const std::vector<std::string> &columns() const override { return m_columns; }
    std::int64_t rowCount() const override { return std::int64_t(m_rowStarts.size()) - 1; }
    void cells(std::int64_t row, std::vector<std::string_view> &out,
               std::string &scratch) const override;
    std::string id(std::int64_t row) const override;
    /// The row's bytes as stored, without its line end.
    std::string_view rowBytes(std::int64_t row) const;
    /// The 1-based line of a row in the source (for errors).
    std::int64_t lineOfRow(std::int64_t row) const { return m_rowLines[std::size_t(row)]; }
    const std::string &source() const { return m_source; }

private:
    CsvScoreRows() = default;

    std::string m_csv;
    std::string m_source;
    std::vector<std::string> m_columns;
    std::vector<std::uint64_t> m_rowStarts;   ///< byte offset of each row, then the end
    std::vector<std::int64_t> m_rowLines;
    enum class IdKind { FamilyVariant, Column, RowNumber } m_idKind = IdKind::RowNumber;
    std::size_t m_idColumn = 0;
};

/// ScoreRows over rows held as strings (JSON Lines input, tests).
class VectorScoreRows : public ScoreRows
{
public:
    VectorScoreRows(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
                    std::vector<std::string> ids);

    const std::vector<std::string> &columns() const override { return m_columns; }
    std::int64_t rowCount() const override { return std::int64_t(m_rows.size()); }
    void cells(std::int64_t row, std::vector<std::string_view> &out,
               std::string &scratch) const override;
    std::string id(std::int64_t row) const override { return m_ids[std::size_t(row)]; }

private:
    std::vector<std::string> m_columns;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<std::string> m_ids;
};

} // namespace cp
