// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "csvrows.h"

#include "csvscanner.h"

#include <cstring>

namespace cp {

namespace {

/// Where the record starting at p ends (past its line end), as CsvScanner reads it: a quote
/// opens a quoted field only at the start of a field, and a quoted field may hold line breaks
/// (counted into line). nullptr when the record is malformed.
const char *recordEnd(const char *p, const char *end, std::int64_t &line)
{
    std::int64_t breaks = 0;
    while (true) {
        if (p < end && *p == '"') {
            const char *q = p + 1;
            while (true) {
                q = static_cast<const char *>(std::memchr(q, '"', std::size_t(end - q)));
                if (!q)
                    return nullptr;  // unterminated
                if (q + 1 < end && q[1] == '"') {
                    q += 2;
                    continue;
                }
                break;
            }
            for (const char *c = p; c < q; ++c)
                breaks += *c == '\n';
            p = q + 1;
            if (p < end && *p == '\r')
                ++p;
            if (p >= end)
                break;
            if (*p == ',') {
                ++p;
                continue;
            }
            if (*p == '\n') {
                ++p;
                ++breaks;
                break;
            }
            return nullptr;  // a character after the closing quote
        }
        // Unquoted: up to the next comma or line end; a quote inside is read literally.
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        const char *comma = static_cast<const char *>(std::memchr(p, ',', std::size_t(lineEnd - p)));
        if (comma) {
            p = comma + 1;
            continue;
        }
        p = nl ? nl + 1 : end;
        breaks += nl ? 1 : 0;
        break;
    }
    line += breaks;
    return p;
}

} // namespace

Status CsvRows::parseHeader(CsvScanner &scanner, const std::string &idColumn)
{
    if (!scanner.nextRecord())
        return Error{ErrorCode::Schema, m_source, 1, {}, "no header row"};
    std::string_view cell;
    while (true) {
        if (!scanner.field(cell))
            return Error{ErrorCode::Parse, m_source, scanner.line(), {}, scanner.error()};
        m_columns.emplace_back(cell);
        if (scanner.endOfRecord())
            break;
    }
    const auto &c = m_columns;
    if (c.size() >= 2 && c[0] == "family" && c[1] == "variant") {
        m_idKind = IdKind::FamilyVariant;
    } else {
        for (std::size_t i = 0; i < c.size(); ++i)
            if (!idColumn.empty() && c[i] == idColumn) {
                m_idKind = IdKind::Column;
                m_idColumn = i;
            }
    }
    m_firstRowLine = scanner.line();
    return Ok{};
}

void CsvRows::addRow(std::size_t start, std::int64_t line)
{
    const std::int64_t row = std::int64_t(m_rowStarts.size());
    if (!m_everyLine && line != row + m_firstRowLine) {
        // Rows stop being one per line (a blank line, a quoted line break): keep every line.
        m_everyLine = true;
        m_rowLines.reserve(m_rowStarts.capacity());
        for (std::int64_t r = 0; r < row; ++r)
            m_rowLines.push_back(r + m_firstRowLine);
    }
    if (m_everyLine)
        m_rowLines.push_back(line);
    m_rowStarts.push_back(start);
}

Result<std::unique_ptr<CsvRows>> CsvRows::parse(std::string csv, std::string source,
                                                const std::string &idColumn)
{
    std::unique_ptr<CsvRows> rows(new CsvRows);
    rows->m_csv = std::move(csv);
    rows->m_source = std::move(source);
    CsvScanner scanner(rows->m_csv);
    if (auto s = rows->parseHeader(scanner, idColumn); !s)
        return s.error();
    const std::size_t columns = rows->m_columns.size();
    std::string_view cell;
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
        if (count != columns)
            return Error{ErrorCode::Schema, rows->m_source, recordLine, {},
                         "row has " + std::to_string(count) + " cells, the header has "
                             + std::to_string(columns)};
        rows->addRow(recordStart, recordLine);
    }
    rows->m_rowStarts.push_back(rows->m_csv.size());
    return rows;
}

Result<std::unique_ptr<CsvRows>> CsvRows::index(std::string csv, std::string source,
                                                const std::string &idColumn)
{
    std::unique_ptr<CsvRows> rows(new CsvRows);
    rows->m_csv = std::move(csv);
    rows->m_source = std::move(source);
    CsvScanner scanner(rows->m_csv);
    if (auto s = rows->parseHeader(scanner, idColumn); !s)
        return s.error();
    const char *const begin = rows->m_csv.data();
    const char *const end = begin + rows->m_csv.size();
    const char *p = begin + scanner.offset();
    std::int64_t line = scanner.line();
    // A guess from the first rows saves growing the offsets a dozen times.
    {
        const char *probe = p;
        int seen = 0;
        while (seen < 64 && probe < end) {
            const void *nl = std::memchr(probe, '\n', std::size_t(end - probe));
            probe = nl ? static_cast<const char *>(nl) + 1 : end;
            ++seen;
        }
        if (probe > p)
            rows->m_rowStarts.reserve(std::size_t(double(end - p) * seen / double(probe - p)) + 2);
    }
    std::string_view cell;
    while (p < end) {
        // Blank lines are skipped, as CsvScanner::nextRecord() (and so the reader) skips them.
        if (*p == '\n') {
            ++p;
            ++line;
            continue;
        }
        if (*p == '\r' && end - p >= 2 && p[1] == '\n') {
            p += 2;
            ++line;
            continue;
        }
        const std::size_t start = std::size_t(p - begin);
        rows->addRow(start, line);
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
        const char *lineEnd = nl ? nl : end;
        if (!std::memchr(p, '"', std::size_t(lineEnd - p))) {
            p = nl ? nl + 1 : end;
            line += nl ? 1 : 0;
            continue;
        }
        // A quote: a quoted field may hold line breaks, so walk this record field by field.
        if (const char *next = recordEnd(p, end, line)) {
            p = next;
            continue;
        }
        // Malformed after all: let the scanner say how, where.
        scanner.seek(start, line);
        while (true) {
            if (!scanner.field(cell))
                return Error{ErrorCode::Parse, rows->m_source, scanner.line(), {},
                             scanner.error()};
            if (scanner.endOfRecord())
                break;
        }
        p = begin + scanner.offset();
        line = scanner.line();
    }
    rows->m_rowStarts.push_back(rows->m_csv.size());
    return rows;
}

void CsvRows::cells(std::int64_t row, std::vector<std::string_view> &out,
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

std::string_view CsvRows::cell(std::int64_t row, std::size_t column, std::string &scratch) const
{
    if (column >= m_columns.size())
        return {};
    const std::size_t begin = m_rowStarts[std::size_t(row)];
    const std::size_t end = m_rowStarts[std::size_t(row) + 1];
    const std::string_view bytes(m_csv.data() + begin, end - begin);
    CsvScanner scanner(bytes);
    scanner.nextRecord();
    std::string_view cell;
    for (std::size_t i = 0; i <= column; ++i)
        if (!scanner.field(cell))
            return {};
    if (cell.data() >= bytes.data() && cell.data() + cell.size() <= bytes.data() + bytes.size())
        return cell;
    scratch.assign(cell);  // unescaped into the scanner's buffer, which goes with it
    return scratch;
}

std::string_view CsvRows::rowBytes(std::int64_t row) const
{
    std::size_t begin = m_rowStarts[std::size_t(row)];
    std::size_t end = m_rowStarts[std::size_t(row) + 1];
    while (end > begin && (m_csv[end - 1] == '\n' || m_csv[end - 1] == '\r'))
        --end;
    return std::string_view(m_csv).substr(begin, end - begin);
}

std::string CsvRows::id(std::int64_t row) const
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

} // namespace cp
