// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>
#include <core/table/textrows.h>

#include <memory>

namespace cp {

class CsvScanner;

/// TextRows over CSV bytes held in memory (a frozen probe set's canonical CSV, an imported table,
/// or a file to score): the one copy of the bytes, plus where each row starts (8 bytes per row).
/// A row's cells are split only when asked, so a 5,000,000-row set costs its bytes plus 40 MB.
///
/// The id of a row: "<family>:<variant>" when the first two columns are `family` and
/// `variant` (every probe set); else the cell of idColumn (default "id") when there is one;
/// else the 1-based row number.
class CsvRows : public TextRows
{
public:
    /// Parses the header and every cell of every row: for bytes nothing has read yet (a file
    /// to score). Errors name source, line and (for a row with the wrong number of cells) the
    /// row.
    static Result<std::unique_ptr<CsvRows>> parse(std::string csv, std::string source,
                                                  const std::string &idColumn = "id");
    /// Indexes bytes that a table reader has already accepted (an audited table, a frozen
    /// probe set): the header is parsed, rows are found by their line ends, and only a line
    /// holding a quote is scanned field by field. Rows match the reader's rows one to one
    /// (blank lines are skipped as it skips them); cell counts are not checked again.
    static Result<std::unique_ptr<CsvRows>> index(std::string csv, std::string source,
                                                  const std::string &idColumn = "id");

    const std::vector<std::string> &columns() const override { return m_columns; }
    std::int64_t rowCount() const override { return std::int64_t(m_rowStarts.size()) - 1; }
    void cells(std::int64_t row, std::vector<std::string_view> &out,
               std::string &scratch) const override;
    std::string id(std::int64_t row) const override;
    std::string_view cell(std::int64_t row, std::size_t column,
                          std::string &scratch) const override;
    /// The row's bytes as stored, without its line end.
    std::string_view rowBytes(std::int64_t row) const;
    /// The 1-based line of a row in the source (for errors).
    std::int64_t lineOfRow(std::int64_t row) const
    {
        return m_everyLine ? m_rowLines[std::size_t(row)] : row + m_firstRowLine;
    }
    const std::string &source() const { return m_source; }
    /// All the bytes, header included.
    std::string_view bytes() const { return m_csv; }

private:
    CsvRows() = default;
    Status parseHeader(CsvScanner &scanner, const std::string &idColumn);
    void addRow(std::size_t start, std::int64_t line);

    std::string m_csv;
    std::string m_source;
    std::vector<std::string> m_columns;
    std::vector<std::uint64_t> m_rowStarts;   ///< byte offset of each row, then the end
    std::vector<std::int64_t> m_rowLines;     ///< unless m_everyLine, row r is on line r + first
    bool m_everyLine = false;
    std::int64_t m_firstRowLine = 2;
    enum class IdKind { FamilyVariant, Column, RowNumber } m_idKind = IdKind::RowNumber;
    std::size_t m_idColumn = 0;
};

} // namespace cp
