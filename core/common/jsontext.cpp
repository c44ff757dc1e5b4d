// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "jsontext.h"

#include <algorithm>

namespace cp::jsontext {

std::optional<Position> tooDeep(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false, escaped = false;
    std::int64_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            else if (c == '\n') {   // invalid JSON, but keep the line count right
                ++line;
                lineStart = i + 1;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > maxDepth)
                return Position{line, std::int64_t(i - lineStart) + 1};
            break;
        case ']':
        case '}':
            if (depth > 0)
                --depth;
            break;
        case '\n':
            ++line;
            lineStart = i + 1;
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

std::string tooDeepMessage(const Position &at, int maxDepth)
{
    return "JSON nested deeper than " + std::to_string(maxDepth) + " levels at line "
           + std::to_string(at.line) + ", column " + std::to_string(at.column);
}

const nlohmann::json *member(const nlohmann::json &object, std::string_view key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

Result<std::optional<std::string>> optionalString(const nlohmann::json &object,
                                                  std::string_view key, const std::string &source,
                                                  const std::string &path)
{
    const nlohmann::json *v = member(object, key);
    if (!v || v->is_null())
        return std::optional<std::string>();
    if (!v->is_string())
        return Error{ErrorCode::Schema, source, 0, path + "/" + std::string(key),
                     "expected text, found " + std::string(v->type_name())};
    return std::optional<std::string>(v->get<std::string>());
}

Result<std::optional<bool>> optionalBool(const nlohmann::json &object, std::string_view key,
                                         const std::string &source, const std::string &path)
{
    const nlohmann::json *v = member(object, key);
    if (!v || v->is_null())
        return std::optional<bool>();
    if (!v->is_boolean())
        return Error{ErrorCode::Schema, source, 0, path + "/" + std::string(key),
                     "expected true or false, found " + std::string(v->type_name())};
    return std::optional<bool>(v->get<bool>());
}

Result<nlohmann::json> parse(std::string_view text, const std::string &source,
                             const std::string &prefix)
{
    if (const auto deep = tooDeep(text))
        return Error{ErrorCode::Parse, source, deep->line, {}, tooDeepMessage(*deep)};
    // nlohmann's messages start "[json.exception.parse_error.101] parse error at line 2, …".
    const auto plain = [](std::string what) {
        if (const auto close = what.find("] "); what.rfind("[json.exception.", 0) == 0
                                                && close != std::string::npos)
            what.erase(0, close + 2);
        return what;
    };
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        const auto offset = std::min<std::size_t>(e.byte, text.size());
        const auto line =
            1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n');
        return Error{ErrorCode::Parse, source, std::int64_t(line), {}, prefix + plain(e.what())};
    } catch (const nlohmann::json::exception &e) {
        // out_of_range 406: "number overflow parsing '1e400'".
        return Error{ErrorCode::Parse, source, 0, {},
                     prefix + plain(e.what()) + " (beyond the range of a double)"};
    }
}

} // namespace cp::jsontext
