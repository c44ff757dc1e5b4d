// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "csvscanner.h"

#include <array>

namespace cp {

namespace {

/// Bytes that end an unquoted field's fast scan.
constexpr std::array<bool, 256> Special = [] {
    std::array<bool, 256> t{};
    t[std::uint8_t(',')] = t[std::uint8_t('\n')] = t[std::uint8_t('\r')] = t[std::uint8_t('"')] =
        true;
    return t;
}();

bool needsQuotes(std::string_view v)
{
    return v.find_first_of(",\"\r\n") != std::string_view::npos;
}

} // namespace

CsvScanner::CsvScanner(std::string_view data)
    : m_begin(data.data()), m_p(data.data()), m_end(data.data() + data.size())
{
    if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") {
        m_p += 3;
        m_canonical = false;
    }
}

void CsvScanner::seek(std::size_t offset, std::int64_t line)
{
    m_p = m_begin + offset;
    m_line = line;
    m_endOfRecord = false;
}

bool CsvScanner::nextRecord()
{
    while (m_p < m_end) {
        if (*m_p == '\n') {
            ++m_p;
        } else if (*m_p == '\r' && m_end - m_p >= 2 && m_p[1] == '\n') {
            m_p += 2;
        } else {
            return true;
        }
        ++m_line;
        m_canonical = false;  // a blank line
    }
    return false;
}

bool CsvScanner::field(std::string_view &out)
{
    if (!scan(out))
        return false;
    if (out.size() > MaxFieldBytes) {
        m_error = "a field of " + std::to_string(out.size() >> 20)
                  + " MiB is longer than the limit of 64 MiB";
        return false;
    }
    return true;
}

bool CsvScanner::scan(std::string_view &out)
{
    m_endOfRecord = false;
    if (m_p < m_end && *m_p == '"')
        return quotedField(out);
    const char *start = m_p;
    while (true) {
        while (m_p < m_end && !Special[std::uint8_t(*m_p)])
            ++m_p;
        if (m_p >= m_end) {
            out = std::string_view(start, std::size_t(m_p - start));
            if (!out.empty() && out.back() == '\r')
                out.remove_suffix(1);
            m_endOfRecord = true;
            m_canonical = false;  // no final line feed
            return true;
        }
        const char c = *m_p;
        if (c == ',') {
            out = std::string_view(start, std::size_t(m_p - start));
            ++m_p;
            return true;
        }
        if (c == '\n') {
            out = std::string_view(start, std::size_t(m_p - start));
            if (!out.empty() && out.back() == '\r')
                out.remove_suffix(1);
            ++m_p;
            ++m_line;
            m_endOfRecord = true;
            return true;
        }
        // A quote or carriage return inside an unquoted field (or CRLF): read literally, as
        // the table reader does, but the canonical form differs.
        m_canonical = false;
        ++m_p;
    }
}

bool CsvScanner::quotedField(std::string_view &out)
{
    const std::int64_t startLine = m_line;
    ++m_p;
    const char *start = m_p;
    bool escaped = false;
    m_scratch.clear();
    while (true) {
        if (m_p >= m_end) {
            m_error = "unterminated quoted field (opened on line " + std::to_string(startLine)
                      + ")";
            return false;
        }
        const char c = *m_p++;
        if (c == '"') {
            if (m_p < m_end && *m_p == '"') {
                if (escaped)
                    m_scratch += '"';
                else
                    m_scratch.assign(start, std::size_t(m_p - start));  // text and one quote
                escaped = true;
                ++m_p;
                continue;
            }
            break;
        }
        if (c == '\n')
            ++m_line;
        if (escaped)
            m_scratch += c;
    }
    out = escaped ? std::string_view(m_scratch)
                  : std::string_view(start, std::size_t(m_p - 1 - start));
    if (!needsQuotes(out))
        m_canonical = false;
    if (m_p < m_end && *m_p == '\r') {
        ++m_p;
        m_canonical = false;
    }
    if (m_p >= m_end) {
        m_endOfRecord = true;
        m_canonical = false;
    } else if (*m_p == ',') {
        ++m_p;
    } else if (*m_p == '\n') {
        ++m_p;
        ++m_line;
        m_endOfRecord = true;
    } else {
        m_error = "unexpected character after closing quote";
        return false;
    }
    return true;
}

} // namespace cp
