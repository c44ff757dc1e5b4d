// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the HTTP scorer (httpscorer.cpp, httpscorerconfig.cpp): request templates with
// {{field}} placeholders, ${VAR} secrets from the environment, and small text helpers.

#include "secrets.h"
#include <core/common/jsontext.h>
#include <core/common/utf8.h>
#include "httpscorer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace cp::httpdetail {

using json = nlohmann::json;

inline const std::string RequestIdField = "@id";

// ---- Placeholders and templates -----------------------------------------------------------

/// Calls f(literal, field) for each piece of s: the text before a {{field}}, then the field
/// (empty after the last placeholder). An unclosed "{{" stays literal.
template<typename F>
inline void splitPlaceholders(std::string_view s, F f)
{
    std::size_t at = 0;
    while (true) {
        const std::size_t open = s.find("{{", at);
        const std::size_t close = open == std::string_view::npos ? open : s.find("}}", open + 2);
        if (close == std::string_view::npos) {
            f(s.substr(at), std::string_view());
            return;
        }
        std::string_view name = s.substr(open + 2, close - open - 2);
        while (!name.empty() && name.front() == ' ')
            name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ')
            name.remove_suffix(1);
        f(s.substr(at, open - at), name);
        at = close + 2;
    }
}

enum class Escape { None, Json, Url };

inline void appendEscaped(std::string &out, std::string_view s, Escape mode)
{
    static const char Hex[] = "0123456789ABCDEF";
    if (mode == Escape::None) {
        out += s;
    } else if (mode == Escape::Json) {
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                switch (c) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: out += "\\u00"; out += Hex[u >> 4]; out += Hex[u & 15];
                }
            } else {
                out += c;
            }
        }
    } else {
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
                out += c;
            } else {
                out += '%';
                out += Hex[u >> 4];
                out += Hex[u & 15];
            }
        }
    }
}

/// Text with placeholders, compiled once per run: literal, then a cell (column index, or -1
/// for the request id, or -2 for none).
struct Template {
    struct Piece {
        std::string literal;
        int column = -2;
    };
    std::vector<Piece> pieces;
    Escape escape = Escape::None;

    void add(std::string_view literal, std::string_view field,
             const std::vector<std::string> &columns)
    {
        if (pieces.empty() || pieces.back().column != -2)
            pieces.emplace_back();
        pieces.back().literal += literal;
        if (field.empty())
            return;
        const auto it = std::find(columns.begin(), columns.end(), field);
        pieces.back().column = field == RequestIdField ? -1
            : it == columns.end()                      ? -2
                                                       : int(it - columns.begin());
        // an unknown field renders as nothing; run() refuses those before the first request
    }
    /// Adds s; its literal text is escaped too inside JSON (a URL's is taken as written).
    void addText(std::string_view s, const std::vector<std::string> &columns)
    {
        splitPlaceholders(s, [&](std::string_view lit, std::string_view field) {
            std::string escaped;
            appendEscaped(escaped, lit, escape == Escape::Json ? Escape::Json : Escape::None);
            add(escaped, field, columns);
        });
    }
    /// Serializes j with its strings' placeholders as pieces (JSON-escaped cells).
    void addJson(const json &j, const std::vector<std::string> &columns)
    {
        if (j.is_string()) {
            add("\"", {}, columns);
            addText(j.get_ref<const std::string &>(), columns);
            add("\"", {}, columns);
        } else if (j.is_object()) {
            add("{", {}, columns);
            bool first = true;
            for (const auto &[key, value] : j.items()) {
                add(first ? "\"" : ",\"", {}, columns);
                addText(key, columns);
                add("\":", {}, columns);
                addJson(value, columns);
                first = false;
            }
            add("}", {}, columns);
        } else if (j.is_array()) {
            add("[", {}, columns);
            for (std::size_t i = 0; i < j.size(); ++i) {
                add(i ? "," : "", {}, columns);
                addJson(j[i], columns);
            }
            add("]", {}, columns);
        } else {
            add(jsontext::dump(j), {}, columns);
        }
    }
    void render(std::string &out, const std::vector<std::string_view> &cells,
                std::string_view id) const
    {
        out.clear();
        for (const Piece &p : pieces) {
            out += p.literal;
            if (p.column >= 0)
                appendEscaped(out, cells[std::size_t(p.column)], escape);
            else if (p.column == -1)
                appendEscaped(out, id, escape);
        }
    }
    bool usesId() const
    {
        return std::any_of(pieces.begin(), pieces.end(), [](auto &p) { return p.column == -1; });
    }
};

/// key escaped as a JSON pointer token ("a/b" → "a~1b").
inline std::string pointerToken(const std::string &key)
{
    std::string out;
    for (const char c : key)
        out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

/// A place where placeholders are written: the text and its JSON path, for errors.
struct Site {
    std::string field;
    std::string path;
};

inline void collectSites(const json &j, const std::string &path, std::vector<Site> &out)
{
    const auto addFrom = [&](std::string_view s, const std::string &at) {
        splitPlaceholders(s, [&](std::string_view, std::string_view field) {
            if (!field.empty())
                out.push_back({std::string(field), at});
        });
    };
    if (j.is_string()) {
        addFrom(j.get_ref<const std::string &>(), path);
    } else if (j.is_object()) {
        for (const auto &[key, value] : j.items()) {
            const std::string at = path + "/" + pointerToken(key);
            addFrom(key, at);
            collectSites(value, at, out);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            collectSites(j[i], path + "/" + std::to_string(i), out);
    }
}

inline std::vector<Site> placeholderSites(const HttpScorerConfig &c)
{
    std::vector<Site> sites;
    collectSites(c.url, c.path + "/url", sites);
    if (c.preset == HttpScorerConfig::Preset::OpenAiChat) {
        collectSites(c.system, c.path + "/system", sites);
        collectSites(c.prompt, c.path + "/prompt", sites);
    } else if (c.preset == HttpScorerConfig::Preset::OpenAiEmbeddings) {
        collectSites(c.input, c.path + "/input", sites);
    } else {
        collectSites(c.body, c.path + "/body", sites);
    }
    return sites;
}

inline json requestBody(const HttpScorerConfig &c, const std::vector<std::string> &columns)
{
    if (c.preset == HttpScorerConfig::Preset::OpenAiChat) {
        json messages = json::array();
        if (!c.system.empty())
            messages.push_back({{"role", "system"}, {"content", c.system}});
        messages.push_back({{"role", "user"}, {"content", c.prompt}});
        json body = {{"model", c.model},         {"messages", messages},
                     {"temperature", c.temperature}, {"max_tokens", c.maxTokens},
                     {"stream", false}};
        if (c.logprobToken) {
            body["logprobs"] = true;
            body["top_logprobs"] = 5;
        }
        return body;
    }
    if (c.preset == HttpScorerConfig::Preset::OpenAiEmbeddings) {
        json body = {{"model", c.model}, {"input", c.input}, {"encoding_format", "float"}};
        if (c.dimensions)
            body["dimensions"] = *c.dimensions;
        return body;
    }
    if (!c.body.is_null() || c.method == "GET")
        return c.body;
    json body = json::object();
    body["id"] = "{{" + RequestIdField + "}}";
    for (const std::string &f : c.fields.empty() ? columns : c.fields)
        if (f != "id")
            body[f] = "{{" + f + "}}";
    return body;
}

// ---- Secrets ------------------------------------------------------------------------------

/// Calls f(name, begin, end) for each ${NAME} in s; returns false on a malformed reference.
template<typename F>
bool forEachVariable(const std::string &s, F f)
{
    for (std::size_t at = s.find("${"); at != std::string::npos; at = s.find("${", at + 2)) {
        const std::size_t end = s.find('}', at);
        if (end == std::string::npos)
            return false;
        const std::string name = s.substr(at + 2, end - at - 2);
        if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))
            || !std::all_of(name.begin(), name.end(), [](char ch) {
                   return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
               }))
            return false;
        f(name, at, end + 1);
    }
    return true;
}

/// The values substituted from the environment in this run, and how to show them (every
/// form a server may echo: secrets.h).
struct Secrets : SecretRedactor {};

inline Result<std::string> substituteEnvironment(const std::string &s, const HttpScorerConfig &c,
                                          const std::string &field, Secrets &secrets)
{
    std::string out;
    std::size_t copied = 0;
    std::string missing;
    forEachVariable(s, [&](const std::string &name, std::size_t begin, std::size_t end) {
        const char *value = std::getenv(name.c_str());
        if (!value) {
            if (missing.empty())
                missing = name;
            return;
        }
        out += s.substr(copied, begin - copied);
        out += value;
        copied = end;
        secrets.add(value, "${" + name + "}");
    });
    if (!missing.empty())
        return Error{ErrorCode::Invalid, c.source, 0, field,
                     "environment variable " + missing + " is not set (used as ${" + missing
                         + "})"};
    return out + s.substr(copied);
}

// ---- Small helpers ------------------------------------------------------------------------

inline std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

/// The first 200 bytes of s, quoted, on one line, control characters escaped.
inline std::string excerpt(std::string_view s)
{
    return utf8::quoted(s);
}

inline std::optional<double> parseNumber(std::string_view s)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

/// A regex, with "(?i)" in front meaning ignore case (std::regex has no inline flags).
inline std::regex compileRegex(const std::string &pattern)
{
    const bool icase = pattern.rfind("(?i)", 0) == 0;
    auto flags = std::regex::ECMAScript;
    if (icase)
        flags |= std::regex::icase;
    return std::regex(icase ? pattern.substr(4) : pattern, flags);
}

/// The first capture group of the first match (the whole match without groups).
inline std::optional<std::string> searchRegex(const std::regex &re, const std::string &text)
{
    std::smatch m;
    if (!std::regex_search(text, m, re))
        return std::nullopt;
    return m.size() > 1 && m[1].matched ? m[1].str() : m[0].str();
}

inline const json *at(const json &doc, const std::string &pointer)
{
    try {
        const json::json_pointer p(pointer);
        return doc.contains(p) ? &doc.at(p) : nullptr;
    } catch (const json::exception &) {
        return nullptr;
    }
}

} // namespace cp::httpdetail
