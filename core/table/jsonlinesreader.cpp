// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT

// JSON Lines into a Table (readJsonLines in tablereader.h): simdjson's On-Demand reader for the
// usual file, and the nlohmann reader that words every error and is the reference the fast one
// is tested against.

#include "tablereader.h"
#include "tablereader_p.h"

#include <core/common/jsontext.h>
#include <core/common/utf8.h>
#include <core/table/tablelimits.h>
#include <core/table/csvbody.h>

#include <nlohmann/json.hpp>
// No simdjson call may throw: every result is taken with get() and its error checked, and
// without exceptions a conversion that would throw (a simdjson_result used as its value)
// does not compile. (A fuzzed line reached one: `!value.is_null()` threw.)
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>

namespace cp {

using readerdetail::makeError;
using readerdetail::prepareTable;
using readerdetail::ProgressEvery;

namespace {

/// Walks a value the audit does not read so that it is checked as fully as nlohmann checks it.
bool validJson(simdjson::ondemand::value v, int depth = 0)
{
    using namespace simdjson;
    if (depth > 64)
        return false;
    ondemand::json_type type;
    if (v.type().get(type))
        return false;
    switch (type) {
    case ondemand::json_type::object: {
        ondemand::object o;
        if (v.get_object().get(o))
            return false;
        for (auto field : o) {
            if (field.error())
                return false;
            std::string_view key;
            if (field.unescaped_key().get(key))
                return false;
            ondemand::value member;
            if (field.value().get(member) || !validJson(member, depth + 1))
                return false;
        }
        return true;
    }
    case ondemand::json_type::array: {
        ondemand::array a;
        if (v.get_array().get(a))
            return false;
        for (auto element : a) {
            ondemand::value e;
            if (element.get(e) || !validJson(e, depth + 1))
                return false;
        }
        return true;
    }
    case ondemand::json_type::string: {
        std::string_view s;
        return !v.get_string().get(s);
    }
    case ondemand::json_type::number: {
        ondemand::number n;
        return !v.get_number().get(n);
    }
    case ondemand::json_type::boolean: {
        bool b;
        return !v.get_bool().get(b);
    }
    case ondemand::json_type::null: {
        bool null = false;
        return !v.is_null().get(null) && null;
    }
    }
    return false;
}

/// A JSON number's text as nlohmann's dump() writes it.
bool numberText(simdjson::ondemand::value v, std::string &out)
{
    std::string_view token = v.raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r'
                              || token.back() == '\n'))
        token.remove_suffix(1);
    simdjson::ondemand::number n;
    if (v.get_number().get(n))
        return false;
    const auto type = n.get_number_type();
    if (type == simdjson::ondemand::number_type::signed_integer
        || type == simdjson::ondemand::number_type::unsigned_integer) {
        // Integers print as written (JSON has no leading zeros), but nlohmann reads -0 as 0.
        if (token == "-0")
            out = "0";
        else
            out.assign(token);
        return true;
    }
    out = jsontext::dump(nlohmann::json(n.get_double()));
    return true;
}

/// JSON Lines through simdjson's On-Demand API. Nothing unusual is decided here: any error, a
/// control character or a value the reader cannot take returns nothing, and the nlohmann reader
/// below reads the bytes again and words the error. So both give the same Table or Error.
std::optional<Table> readJsonLinesFast(std::string_view data, const std::string &source,
                                       const std::vector<ColumnRequest> &columns,
                                       const Progress &progress, bool &cancelled)
{
    using namespace simdjson;
    auto prepared = prepareTable(source, columns);
    if (!prepared)
        return std::nullopt;
    Table table = std::move(prepared).value();
    const std::size_t width = table.names.size();
    std::vector<bool> seen(width, false);
    std::vector<std::int64_t> rowLines;
    rowLines.reserve(std::size_t(std::count(data.begin(), data.end(), '\n')) + 1);
    ondemand::parser parser;
    padded_string tail;
    // Per row: whether each column was given, and its value.
    std::vector<int> given(width);
    std::vector<std::string> text(width);
    std::vector<double> number(width);
    std::int64_t line = 0, row = 0;
    std::size_t pos = 0;
    while (pos < data.size()) {
        const char *begin = data.data() + pos;
        const void *nlp = std::memchr(begin, '\n', data.size() - pos);
        const std::size_t nl = nlp ? std::size_t(static_cast<const char *>(nlp) - data.data())
                                   : data.size();
        std::size_t length = nl - pos;
        pos = nl + 1;
        ++line;
        if (length > 0 && begin[length - 1] == '\r')
            --length;
        if (length > MaxFieldBytes)
            return std::nullopt;  // the line-by-line reader words it
        bool blank = true, control = false;
        for (std::size_t i = 0; i < length; ++i) {
            const auto c = std::uint8_t(begin[i]);
            blank = blank && (c == ' ' || c == '\t');
            control = control || c < 0x20;
        }
        if (blank)
            continue;
        if (control)
            return std::nullopt;  // raw tabs and control bytes: nlohmann's call
        ondemand::document doc;
        const char *at = begin;
        if (std::size_t(data.data() + data.size() - begin) < length + SIMDJSON_PADDING) {
            tail = padded_string(begin, length);
            at = tail.data();
        }
        if (parser.iterate(at, length, length + SIMDJSON_PADDING).get(doc))
            return std::nullopt;
        ondemand::object obj;
        if (doc.get_object().get(obj))
            return std::nullopt;
        std::fill(given.begin(), given.end(), 0);
        for (auto field : obj) {
            std::string_view key;
            if (field.error() || field.unescaped_key().get(key))
                return std::nullopt;
            ondemand::value value;
            if (field.value().get(value))
                return std::nullopt;
            std::size_t c = 0;
            while (c < width && table.names[c] != key)
                ++c;
            if (c == width) {
                if (!validJson(value))
                    return std::nullopt;
                continue;
            }
            ondemand::json_type type;
            if (value.type().get(type))
                return std::nullopt;
            given[c] = 1;  // present (null clears it below)
            if (type == ondemand::json_type::null) {
                bool null = false;
                if (value.is_null().get(null) || !null)
                    return std::nullopt;
                given[c] = 0;
            } else if (table.kinds[c] == ColumnKind::Categorical) {
                if (type == ondemand::json_type::string) {
                    std::string_view sv;
                    if (value.get_string().get(sv))
                        return std::nullopt;
                    text[c].assign(sv);
                } else if (type == ondemand::json_type::boolean) {
                    bool b;
                    if (value.get_bool().get(b))
                        return std::nullopt;
                    text[c] = b ? "true" : "false";
                } else if (type == ondemand::json_type::number) {
                    if (!numberText(value, text[c]))
                        return std::nullopt;
                } else {
                    return std::nullopt;
                }
            } else {
                if (type == ondemand::json_type::number) {
                    // As nlohmann: an integer is read as one, then converted (so -0 is 0).
                    ondemand::number n;
                    if (value.get_number().get(n))
                        return std::nullopt;
                    const auto t = n.get_number_type();
                    number[c] = t == ondemand::number_type::signed_integer ? double(n.get_int64())
                                : t == ondemand::number_type::unsigned_integer
                                    ? double(n.get_uint64())
                                    : n.get_double();
                } else if (type == ondemand::json_type::string) {
                    std::string_view sv;
                    if (value.get_string().get(sv) || !parseNumber(sv, number[c]))
                        return std::nullopt;
                } else {
                    return std::nullopt;
                }
            }
        }
        if (!doc.current_location().error())
            return std::nullopt;  // text after the object
        for (std::size_t c = 0; c < width; ++c) {
            if (given[c])
                seen[c] = true;
            if (table.kinds[c] == ColumnKind::Categorical) {
                table.categorical[table.slot[c]].append(given[c] ? std::string_view(text[c])
                                                                 : std::string_view(),
                                                        row);
            } else {
                NumericColumn &col = table.numeric[table.slot[c]];
                if (!given[c] && col.firstMissingRow < 0)
                    col.firstMissingRow = row;
                col.values.push_back(given[c] ? number[c] : std::nan(""));
            }
        }
        rowLines.push_back(line);
        ++row;
        if ((row & (ProgressEvery - 1)) == 0) {
            if (progress.isCancelled()) {
                cancelled = true;
                return std::nullopt;
            }
            progress.report(std::int64_t(pos), std::int64_t(data.size()));
        }
    }
    for (std::size_t c = 0; c < width; ++c)
        if (!seen[c] && row > 0)
            return std::nullopt;
    if (row == 0)
        return std::nullopt;
    table.rowCount = row;
    table.setRowLines(std::move(rowLines));
    return table;
}

} // namespace

Result<Table> readJsonLines(std::string_view data, const std::string &source,
                            const std::vector<ColumnRequest> &columns, const Progress &progress)
{
    bool cancelled = false;
    if (auto fast = readJsonLinesFast(data, source, columns, progress, cancelled))
        return std::move(*fast);
    if (cancelled)
        return makeError(ErrorCode::Cancelled, source, 0, {}, "cancelled");
    return csvdetail::readJsonLinesReference(data, source, columns, progress);
}

/// The nlohmann reader: the reference, and the one that words every error.
Result<Table> csvdetail::readJsonLinesReference(std::string_view data, const std::string &source,
                                     const std::vector<ColumnRequest> &columns,
                                     const Progress &progress)
{
    auto prepared = prepareTable(source, columns);
    if (!prepared)
        return prepared.error();
    Table table = std::move(prepared).value();
    std::vector<bool> seen(table.names.size(), false);
    std::vector<std::int64_t> rowLines;
    std::int64_t line = 0;
    std::int64_t row = 0;
    std::size_t pos = 0;
    std::string text;
    while (pos < data.size()) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = data.size();
        std::string_view lineText = data.substr(pos, nl - pos);
        pos = nl + 1;
        ++line;
        if (!lineText.empty() && lineText.back() == '\r')
            lineText.remove_suffix(1);
        if (lineText.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        if (lineText.size() > MaxFieldBytes)
            return makeError(ErrorCode::Parse, source, line, {},
                             "a line of " + std::to_string(lineText.size() >> 20)
                                 + " MiB is longer than the limit of 64 MiB");
        if (const auto deep = jsontext::tooDeep(lineText))
            return makeError(ErrorCode::Parse, source, line, {},
                             jsontext::tooDeepMessage({line, deep->column}));
        nlohmann::json obj = nlohmann::json::parse(lineText, nullptr, false);
        if (obj.is_discarded()) {
            const std::size_t bad = utf8::firstInvalid(lineText);
            if (bad != std::string_view::npos)
                return makeError(ErrorCode::Parse, source, line, {},
                                 utf8::invalidMessage(static_cast<unsigned char>(lineText[bad]),
                                                      utf8::positionOf(lineText, bad).column));
            return makeError(ErrorCode::Parse, source, line, {}, "not valid JSON");
        }
        if (!obj.is_object())
            return makeError(ErrorCode::Parse, source, line, {}, "expected a JSON object");
        for (std::size_t c = 0; c < table.names.size(); ++c) {
            const auto it = obj.find(table.names[c]);
            const bool missing = it == obj.end() || it->is_null();
            if (!missing)
                seen[c] = true;
            if (table.kinds[c] == ColumnKind::Categorical) {
                CategoricalColumn &col = table.categorical[table.slot[c]];
                if (missing) {
                    col.append({}, row);
                } else if (it->is_string()) {
                    col.append(it->get_ref<const std::string &>(), row);
                } else if (it->is_boolean()) {
                    col.append(it->get<bool>() ? "true" : "false", row);
                } else if (it->is_number()) {
                    text = it->dump();
                    col.append(text, row);
                } else {
                    return makeError(ErrorCode::Schema, source, line, table.names[c],
                                     "expected a string, number or boolean");
                }
            } else {
                NumericColumn &col = table.numeric[table.slot[c]];
                double v = 0;
                if (missing) {
                    if (col.firstMissingRow < 0)
                        col.firstMissingRow = row;
                    col.values.push_back(std::nan(""));
                } else if (it->is_number()) {
                    col.values.push_back(it->get<double>());
                } else if (it->is_string()
                           && cp::parseNumber(it->get_ref<const std::string &>(), v)) {
                    col.values.push_back(v);
                } else {
                    return makeError(ErrorCode::Schema, source, line, table.names[c],
                                     "expected a number, found " + it->dump());
                }
            }
        }
        rowLines.push_back(line);
        ++row;
        if ((row & (ProgressEvery - 1)) == 0) {
            if (progress.isCancelled())
                return makeError(ErrorCode::Cancelled, source, line, {}, "cancelled");
            progress.report(std::int64_t(pos), std::int64_t(data.size()));
        }
    }
    for (std::size_t c = 0; c < table.names.size(); ++c)
        if (!seen[c] && row > 0)
            return makeError(ErrorCode::Schema, source, 0, table.names[c],
                             "missing column: no line has this key");
    if (row == 0)
        return makeError(ErrorCode::Parse, source, 1, {}, "the file holds no records");
    table.rowCount = row;
    table.setRowLines(std::move(rowLines));
    return table;
}

} // namespace cp
