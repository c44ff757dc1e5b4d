// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/table/csvsimd.h>
#include <core/table/table.h>

#include <string>
#include <string_view>
#include <vector>

namespace cp {

enum class TableFormat { Csv, JsonLines };

/// Guesses the format from a file name: .jsonl / .ndjson → JSON Lines, anything else CSV.
TableFormat formatForPath(std::string_view path);
std::string formatName(TableFormat format);

/// Whether `path` names a regular file: a folder, a device, a pipe or a socket is an Io error
/// naming it ("is a folder, not a file"), as is a path that cannot be opened.
Status checkRegularFile(const std::string &path);
/// Reads a whole regular file into memory (checkRegularFile first). Errors name the file.
Result<std::string> readFileBytes(const std::string &path);

/// A numeric cell as every reader takes it: spaces and tabs around it and a leading '+'
/// allowed, finite only (what std::from_chars reads otherwise).
bool parseNumber(std::string_view text, double &out);

/// Parses RFC 4180 CSV (comma, double-quote escaping, LF or CRLF) held in memory, loading only
/// the requested columns. A missing column, a ragged line or a non-numeric value in a numeric
/// column is an Error naming source, line and column. Empty cells load as missing values.
///
/// The bytes are cut into chunks parsed in parallel with a vectorised structural scan (see
/// csvbody.cpp); whatever that scan does not read exactly as RFC 4180 says (a quote inside an
/// unquoted field, any error) is read again byte by byte, so results and error messages do not
/// depend on the path taken.
Result<Table> readCsv(std::string_view data, const std::string &source,
                      const std::vector<ColumnRequest> &columns, const Progress &progress = {});
/// The same with the reader's knobs (threads, chunk size, instruction set, the scalar
/// reference), for tests and benchmarks: every setting gives the same Table or Error.
Result<Table> readCsv(std::string_view data, const std::string &source,
                      const std::vector<ColumnRequest> &columns, const CsvReadOptions &options,
                      const Progress &progress = {});

/// Parses JSON Lines: one object per line, blank lines allowed. Strings, numbers and booleans
/// load as text in categorical columns; null or an absent key is missing. A requested column that
/// no line has is an Error, as is a line that is not a JSON object.
Result<Table> readJsonLines(std::string_view data, const std::string &source,
                            const std::vector<ColumnRequest> &columns,
                            const Progress &progress = {});

/// The column names of a table: a CSV's header in order, or every key of a JSON Lines file
/// (lines in order, keys alphabetical within a line). For loading "all columns".
Result<std::vector<std::string>> readColumnNames(std::string_view data, TableFormat format,
                                                 const std::string &source);

/// Whether bytes can be stored as a table of that format: UTF-8 text without NUL bytes (a
/// binary file is refused at the line and column of its first such byte) whose header, or
/// first line, reads as the format's. A Parse error naming source when not.
Status checkTableBytes(std::string_view data, TableFormat format, const std::string &source);

/// Dispatches on format; also sets Table::sha256 from the bytes (computed while they parse).
Result<Table> readTable(std::string_view data, TableFormat format, const std::string &source,
                        const std::vector<ColumnRequest> &columns, const Progress &progress = {});
/// The same for bytes whose SHA-256 is already known (a frozen table): it is not computed again.
Result<Table> readTable(std::string_view data, TableFormat format, const std::string &source,
                        const std::vector<ColumnRequest> &columns, const std::string &knownSha256,
                        const Progress &progress = {});
/// Reads a table file through a memory map (no copy; pages already parsed and hashed are given
/// back as the read goes on). Errors name the file as readFileBytes does.
Result<Table> readTableFile(const std::string &path, TableFormat format,
                            const std::vector<ColumnRequest> &columns, const Progress &progress = {});

} // namespace cp
