// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "canonicalcsv.h"

#include <core/common/jsontext.h>
#include <core/table/csvscanner.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <vector>

namespace cp {

namespace {

void appendJsonString(std::string &out, std::string_view s)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += Hex[c >> 4];
                out += Hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

} // namespace

void appendCanonicalCsvField(std::string &out, std::string_view value)
{
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += value;
        return;
    }
    out += '"';
    for (const char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

Result<std::string> canonicalCsv(std::string_view csv, const std::string &source)
{
    std::string out;
    out.reserve(csv.size());
    CsvScanner sc(csv);
    std::size_t width = 0;
    bool header = true;
    std::string_view f;
    while (sc.nextRecord()) {
        const std::int64_t line = sc.line();
        std::size_t i = 0;
        do {
            if (!sc.field(f))
                return Error{ErrorCode::Parse, source, line, {}, sc.error()};
            if (i++)
                out += ',';
            appendCanonicalCsvField(out, f);
        } while (!sc.endOfRecord());
        out += '\n';
        if (header) {
            width = i;
            header = false;
        } else if (i != width) {
            return Error{ErrorCode::Parse, source, line, {},
                         "expected " + std::to_string(width) + " fields as in the header, found "
                             + std::to_string(i)};
        }
    }
    if (header)
        return Error{ErrorCode::Parse, source, 1, {}, "the file is empty (no header line)"};
    return out;
}

Result<std::string> csvFromJsonLines(std::string_view jsonl, const std::string &source)
{
    std::vector<std::string> columns;
    std::map<std::string, std::size_t, std::less<>> index;
    std::vector<std::vector<std::string>> rows;  // values by column position
    std::size_t pos = 0;
    std::int64_t line = 0;
    while (pos < jsonl.size()) {
        std::size_t nl = jsonl.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = jsonl.size();
        std::string_view text = jsonl.substr(pos, nl - pos);
        pos = nl + 1;
        ++line;
        if (line == 1 && text.substr(0, 3) == "\xEF\xBB\xBF")
            text.remove_prefix(3);
        if (text.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        const auto obj = nlohmann::ordered_json::parse(text, nullptr, false);
        if (obj.is_discarded())
            return Error{ErrorCode::Parse, source, line, {}, "not valid JSON"};
        if (!obj.is_object())
            return Error{ErrorCode::Parse, source, line, {}, "expected a JSON object"};
        std::vector<std::string> &row = rows.emplace_back(columns.size());
        for (const auto &[key, value] : obj.items()) {
            auto it = index.find(key);
            if (it == index.end()) {
                it = index.emplace(key, columns.size()).first;
                columns.push_back(key);
            }
            if (row.size() < columns.size())
                row.resize(columns.size());
            std::string &cell = row[it->second];
            if (value.is_string())
                cell = value.get<std::string>();
            else if (value.is_boolean())
                cell = value.get<bool>() ? "true" : "false";
            else if (value.is_number())
                cell = jsontext::dump(value);
            else if (!value.is_null())
                return Error{ErrorCode::Schema, source, line, key,
                             "expected a string, number, boolean or null"};
        }
    }
    if (rows.empty())
        return Error{ErrorCode::Parse, source, 1, {}, "the file holds no records"};
    std::string out;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c)
            out += ',';
        appendCanonicalCsvField(out, columns[c]);
    }
    out += '\n';
    for (const auto &row : rows) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c)
                out += ',';
            if (c < row.size())
                appendCanonicalCsvField(out, row[c]);
        }
        out += '\n';
    }
    return out;
}

namespace {

/// Whether a cell is a JSON number that csvFromJsonLines turns back into the same text: then
/// it is written as a number and the round trip keeps the probe set's bytes (and hash). An
/// integer without a leading zero within 18 digits always is; "3.2" is, "3.20", "1e5", "007",
/// "-0" and "+1" are not (they stay strings).
bool roundTripNumber(std::string_view cell)
{
    std::size_t i = 0;
    if (i < cell.size() && cell[i] == '-')
        ++i;
    const std::size_t digits = i;
    while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9')
        ++i;
    const std::size_t intDigits = i - digits;
    if (intDigits == 0 || (intDigits > 1 && cell[digits] == '0'))
        return false;
    if (i == cell.size())
        return intDigits <= 18 && cell != "-0";
    // A fraction or an exponent: as nlohmann writes the double back, or not at all.
    const auto parsed = nlohmann::json::parse(cell, nullptr, false);
    return parsed.is_number() && jsontext::dump(parsed) == cell;
}

} // namespace

Result<std::string> jsonLinesFromCsv(std::string_view csv, const std::string &source)
{
    CsvScanner sc(csv);
    std::vector<std::string> keys;  // already JSON-encoded
    std::string_view f;
    if (!sc.nextRecord())
        return Error{ErrorCode::Parse, source, 1, {}, "the file is empty (no header line)"};
    do {
        if (!sc.field(f))
            return Error{ErrorCode::Parse, source, sc.line(), {}, sc.error()};
        std::string key;
        appendJsonString(key, f);
        keys.push_back(std::move(key));
    } while (!sc.endOfRecord());
    std::string out;
    out.reserve(csv.size() * 2);
    while (sc.nextRecord()) {
        const std::int64_t line = sc.line();
        std::size_t i = 0;
        out += '{';
        do {
            if (!sc.field(f))
                return Error{ErrorCode::Parse, source, line, {}, sc.error()};
            if (i >= keys.size())
                return Error{ErrorCode::Parse, source, line, {}, "more fields than the header"};
            if (i)
                out += ',';
            out += keys[i++];
            out += ':';
            if (roundTripNumber(f))
                out += f;
            else
                appendJsonString(out, f);
        } while (!sc.endOfRecord());
        if (i != keys.size())
            return Error{ErrorCode::Parse, source, line, {}, "fewer fields than the header"};
        out += "}\n";
    }
    return out;
}

} // namespace cp
