// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/table/tablelimits.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cp {

/// A fast RFC 4180 field scanner over bytes in memory that also tells whether the bytes are in
/// Counterpart's canonical CSV encoding (see canonicalcsv.h). Accepts what the table reader
/// accepts: LF or CRLF line ends, a UTF-8 byte order mark, blank lines (skipped).
class CsvScanner
{
public:
    explicit CsvScanner(std::string_view data);

    /// Skips blank lines; false when no record is left.
    bool nextRecord();
    /// Reads one field into out (a view into the data, or into a scratch buffer for a quoted
    /// field that holds escaped quotes). False on a malformed field or one longer than
    /// MaxFieldBytes (see error()).
    bool field(std::string_view &out);
    bool endOfRecord() const { return m_endOfRecord; }

    /// Byte offset and 1-based line of the next unread byte.
    std::size_t offset() const { return std::size_t(m_p - m_begin); }
    std::int64_t line() const { return m_line; }
    /// Continues reading at a position saved from offset() and line().
    void seek(std::size_t offset, std::int64_t line);

    /// False once anything read so far differs from the canonical encoding.
    bool canonical() const { return m_canonical; }
    const std::string &error() const { return m_error; }

private:
    bool scan(std::string_view &out);
    bool quotedField(std::string_view &out);

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    std::int64_t m_line = 1;
    bool m_endOfRecord = false;
    bool m_canonical = true;
    std::string m_scratch;
    std::string m_error;
};

} // namespace cp
