// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "utf8.h"

#include <cstring>

namespace cp::utf8 {

namespace {

/// Length of the well-formed sequence starting at s[i] (1–4), or 0.
std::size_t sequenceLength(std::string_view s, std::size_t i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80)
        return 1;
    const std::size_t left = s.size() - i;
    const auto cont = [&](std::size_t k) { return (b(i + k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return left >= 2 && cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || !cont(1) || !cont(2))
            return 0;
        const unsigned char c1 = b(i + 1);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F))
            return 0;   // overlong, or a UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || !cont(1) || !cont(2) || !cont(3))
            return 0;
        const unsigned char c1 = b(i + 1);
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
            return 0;   // overlong, or above U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

std::size_t firstInvalid(std::string_view s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const std::size_t len = sequenceLength(s, i);
        if (len == 0)
            return i;
        i += len;
    }
    return std::string_view::npos;
}

Position positionOf(std::string_view data, std::size_t offset)
{
    Position p;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset && i < data.size(); ++i)
        if (data[i] == '\n') {
            ++p.line;
            lineStart = i + 1;
        }
    for (std::size_t i = lineStart; i < offset && i < data.size(); ++i)
        if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80)
            ++p.column;
    return p;
}

std::string invalidMessage(unsigned char byte, std::int64_t column)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out = "byte 0x";
    out += hex[byte >> 4];
    out += hex[byte & 15];
    out += " at column " + std::to_string(column)
           + " is not UTF-8 (the file is probably Latin-1 or Windows-1252: convert it, e.g. "
             "iconv -f WINDOWS-1252 -t UTF-8 IN > OUT)";
    return out;
}

std::string printable(std::string_view s, std::size_t limit, bool keepNewlines)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(std::min(s.size(), limit) + 8);
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t len = sequenceLength(s, i);
        if (i + std::max<std::size_t>(len, 1) > limit)
            break;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (len == 0) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            ++i;
            continue;
        }
        if (len == 1 && (c < 0x20 || c == 0x7F)) {
            if (c == '\n' && keepNewlines)
                out += '\n';
            else if (c == '\n')
                out += "\\n";
            else if (c == '\t')
                out += "\\t";
            else if (c == '\r')
                out += "\\r";
            else {
                out += "\\x";
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        } else if (len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);   // C1 control
            out += "\\u00";
            out += hex[c1 >> 4];
            out += hex[c1 & 15];
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    if (i < s.size())
        out += "…";
    return out;
}

std::string quoted(std::string_view s, std::size_t limit)
{
    return "'" + printable(s, limit) + "'";
}

} // namespace cp::utf8
