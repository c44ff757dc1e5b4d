// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/result.h>

#include <string>
#include <string_view>

namespace cp {

/// Counterpart's canonical CSV, the encoding a probe set's SHA-256 is computed over, so that the
/// same content always gives the same hash:
///   - UTF-8 without a byte order mark;
///   - a header line, then one line per row, every line (the last too) ended by a single LF;
///   - no blank lines; every line has as many fields as the header;
///   - fields separated by ","; a field is quoted only when it holds ",", "\"", CR or LF, and a
///     quote inside a quoted field is doubled (RFC 4180). Nothing else is quoted, nothing is
///     trimmed: the values are exactly the decoded values of the source.

/// Appends one field in canonical form.
void appendCanonicalCsvField(std::string &out, std::string_view value);

/// Re-encodes any CSV the table reader accepts (CRLF, BOM, needless quotes, blank lines, no final
/// line feed) canonically. Errors name source and line (malformed quoting, ragged lines).
Result<std::string> canonicalCsv(std::string_view csv, const std::string &source);

/// Converts JSON Lines to canonical CSV: columns in order of first appearance (the first
/// object's keys in file order, then new keys as they appear), strings verbatim, numbers as
/// written, booleans as true/false, null or an absent key as an empty field. Nested values are
/// an error naming the line and key.
Result<std::string> csvFromJsonLines(std::string_view jsonl, const std::string &source);

/// Converts canonical CSV to JSON Lines: one object per row, keys in header order; a cell that
/// is a JSON number which csvFromJsonLines writes back as the same text ("42", "3.2") is a
/// number, every other value a string ("007", "3.20", "1e5", "", "true"). So the JSON Lines
/// read back give the same canonical CSV, byte for byte.
Result<std::string> jsonLinesFromCsv(std::string_view csv, const std::string &source);

} // namespace cp
