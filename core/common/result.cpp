// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "result.h"

namespace cp {

std::string Error::toString() const
{
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0)
            out += ':' + std::to_string(line);
        out += ": ";
    }
    if (!field.empty())
        out += field + ": ";
    out += message;
    return out;
}

} // namespace cp
