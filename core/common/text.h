// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace cp::text {

/// ASCII lower case; other bytes (UTF-8 included) are left as they are.
inline std::string asciiLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

/// A byte that belongs to a word: ASCII letters and digits, and any non-ASCII byte, so that
/// UTF-8 words ("José") stay whole. Apostrophes and hyphens split words ("she's" → she + s).
inline bool isWordByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

} // namespace cp::text
