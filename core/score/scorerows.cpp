// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "scorerows.h"

#include <core/table/csvscanner.h>

namespace cp {

std::string requestId(const ScoreRows &rows, const ScoreTask &task)
{
    std::string id = rows.id(task.row);
    if (task.repeat > 0)
        id += "#" + std::to_string(task.repeat);
    return id;
}

Result<std::unique_ptr<CsvScoreRows>> CsvScoreRows::parse(std::string csv, std::string source,
                                                          const std::string &idColumn)
{
    std::unique_ptr<CsvScoreRows> rows(new CsvScoreRows);
    rows->m_csv = std::move(csv);
    rows->m_source = std::move(source);
    CsvScanner scanner(rows->m_csv);
    if (!scanner.nextRecord())
        return Error{ErrorCode::Schema, rows->m_source, 1, {}, "no header row"};
    std::string_view cell;
    while (true) {
        if (!scanner.field(cell))
            return Error{ErrorCode::Parse, rows->m_source, scanner.line(), {}, scanner.error()};
        rows->m_columns.emplace_back(cell);
        if (scanner.endOfRecord())
            break;
    }
    const auto &c = rows->m_columns;
    if (c.size() >= 2 && c[0] == "family" && c[1] == "variant") {
        rows->m_idKind = IdKind::FamilyVariant;
    } else {
        for (std::size_t i = 0; i < c.size(); ++i)
            if (!idColumn.empty() && c[i] == idColumn) {
                rows->m_idKind = IdKind::Column;
                rows->m_idColumn = i;
            }
    }
    for (;;) {
        if (!scanner.nextRecord())
            break;
        // nextRecord() skipped blank lines: the record starts where the scanner now is.
        const std::size_t recordStart = scanner.offset();
        const std::int64_t recordLine = scanner.line();
        std::size_t count = 0;
        while (true) {
            if (!scanner.field(cell))
                return Error{ErrorCode::Parse, rows->m_source, scanner.line(), {},
                             scanner.error()};
            ++count;
            if (scanner.endOfRecord())
                break;
        }
        if (count != c.size())
            return Error{ErrorCode::Schema, rows->m_source, recordLine, {},
                         "row has " + std::to_string(count) + " cells, the header has "
                             + std::to_string(c.size())};
        rows->m_rowStarts.push_back(recordStart);
        rows->m_rowLines.push_back(recordLine);
    }
    rows->m_rowStarts.push_back(rows->m_csv.size());
    return rows;
}

void CsvScoreRows::cells(std::int64_t row, std::vector<std::string_view> &out,
                         std::string &scratch) const
{
    out.clear();
    scratch.clear();
    const std::size_t begin = m_rowStarts[std::size_t(row)];
    const std::size_t end = m_rowStarts[std::size_t(row) + 1];
    const std::string_view bytes(m_csv.data() + begin, end - begin);
    CsvScanner scanner(bytes);
    scanner.nextRecord();
    // A quoted cell with doubled quotes is unescaped into the scanner's own buffer, which the
    // next cell reuses: copy those into scratch and point at them once scratch stops growing.
    struct Piece {
        bool inScratch;
        std::size_t offset, size;
    };
    Piece pieces[64];
    std::vector<Piece> many;
    const std::size_t n = m_columns.size();
    Piece *piece = n <= 64 ? pieces : (many.resize(n), many.data());
    std::string_view cell;
    for (std::size_t i = 0; i < n; ++i) {
        if (!scanner.field(cell))
            cell = {};
        if (cell.data() >= bytes.data() && cell.data() + cell.size() <= bytes.data() + bytes.size()) {
            piece[i] = {false, std::size_t(cell.data() - m_csv.data()), cell.size()};
        } else {
            piece[i] = {true, scratch.size(), cell.size()};
            scratch.append(cell);
        }
    }
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.emplace_back((piece[i].inScratch ? scratch.data() : m_csv.data()) + piece[i].offset,
                         piece[i].size);
}

std::string_view CsvScoreRows::rowBytes(std::int64_t row) const
{
    std::size_t begin = m_rowStarts[std::size_t(row)];
    std::size_t end = m_rowStarts[std::size_t(row) + 1];
    while (end > begin && (m_csv[end - 1] == '\n' || m_csv[end - 1] == '\r'))
        --end;
    return std::string_view(m_csv).substr(begin, end - begin);
}

std::string CsvScoreRows::id(std::int64_t row) const
{
    if (m_idKind == IdKind::RowNumber)
        return std::to_string(row + 1);
    std::vector<std::string_view> cells;
    std::string scratch;
    this->cells(row, cells, scratch);
    if (m_idKind == IdKind::Column)
        return std::string(cells[m_idColumn]);
    std::string id(cells[0]);
    id += ':';
    id += cells[1];
    return id;
}

VectorScoreRows::VectorScoreRows(std::vector<std::string> columns,
                                 std::vector<std::vector<std::string>> rows,
                                 std::vector<std::string> ids)
    : m_columns(std::move(columns)), m_rows(std::move(rows)), m_ids(std::move(ids))
{
    if (m_ids.size() < m_rows.size())
        for (std::size_t i = m_ids.size(); i < m_rows.size(); ++i)
            m_ids.push_back(std::to_string(i + 1));
}

void VectorScoreRows::cells(std::int64_t row, std::vector<std::string_view> &out,
                            std::string &) const
{
    out.clear();
    for (const auto &c : m_rows[std::size_t(row)])
        out.emplace_back(c);
    out.resize(m_columns.size());
}

} // namespace cp
