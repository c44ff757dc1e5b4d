// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "vectorrows.h"

namespace cp {

VectorRows::VectorRows(std::vector<std::string> columns,
                       std::vector<std::vector<std::string>> rows, std::vector<std::string> ids)
    : m_columns(std::move(columns)), m_rows(std::move(rows)), m_ids(std::move(ids))
{
    if (m_ids.size() < m_rows.size())
        for (std::size_t i = m_ids.size(); i < m_rows.size(); ++i)
            m_ids.push_back(std::to_string(i + 1));
}

void VectorRows::cells(std::int64_t row, std::vector<std::string_view> &out, std::string &) const
{
    out.clear();
    for (const auto &c : m_rows[std::size_t(row)])
        out.emplace_back(c);
    out.resize(m_columns.size());
}

} // namespace cp
