// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "tablereader.h"
#include "tablereader_p.h"

#include <core/common/jsontext.h>
#include <core/common/sha256.h>
#include <core/common/utf8.h>
#include <core/table/csvbody.h>
#include <core/table/csvscanner.h>
#include <core/table/mappedfile.h>
#include <core/table/tablelimits.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>
#include <filesystem>
#include <charconv>
#include <cstdio>
#include <memory>
#include <optional>
#include <cstring>
#include <thread>

namespace cp {

namespace readerdetail {

Error makeError(ErrorCode code, const std::string &source, std::int64_t line, std::string field,
                std::string message)
{
    return Error{code, source, line, std::move(field), std::move(message)};
}

Result<Table> prepareTable(const std::string &source, const std::vector<ColumnRequest> &columns)
{
    Table t;
    t.source = source;
    for (const ColumnRequest &req : columns) {
        if (t.indexOf(req.name) >= 0) {
            // The same column asked twice with the same kind is fine (e.g. a stratum that is also
            // a stage); with different kinds it is a spec error worth naming.
            const auto i = std::size_t(t.indexOf(req.name));
            if (t.kinds[i] != req.kind)
                return makeError(ErrorCode::Schema, source, 0, req.name,
                                 "column is used both as text and as a number");
            continue;
        }
        t.names.push_back(req.name);
        t.kinds.push_back(req.kind);
        if (req.kind == ColumnKind::Categorical) {
            t.slot.push_back(t.categorical.size());
            t.categorical.emplace_back();
        } else {
            t.slot.push_back(t.numeric.size());
            t.numeric.emplace_back();
        }
    }
    return t;
}

} // namespace readerdetail

using readerdetail::makeError;
using readerdetail::prepareTable;
using readerdetail::ProgressEvery;

bool parseNumber(std::string_view text, double &out)
{
    return csvdetail::parseNumber(text.data(), text.size(), out);
}

namespace {

/// Target of one CSV field: which loaded column, or none (-1).
struct FieldTarget {
    int column = -1;
};

} // namespace

TableFormat formatForPath(std::string_view path)
{
    auto endsWith = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
    };
    if (endsWith(".jsonl") || endsWith(".ndjson") || endsWith(".JSONL"))
        return TableFormat::JsonLines;
    return TableFormat::Csv;
}

std::string formatName(TableFormat format)
{
    return format == TableFormat::JsonLines ? "jsonl" : "csv";
}

Status checkRegularFile(const std::string &path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || status.type() == std::filesystem::file_type::not_found) {
        return makeError(ErrorCode::Io, path, 0, {}, "cannot open file for reading");
    }
    switch (status.type()) {
    case std::filesystem::file_type::regular:
        return Ok{};
    case std::filesystem::file_type::directory:
        return makeError(ErrorCode::Io, path, 0, {}, "is a folder, not a file");
    case std::filesystem::file_type::fifo:
    case std::filesystem::file_type::socket:
    case std::filesystem::file_type::character:
    case std::filesystem::file_type::block:
        return makeError(ErrorCode::Io, path, 0, {},
                         "is a device, pipe or socket, not a regular file");
    default:
        return makeError(ErrorCode::Io, path, 0, {}, "not a regular file");
    }
}

Result<std::string> readFileBytes(const std::string &path)
{
    // A folder's size reads as 2^63 - 1 (the reserve below threw bad_alloc); /dev/zero never
    // ends and a FIFO may never answer: only regular files are read.
    if (Status s = checkRegularFile(path); !s)
        return s.error();
    std::unique_ptr<FILE, int (*)(FILE *)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f)
        return makeError(ErrorCode::Io, path, 0, {}, "cannot open file for reading");
    std::string bytes;
    if (std::fseek(f.get(), 0, SEEK_END) == 0) {
        const long size = std::ftell(f.get());
        if (size > 0 && size < (long(1) << 40))
            bytes.reserve(std::size_t(size));
        std::fseek(f.get(), 0, SEEK_SET);
    }
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0)
        bytes.append(buf, n);
    if (std::ferror(f.get()))
        return makeError(ErrorCode::Io, path, 0, {}, "read error");
    return bytes;
}

namespace {

std::string tooManyColumns()
{
    return "the header has more than " + std::to_string(MaxColumns) + " columns (the limit)";
}

/// The header, read with the scalar scanner by both readers: the field of each loaded column.
struct CsvHeader {
    std::vector<std::string> names;
    std::vector<FieldTarget> targets;
};

Result<CsvHeader> readHeader(CsvScanner &parser, const std::string &source, const Table &table)
{
    if (!parser.nextRecord())
        return makeError(ErrorCode::Parse, source, 1, {}, "the file is empty (no header line)");
    CsvHeader h;
    std::vector<std::string> &header = h.names;
    std::string_view f;
    do {
        if (!parser.field(f))
            return makeError(ErrorCode::Parse, source, parser.line(), {}, parser.error());
        if (header.size() == MaxColumns)
            return makeError(ErrorCode::Parse, source, 1, {}, tooManyColumns());
        header.emplace_back(f);
    } while (!parser.endOfRecord());
    h.targets.resize(header.size());
    for (std::size_t c = 0; c < table.names.size(); ++c) {
        bool found = false;
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (header[i] == table.names[c]) {
                if (found)
                    return makeError(ErrorCode::Schema, source, 1, table.names[c],
                                     "the header names this column twice");
                h.targets[i].column = int(c);
                found = true;
            }
        }
        if (!found)
            return makeError(ErrorCode::Schema, source, 1, table.names[c],
                             "missing column (the header has: " + [&] {
                                 // At most 20 names, each cut: a header can be any size.
                                 std::string s;
                                 const std::size_t shown = std::min<std::size_t>(header.size(), 20);
                                 for (std::size_t i = 0; i < shown; ++i)
                                     s += (i ? ", " : "") + utf8::printable(header[i], 60);
                                 if (shown < header.size())
                                     s += " and " + std::to_string(header.size() - shown)
                                          + " more";
                                 return s;
                             }() + ")");
    }
    return h;
}

/// The byte-at-a-time reader: the reference the fast one is tested against, and the one that
/// words every error (the fast reader hands anything unusual over to it).
Result<Table> readCsvScalar(std::string_view data, const std::string &source,
                            const std::vector<ColumnRequest> &columns, const Progress &progress)
{
    auto prepared = prepareTable(source, columns);
    if (!prepared)
        return prepared.error();
    Table table = std::move(prepared).value();

    CsvScanner parser(data);
    auto head = readHeader(parser, source, table);
    if (!head)
        return head.error();
    const std::vector<std::string> &header = head->names;
    const std::vector<FieldTarget> &targets = head->targets;
    std::string_view f;
    const std::size_t width = header.size();
    const auto estimate = std::size_t(std::count(data.begin(), data.end(), '\n'));
    for (auto &c : table.categorical)
        c.reserve(estimate);
    for (auto &c : table.numeric)
        c.values.reserve(estimate);
    std::vector<std::int64_t> rowLines;
    bool lineGap = false;
    const std::int64_t firstDataLine = parser.line();
    table.setFirstDataLine(firstDataLine);
    std::int64_t row = 0;
    while (parser.nextRecord()) {
        const std::int64_t line = parser.line();
        if (line != firstDataLine + row && !lineGap) {
            lineGap = true;
            rowLines.reserve(estimate);
            for (std::int64_t r = 0; r < row; ++r)
                rowLines.push_back(firstDataLine + r);
        }
        if (lineGap)
            rowLines.push_back(line);
        std::size_t i = 0;
        do {
            if (!parser.field(f))
                return makeError(ErrorCode::Parse, source, line, i < width ? header[i] : "",
                                 parser.error());
            if (i < width && targets[i].column >= 0) {
                const auto c = std::size_t(targets[i].column);
                if (table.kinds[c] == ColumnKind::Categorical) {
                    table.categorical[table.slot[c]].append(f, row);
                } else {
                    NumericColumn &col = table.numeric[table.slot[c]];
                    double v;
                    if (f.empty()) {
                        if (col.firstMissingRow < 0)
                            col.firstMissingRow = row;
                        col.values.push_back(std::nan(""));
                    } else if (parseNumber(f, v)) {
                        col.values.push_back(v);
                    } else {
                        return makeError(ErrorCode::Schema, source, line, header[i],
                                         "expected a number, found '" + std::string(f) + "'");
                    }
                }
            }
            ++i;
        } while (!parser.endOfRecord());
        if (i != width)
            return makeError(ErrorCode::Parse, source, line, {},
                             "expected " + std::to_string(width) + " fields as in the header, found "
                                 + std::to_string(i));
        ++row;
        if ((row & (ProgressEvery - 1)) == 0) {
            if (progress.isCancelled())
                return makeError(ErrorCode::Cancelled, source, line, {}, "cancelled");
            progress.report(std::int64_t(parser.offset()), std::int64_t(data.size()));
        }
    }
    table.rowCount = row;
    if (lineGap)
        table.setRowLines(std::move(rowLines));
    return table;
}

} // namespace

namespace {

/// Every text value the table holds is UTF-8 (utf8.h says why a bad byte is refused, not
/// replaced). Only the levels are checked, a few per column, not the bytes: a bad byte in a
/// column the audit does not read reaches no output. The error names the first row that has
/// the bad level, and the column of the bad byte on its line.
Status checkLevelsAreUtf8(const Table &table, std::string_view data)
{
    for (std::size_t c = 0; c < table.names.size(); ++c) {
        if (table.kinds[c] != ColumnKind::Categorical)
            continue;
        const CategoricalColumn &column = table.categorical[table.slot[c]];
        const auto &levels = column.levels();
        for (std::size_t k = 0; k < levels.size(); ++k) {
            const std::size_t bad = utf8::firstInvalid(levels[k]);
            if (bad == std::string_view::npos)
                continue;
            const std::int64_t line = table.lineOfRow(column.firstRows()[k]);
            std::size_t start = 0;
            for (std::int64_t l = 1; l < line && start < data.size(); ++l) {
                const std::size_t nl = data.find('\n', start);
                start = nl == std::string_view::npos ? data.size() : nl + 1;
            }
            const std::size_t at = utf8::firstInvalid(data.substr(start));
            const utf8::Position p = at == std::string_view::npos
                                         ? utf8::Position{}
                                         : utf8::positionOf(data.substr(start), at);
            return makeError(ErrorCode::Parse, table.source, line + p.line - 1, table.names[c],
                             utf8::invalidMessage(static_cast<unsigned char>(levels[k][bad]),
                                                  p.column));
        }
    }
    return Ok{};
}

Result<Table> checkedText(Result<Table> table, std::string_view data)
{
    if (!table)
        return table;
    if (auto s = checkLevelsAreUtf8(*table, data); !s)
        return s.error();
    return table;
}

/// The fast reader (csvbody.cpp) behind the header; anything it does not read exactly the way
/// the scalar reader does (an error, a quote inside an unquoted field) starts the scalar reader
/// over, so tables and errors are the same. With hash, also the SHA-256 of data.
Result<Table> readCsvBody(std::string_view data, const std::string &source,
                          const std::vector<ColumnRequest> &columns, const CsvReadOptions &options,
                          const Progress &progress, Sha256 *hash,
                          std::function<void(std::size_t, std::size_t)> release)
{
    auto scalarWithHash = [&]() -> Result<Table> {
        if (!hash)
            return readCsvScalar(data, source, columns, progress);
        *hash = Sha256();
        std::jthread hashing([&] { hash->update(data); });
        return readCsvScalar(data, source, columns, progress);
    };
    if (options.scalarReference)
        return scalarWithHash();
    auto prepared = prepareTable(source, columns);
    if (!prepared)
        return prepared.error();
    Table table = std::move(prepared).value();
    CsvScanner parser(data);
    auto head = readHeader(parser, source, table);
    if (!head)
        return head.error();

    csvdetail::BodyRequest request;
    request.data = data;
    request.bodyStart = parser.offset();
    request.firstDataLine = parser.line();
    request.options = options;
    request.progress = progress;
    request.hash = hash;
    bool hashed = false;
    request.hashed = &hashed;
    request.release = std::move(release);
    request.actions.resize(head->names.size());
    for (std::size_t i = 0; i < head->targets.size(); ++i) {
        const int c = head->targets[i].column;
        if (c < 0)
            continue;
        request.actions[i].kind = table.kinds[std::size_t(c)] == ColumnKind::Categorical
                                      ? csvdetail::FieldAction::Categorical
                                      : csvdetail::FieldAction::Numeric;
        request.actions[i].slot = std::uint32_t(table.slot[std::size_t(c)]);
    }
    table.setFirstDataLine(request.firstDataLine);
    switch (csvdetail::readBody(request, table)) {
    case csvdetail::BodyStatus::Ok: break;
    case csvdetail::BodyStatus::Cancelled:
        return makeError(ErrorCode::Cancelled, source, 0, {}, "cancelled");
    case csvdetail::BodyStatus::Fallback: return scalarWithHash();
    }
    if (hash && !hashed) {
        *hash = Sha256();
        hash->update(data);
    }
    return table;
}

Result<Table> readCsvWith(std::string_view data, const std::string &source,
                          const std::vector<ColumnRequest> &columns, const CsvReadOptions &options,
                          const Progress &progress, Sha256 *hash,
                          std::function<void(std::size_t, std::size_t)> release = {})
{
    return checkedText(
        readCsvBody(data, source, columns, options, progress, hash, std::move(release)), data);
}

} // namespace

Result<Table> readCsv(std::string_view data, const std::string &source,
                      const std::vector<ColumnRequest> &columns, const Progress &progress)
{
    return readCsvWith(data, source, columns, CsvReadOptions{}, progress, nullptr);
}

Result<Table> readCsv(std::string_view data, const std::string &source,
                      const std::vector<ColumnRequest> &columns, const CsvReadOptions &options,
                      const Progress &progress)
{
    return readCsvWith(data, source, columns, options, progress, nullptr);
}


Result<std::vector<std::string>> readColumnNames(std::string_view data, TableFormat format,
                                                 const std::string &source)
{
    std::vector<std::string> names;
    std::unordered_set<std::string> known;  // a header can be wide: no quadratic search
    if (format == TableFormat::Csv) {
        CsvScanner parser(data);
        if (!parser.nextRecord())
            return makeError(ErrorCode::Parse, source, 1, {}, "the file is empty (no header line)");
        std::string_view f;
        do {
            if (!parser.field(f))
                return makeError(ErrorCode::Parse, source, parser.line(), {}, parser.error());
            if (!known.emplace(f).second)
                return makeError(ErrorCode::Schema, source, 1, std::string(f),
                                 "the header names this column twice");
            if (names.size() == MaxColumns)
                return makeError(ErrorCode::Parse, source, 1, {}, tooManyColumns());
            names.emplace_back(f);
        } while (!parser.endOfRecord());
        return names;
    }
    std::int64_t line = 0;
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = data.size();
        const std::string_view text = data.substr(pos, nl - pos);
        pos = nl + 1;
        ++line;
        if (text.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        if (text.size() > MaxFieldBytes)
            return makeError(ErrorCode::Parse, source, line, {},
                             "a line of " + std::to_string(text.size() >> 20)
                                 + " MiB is longer than the limit of 64 MiB");
        if (const auto deep = jsontext::tooDeep(text))
            return makeError(ErrorCode::Parse, source, line, {},
                             jsontext::tooDeepMessage({line, deep->column}));
        const nlohmann::json obj = nlohmann::json::parse(text, nullptr, false);
        if (obj.is_discarded() || !obj.is_object())
            return makeError(ErrorCode::Parse, source, line, {}, "expected a JSON object");
        for (const auto &[key, value] : obj.items())
            if (known.insert(key).second) {
                if (names.size() == MaxColumns)
                    return makeError(ErrorCode::Parse, source, line, {},
                                     "the lines name more than " + std::to_string(MaxColumns)
                                         + " keys (the limit)");
                names.push_back(key);
            }
    }
    return names;
}

Status checkTableBytes(std::string_view data, TableFormat format, const std::string &source)
{
    const std::size_t nul = data.find('\0');
    const std::size_t bad = std::min(nul, utf8::firstInvalid(data));
    if (bad != std::string_view::npos) {
        const utf8::Position p = utf8::positionOf(data, bad);
        return makeError(ErrorCode::Parse, source, p.line, {},
                         bad == nul ? "byte 0x00 at column " + std::to_string(p.column)
                                          + ": a table is text, and this looks like a binary file"
                                    : utf8::invalidMessage(static_cast<unsigned char>(data[bad]),
                                                           p.column));
    }
    // The header, or for JSON Lines the first line: the rows are read when audited.
    const std::string_view head =
        format == TableFormat::JsonLines ? data.substr(0, data.find('\n')) : data;
    if (auto names = readColumnNames(head, format, source); !names)
        return names.error();
    return Ok{};
}

namespace {

Result<Table> readTableWith(std::string_view data, TableFormat format, const std::string &source,
                            const std::vector<ColumnRequest> &columns, const Progress &progress,
                            const std::string *knownSha256,
                            std::function<void(std::size_t, std::size_t)> release)
{
    if (format == TableFormat::JsonLines) {
        if (knownSha256) {
            auto table = readJsonLines(data, source, columns, progress);
            if (table)
                table->sha256 = *knownSha256;
            return checkedText(std::move(table), data);
        }
        // The hash on a second thread while the lines parse.
        std::string sha;
        std::jthread hashing([&] { sha = Sha256::hex(data); });
        auto table = readJsonLines(data, source, columns, progress);
        hashing.join();
        if (table)
            table->sha256 = std::move(sha);
        return checkedText(std::move(table), data);
    }
    Sha256 hash;
    auto table = readCsvWith(data, source, columns, CsvReadOptions{}, progress,
                             knownSha256 ? nullptr : &hash, std::move(release));
    if (table)
        table->sha256 = knownSha256 ? *knownSha256 : hash.hexDigest();
    return table;
}

} // namespace

Result<Table> readTable(std::string_view data, TableFormat format, const std::string &source,
                        const std::vector<ColumnRequest> &columns, const Progress &progress)
{
    return readTableWith(data, format, source, columns, progress, nullptr, {});
}

Result<Table> readTable(std::string_view data, TableFormat format, const std::string &source,
                        const std::vector<ColumnRequest> &columns, const std::string &knownSha256,
                        const Progress &progress)
{
    return readTableWith(data, format, source, columns, progress, &knownSha256, {});
}

Result<Table> readTableFile(const std::string &path, TableFormat format,
                            const std::vector<ColumnRequest> &columns, const Progress &progress)
{
    auto file = MappedFile::open(path);
    if (!file)
        return file.error();
    const MappedFile &f = *file;
    return readTableWith(f.bytes(), format, path, columns, progress, nullptr,
                         [&f](std::size_t offset, std::size_t length) { f.release(offset, length); });
}

} // namespace cp
