// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "result.h"

#include "utf8.h"

namespace cp {

std::string Error::toString() const
{
    // Every part may hold input (a path, a column name, a cell): control characters are
    // escaped so that no escape sequence reaches a terminal, and each part is bounded (a
    // message that listed a 10,000,000-column header was 99 MB).
    std::string out;
    if (!file.empty()) {
        out += utf8::printable(file, 1000);
        if (line > 0)
            out += ':' + std::to_string(line);
        out += ": ";
    }
    if (!field.empty())
        out += utf8::printable(field, 200) + ": ";
    out += utf8::printable(message, 2000, true);
    return out;
}

} // namespace cp
