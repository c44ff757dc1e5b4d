// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "textrows.h"

namespace cp {

std::string_view TextRows::cell(std::int64_t row, std::size_t column, std::string &scratch) const
{
    std::vector<std::string_view> all;
    std::string own;
    cells(row, all, own);
    if (column >= all.size())
        return {};
    scratch.assign(all[column]);
    return scratch;
}

} // namespace cp
