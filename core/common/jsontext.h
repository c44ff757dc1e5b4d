// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A bound on how deeply JSON input may nest, checked on the text before it is parsed. The
// parser itself does not recurse, but copying, dumping or walking a parsed document does: a
// scorer config or a JSON Lines cell nested 60,000 deep overflowed the stack. Every JSON input
// (a file, a line, a server's answer) is checked first; nothing sensible nests this deep.

#include <core/common/result.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace cp::jsontext {

inline constexpr int MaxDepth = 256;

/// Where the text first nests deeper than maxDepth arrays and objects (outside strings): the
/// 1-based line and column of the bracket that goes too deep. nullopt when it does not.
struct Position {
    std::int64_t line = 1;
    std::int64_t column = 1;
};
std::optional<Position> tooDeep(std::string_view text, int maxDepth = MaxDepth);

/// "nested deeper than 256 levels at line 3, column 1201" (for an error message).
std::string tooDeepMessage(const Position &at, int maxDepth = MaxDepth);

/// Checked access to a parsed document, so that no value is read through operator[] on a
/// missing key (undefined behaviour on a const document) or get<T>() of the wrong type (an
/// exception out of nlohmann). Errors are Schema errors naming `source` and the JSON path.
const nlohmann::json *member(const nlohmann::json &object, std::string_view key);
/// A string member: nullopt when absent or null; an error when it is not a string.
Result<std::optional<std::string>> optionalString(const nlohmann::json &object,
                                                  std::string_view key, const std::string &source,
                                                  const std::string &path);
/// A boolean member: nullopt when absent or null; an error when it is not true or false.
Result<std::optional<bool>> optionalBool(const nlohmann::json &object, std::string_view key,
                                         const std::string &source, const std::string &path);

/// Parses a JSON document, never throwing: text nested too deep, text that is not JSON (the
/// line of the fault) and a number beyond the range of a double ("1e400", a 400-digit
/// integer) are Parse errors naming `source`, their message after `prefix` ("invalid JSON: ").
Result<nlohmann::json> parse(std::string_view text, const std::string &source,
                             const std::string &prefix = "invalid JSON: ");

/// A whole number from min to max, read at full width: nullopt when j is not an integer or
/// lies outside the range. get<int>() truncated first, so "repeats": 4294967298 ran 2.
inline std::optional<std::int64_t> integerIn(const nlohmann::json &j, std::int64_t min,
                                             std::int64_t max)
{
    if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
    } else if (!j.is_number_integer()) {
        return std::nullopt;
    }
    const auto v = j.get<std::int64_t>();
    if (v < min || v > max)
        return std::nullopt;
    return v;
}

/// Serialises a document, never throwing: a string that is not UTF-8 (which nlohmann's dump()
/// throws on, aborting the program) has each bad byte written as U+FFFD. Input readers refuse
/// such bytes (utf8.h), so this is the last guard, not the rule; every writer dumps with it.
inline std::string dump(const nlohmann::json &j, int indent = -1)
{
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}
inline std::string dump(const nlohmann::ordered_json &j, int indent = -1)
{
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace cp::jsontext
