// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "table.h"

#include <algorithm>
#include <functional>

namespace cp {

void CategoricalColumn::reserve(std::size_t rows)
{
    if (m_wide)
        m_wideCodes.reserve(rows);
    else
        m_narrowCodes.reserve(rows);
}

namespace {

std::uint64_t hashOf(std::string_view s)
{
    return std::uint64_t(std::hash<std::string_view>{}(s));
}

} // namespace

std::uint32_t CategoricalColumn::find(std::string_view level) const
{
    if (m_slots.empty())
        return Missing;
    const std::uint64_t h = hashOf(level);
    const std::uint64_t tag = h >> 32 << 32;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = std::size_t(h) & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = m_slots[i];
        if (slot == 0)
            return Missing;
        if ((slot & 0xffffffff00000000ull) == tag) {
            const auto code = std::uint32_t(slot) - 1;
            if (m_levels[code] == level)
                return code;
        }
    }
}

void CategoricalColumn::index(std::uint32_t code, std::uint64_t hash)
{
    auto place = [this](std::uint32_t c, std::uint64_t h) {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = std::size_t(h) & mask;
        while (m_slots[i] != 0)
            i = (i + 1) & mask;
        m_slots[i] = (h >> 32 << 32) | (std::uint64_t(c) + 1);
    };
    // At most half full: grown (every level placed again, its hash made again from its text)
    // before the level that would pass half.
    if (m_levels.size() * 2 > m_slots.size()) {
        m_slots.assign(std::max<std::size_t>(16, m_slots.size() * 2), 0);
        for (std::uint32_t c = 0; c < m_levels.size(); ++c)
            if (c != code)
                place(c, hashOf(m_levels[c]));
    }
    place(code, hash);
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
    } else if (const std::uint32_t known = find(value); known != Missing) {
        return m_lastCode = known;
    }
    const auto code = std::uint32_t(m_levels.size());
    m_levels.emplace_back(value);
    m_firstRows.push_back(row);
    index(code, hashOf(value));
    if (!m_wide && code >= NarrowMissing) {
        m_wideCodes.reserve(m_narrowCodes.capacity());
        for (std::uint8_t c : m_narrowCodes)
            m_wideCodes.push_back(c == NarrowMissing ? Missing : c);
        m_narrowCodes = {};
        m_wide = true;
    }
    return m_lastCode = code;
}

std::uint32_t CategoricalColumn::addLevel(std::string_view value, std::int64_t row)
{
    return intern(value, row);
}

void CategoricalColumn::appendCodes(const std::uint32_t *codes, std::size_t count)
{
    const std::size_t at = size();
    if (m_firstMissing < 0)
        for (std::size_t i = 0; i < count; ++i)
            if (codes[i] == Missing) {
                m_firstMissing = std::int64_t(at + i);
                break;
            }
    if (m_wide) {
        m_wideCodes.insert(m_wideCodes.end(), codes, codes + count);
        return;
    }
    m_narrowCodes.resize(at + count);
    std::uint8_t *out = m_narrowCodes.data() + at;
    for (std::size_t i = 0; i < count; ++i)
        out[i] = codes[i] == Missing ? NarrowMissing : std::uint8_t(codes[i]);
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

void Table::addCategorical(std::string name, CategoricalColumn column)
{
    names.push_back(std::move(name));
    kinds.push_back(ColumnKind::Categorical);
    slot.push_back(categorical.size());
    categorical.push_back(std::move(column));
}

Table selectRows(const Table &table, const std::vector<std::int64_t> &rows,
                 const std::vector<ColumnRequest> &columns)
{
    Table only;
    only.source = table.source;
    only.sha256 = table.sha256;
    only.rowCount = table.rowCount;
    // Shallow copies would be better; the columns an engine reads are few and small.
    for (const ColumnRequest &c : columns) {
        const int i = table.indexOf(c.name);
        if (i < 0 || only.indexOf(c.name) >= 0)
            continue;
        only.names.push_back(c.name);
        only.kinds.push_back(table.kinds[std::size_t(i)]);
        if (table.kinds[std::size_t(i)] == ColumnKind::Categorical) {
            only.slot.push_back(only.categorical.size());
            only.categorical.push_back(table.categorical[table.slot[std::size_t(i)]]);
        } else {
            only.slot.push_back(only.numeric.size());
            only.numeric.push_back(table.numeric[table.slot[std::size_t(i)]]);
        }
    }
    std::vector<std::int64_t> lines;
    lines.reserve(std::size_t(table.rowCount));
    for (std::int64_t r = 0; r < table.rowCount; ++r)
        lines.push_back(table.lineOfRow(r));
    only.setRowLines(std::move(lines));
    return selectRows(only, rows);
}

Table selectRows(const Table &table, const std::vector<std::int64_t> &rows)
{
    Table out;
    out.source = table.source;
    out.sha256 = table.sha256;
    out.rowCount = std::int64_t(rows.size());
    out.names = table.names;
    out.kinds = table.kinds;
    out.slot = table.slot;
    out.categorical.resize(table.categorical.size());
    out.numeric.resize(table.numeric.size());
    for (std::size_t c = 0; c < table.categorical.size(); ++c) {
        const CategoricalColumn &from = table.categorical[c];
        CategoricalColumn &to = out.categorical[c];
        to.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::uint32_t code = from.code(std::size_t(rows[i]));
            if (code == CategoricalColumn::Missing)
                to.append({}, std::int64_t(i));
            else
                to.append(from.levels()[code], std::int64_t(i));
        }
    }
    for (std::size_t c = 0; c < table.numeric.size(); ++c) {
        const NumericColumn &from = table.numeric[c];
        NumericColumn &to = out.numeric[c];
        to.values.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const double v = from.values[std::size_t(rows[i])];
            if (std::isnan(v) && to.firstMissingRow < 0)
                to.firstMissingRow = std::int64_t(i);
            to.values.push_back(v);
        }
    }
    std::vector<std::int64_t> lines;
    lines.reserve(rows.size());
    for (std::int64_t r : rows)
        lines.push_back(table.lineOfRow(r));
    out.setRowLines(std::move(lines));
    return out;
}

} // namespace cp
