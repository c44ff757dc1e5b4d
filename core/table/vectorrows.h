// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/table/textrows.h>

namespace cp {

/// TextRows over rows held as strings (JSON Lines input, tests).
class VectorRows : public TextRows
{
public:
    VectorRows(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
               std::vector<std::string> ids);

    const std::vector<std::string> &columns() const override { return m_columns; }
    std::int64_t rowCount() const override { return std::int64_t(m_rows.size()); }
    void cells(std::int64_t row, std::vector<std::string_view> &out,
               std::string &scratch) const override;
    std::string id(std::int64_t row) const override { return m_ids[std::size_t(row)]; }

private:
    std::vector<std::string> m_columns;
    std::vector<std::vector<std::string>> m_rows;
    std::vector<std::string> m_ids;
};

} // namespace cp
