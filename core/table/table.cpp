// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "table.h"

namespace cp {

void CategoricalColumn::reserve(std::size_t rows)
{
    if (m_wide)
        m_wideCodes.reserve(rows);
    else
        m_narrowCodes.reserve(rows);
}

std::uint32_t CategoricalColumn::find(std::string_view level) const
{
    const auto it = m_index.find(level);
    return it == m_index.end() ? Missing : it->second;
}

std::uint32_t CategoricalColumn::intern(std::string_view value, std::int64_t row)
{
    // Group columns repeat few values: checking the previous code first skips most hash lookups.
    if (m_lastCode != Missing && m_levels[m_lastCode] == value)
        return m_lastCode;
    if (m_levels.size() <= 8) {
        for (std::uint32_t i = 0; i < m_levels.size(); ++i)
            if (m_levels[i] == value)
                return m_lastCode = i;
    } else if (const auto it = m_index.find(value); it != m_index.end()) {
        return m_lastCode = it->second;
    }
    const auto code = std::uint32_t(m_levels.size());
    m_levels.emplace_back(value);
    m_firstRows.push_back(row);
    m_index.emplace(std::string(value), code);
    if (!m_wide && code >= NarrowMissing) {
        m_wideCodes.reserve(m_narrowCodes.capacity());
        for (std::uint8_t c : m_narrowCodes)
            m_wideCodes.push_back(c == NarrowMissing ? Missing : c);
        m_narrowCodes = {};
        m_wide = true;
    }
    return m_lastCode = code;
}

void CategoricalColumn::append(std::string_view value, std::int64_t row)
{
    if (value.empty()) {
        if (m_firstMissing < 0)
            m_firstMissing = row;
        appendMissing();
        return;
    }
    const std::uint32_t code = intern(value, row);
    if (m_wide)
        m_wideCodes.push_back(code);
    else
        m_narrowCodes.push_back(std::uint8_t(code));
}

void CategoricalColumn::appendMissing()
{
    if (m_firstMissing < 0)
        m_firstMissing = std::int64_t(size());
    if (m_wide)
        m_wideCodes.push_back(Missing);
    else
        m_narrowCodes.push_back(NarrowMissing);
}

int Table::indexOf(std::string_view name) const
{
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return int(i);
    return -1;
}

const CategoricalColumn *Table::categoricalColumn(std::string_view name) const
{
    const int i = indexOf(name);
    if (i < 0 || kinds[std::size_t(i)] != ColumnKind::Categorical)
        return nullptr;
    return &categorical[slot[std::size_t(i)]];
}

const NumericColumn *Table::numericColumn(std::string_view name) const
{
    const int i = indexOf(name);
    if (i < 0 || kinds[std::size_t(i)] != ColumnKind::Numeric)
        return nullptr;
    return &numeric[slot[std::size_t(i)]];
}

} // namespace cp
