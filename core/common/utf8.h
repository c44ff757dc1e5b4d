// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// UTF-8 is the one text encoding Counterpart reads and writes. A byte sequence that is not
// UTF-8 (a Latin-1 or Windows-1252 export, most often) is refused where it enters, with the
// line and column of the first bad byte, rather than replaced: a replaced byte would silently
// merge two groups ("Jos\xe9" and "Jos\xe8" both "Jos?") and change the table's hash.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cp::utf8 {

/// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
/// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or npos. ASCII runs are
/// checked eight bytes at a time.
std::size_t firstInvalid(std::string_view s);
inline bool valid(std::string_view s) { return firstInvalid(s) == std::string_view::npos; }

/// Where the byte at `offset` of `data` is: 1-based line (LF-separated) and 1-based column in
/// characters (UTF-8 sequences before it on its line count once).
struct Position {
    std::int64_t line = 1;
    std::int64_t column = 1;
};
Position positionOf(std::string_view data, std::size_t offset);

/// "byte 0xE9 at column 7 is not UTF-8 (the file is probably Latin-1 or Windows-1252: convert
/// it, e.g. iconv -f WINDOWS-1252 -t UTF-8)". `column` as positionOf gives it.
std::string invalidMessage(unsigned char byte, std::int64_t column);

/// Text that is safe to print in a message or a terminal: control characters (C0, DEL, C1)
/// escaped as \n, \t, \r or \xNN / \u0085, bytes that are not UTF-8 as \xNN, and at most
/// `limit` bytes of the input shown, cut on a character boundary and followed by "…".
/// keepNewlines leaves LF as it is (a message's own line breaks).
std::string printable(std::string_view s, std::size_t limit = 200, bool keepNewlines = false);
/// printable(s, limit) in single quotes: how an error message quotes a piece of the input.
std::string quoted(std::string_view s, std::size_t limit = 200);

} // namespace cp::utf8
