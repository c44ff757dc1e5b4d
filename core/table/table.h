// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace cp {

/// A column of text values stored as codes into a level list (first-appearance order).
/// Codes are bytes while there are at most 255 levels and widen to 32 bits past that, so the
/// audit's counting passes read one byte per row for typical group columns.
class CategoricalColumn
{
public:
    static constexpr std::uint32_t Missing = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::uint8_t NarrowMissing = 255;

    /// Appends one value; an empty string is stored as Missing.
    void append(std::string_view value, std::int64_t row);
    void appendMissing();

    std::size_t size() const { return m_wide ? m_wideCodes.size() : m_narrowCodes.size(); }
    bool isWide() const { return m_wide; }
    std::uint32_t code(std::size_t row) const
    {
        if (m_wide)
            return m_wideCodes[row];
        const std::uint8_t c = m_narrowCodes[row];
        return c == NarrowMissing ? Missing : c;
    }
    const std::uint8_t *narrowCodes() const { return m_narrowCodes.data(); }
    const std::uint32_t *wideCodes() const { return m_wideCodes.data(); }

    const std::vector<std::string> &levels() const { return m_levels; }
    /// Row at which each level first appeared (for error messages).
    const std::vector<std::int64_t> &firstRows() const { return m_firstRows; }
    /// First row with a missing value, or -1.
    std::int64_t firstMissingRow() const { return m_firstMissing; }
    /// Code of a level, or Missing if the level never appears.
    std::uint32_t find(std::string_view level) const;
    void reserve(std::size_t rows);

    /// The code of a level, added (first seen at row) if new; value must not be empty. For
    /// readers that dictionary-code cells themselves and then append codes in bulk.
    std::uint32_t addLevel(std::string_view value, std::int64_t row);
    /// Appends count rows given as codes of levels() (Missing for a missing value).
    void appendCodes(const std::uint32_t *codes, std::size_t count);

private:
    std::uint32_t intern(std::string_view value, std::int64_t row);
    void index(std::uint32_t code, std::uint64_t hash);

    std::vector<std::uint8_t> m_narrowCodes;
    std::vector<std::uint32_t> m_wideCodes;
    bool m_wide = false;
    std::vector<std::string> m_levels;
    std::vector<std::int64_t> m_firstRows;
    /// The levels by value: open addressing, each slot a level's code in its low 32 bits and
    /// the high half of its hash above (0: empty, codes are stored + 1), at most half full. A
    /// family column has a level per family: 16 MB at 1,000,000 families, where a node per
    /// level in an unordered_map took 56 MB and a heap allocation each.
    std::vector<std::uint64_t> m_slots;
    std::int64_t m_firstMissing = -1;
    std::uint32_t m_lastCode = Missing;
};

/// A column of reals; a missing value is NaN.
struct NumericColumn {
    std::vector<double> values;
    std::int64_t firstMissingRow = -1;
};

enum class ColumnKind { Categorical, Numeric };

/// What a reader should load: only the columns an audit needs, each with its kind.
struct ColumnRequest {
    std::string name;
    ColumnKind kind = ColumnKind::Categorical;
};

/// A loaded table: the requested columns, row count, and how rows map back to source lines.
class Table
{
public:
    std::string source;          ///< file name used in error messages
    std::string sha256;          ///< content hash of the source bytes
    std::int64_t rowCount = 0;

    std::vector<std::string> names;
    std::vector<ColumnKind> kinds;
    /// Index into categorical/numeric by column position in names.
    std::vector<std::size_t> slot;
    std::vector<CategoricalColumn> categorical;
    std::vector<NumericColumn> numeric;

    int indexOf(std::string_view name) const;
    const CategoricalColumn *categoricalColumn(std::string_view name) const;
    const NumericColumn *numericColumn(std::string_view name) const;

    /// 1-based source line of a 0-based data row.
    std::int64_t lineOfRow(std::int64_t row) const
    {
        return m_rowLines.empty() ? row + m_firstDataLine : m_rowLines[std::size_t(row)];
    }
    void setFirstDataLine(std::int64_t line) { m_firstDataLine = line; }
    /// Called by readers whose rows do not map to consecutive lines (quoted newlines).
    void setRowLines(std::vector<std::int64_t> lines) { m_rowLines = std::move(lines); }
    /// Appends a categorical column (its size must be rowCount).
    void addCategorical(std::string name, CategoricalColumn column);

private:
    std::int64_t m_firstDataLine = 2;
    std::vector<std::int64_t> m_rowLines;
};

/// The rows listed (ascending), as a new table: same columns, each keeping its source line;
/// categorical levels are those still present, in their new first-appearance order.
Table selectRows(const Table &table, const std::vector<std::int64_t> &rows);
/// The same, with only the columns named in `columns` (the others are not copied).
Table selectRows(const Table &table, const std::vector<std::int64_t> &rows,
                 const std::vector<ColumnRequest> &columns);

} // namespace cp
