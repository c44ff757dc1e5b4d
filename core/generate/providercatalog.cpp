// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "providercatalog.h"

#include <core/common/resources.h>
#include <core/table/tablereader.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace cp {

namespace {

/// Splits one CSV record starting at pos (RFC 4180 quoting); advances pos past its line end.
bool csvRecord(std::string_view data, std::size_t &pos, std::int64_t &line,
               std::vector<std::string> &cells, std::string &why)
{
    cells.clear();
    std::string cell;
    bool quoted = false;
    bool wasQuoted = false;
    while (pos < data.size()) {
        const char c = data[pos++];
        if (quoted) {
            if (c == '"') {
                if (pos < data.size() && data[pos] == '"') {
                    cell += '"';
                    ++pos;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            if (!cell.empty() || wasQuoted) {
                why = "a quote inside an unquoted cell";
                return false;
            }
            quoted = wasQuoted = true;
        } else if (c == ',') {
            cells.push_back(std::move(cell));
            cell.clear();
            wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos < data.size() && data[pos] == '\n')
                ++pos;
            cells.push_back(std::move(cell));
            return true;
        } else {
            cell += c;
        }
    }
    if (quoted) {
        why = "unterminated quoted cell";
        return false;
    }
    cells.push_back(std::move(cell));
    return true;
}

std::string trimmed(std::string s)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

} // namespace

std::string ProviderCatalog::defaultFolder()
{
    return resourceDir() + "/providers";
}

Result<ProviderCatalog> ProviderCatalog::loadDefault()
{
    ProviderCatalog c;
    if (auto s = c.loadFolder(defaultFolder()); !s)
        return s.error();
    return c;
}

Result<ProviderCatalog> ProviderCatalog::loadWithUserFolder(const std::string &userFolder)
{
    auto c = loadDefault();
    if (c && !userFolder.empty())
        if (auto s = c->loadFolder(userFolder); !s)
            return s.error();
    return c;
}

Status ProviderCatalog::loadFolder(const std::string &dir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return Error{ErrorCode::Io, dir, 0, {}, "not a folder of provider lists"};
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".csv")
            files.push_back(e.path());
    if (ec)
        return Error{ErrorCode::Io, dir, 0, {}, ec.message()};
    std::sort(files.begin(), files.end());
    for (const auto &f : files)
        if (auto s = addFile(f.stem().string(), f.string()); !s)
            return s;
    return Ok{};
}

Status ProviderCatalog::addFile(const std::string &name, const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    return addCsv(name, *bytes, path);
}

Status ProviderCatalog::addCsv(const std::string &name, std::string_view data,
                               const std::string &source)
{
    ProviderList list;
    list.name = name;
    list.source = source;
    std::size_t pos = 0;
    std::int64_t line = 0;
    std::vector<std::string> cells;
    std::vector<std::string> header;
    std::string why;
    auto fail = [&](std::int64_t at, const std::string &field, const std::string &message) {
        return Error{ErrorCode::Parse, source, at, field, message};
    };
    while (pos < data.size()) {
        const std::int64_t start = ++line;
        if (data[pos] == '#') {   // a comment line
            const std::size_t nl = data.find('\n', pos);
            pos = nl == std::string_view::npos ? data.size() : nl + 1;
            continue;
        }
        if (!csvRecord(data, pos, line, cells, why))
            return fail(start, {}, why);
        if (cells.size() == 1 && trimmed(cells[0]).empty())
            continue;   // a blank line
        for (auto &c : cells)
            c = trimmed(std::move(c));
        if (header.empty()) {
            header = cells;
            if (header.size() < 2 || header[0] != "value" || header[1] != "weight")
                return fail(start, {}, "the header must start with value,weight");
            for (std::size_t i = 2; i < header.size(); ++i) {
                if (header[i].empty())
                    return fail(start, "column " + std::to_string(i + 1), "empty column name");
                list.keyColumns.push_back(header[i]);
            }
            continue;
        }
        if (cells.size() != header.size())
            return fail(start, {}, "expected " + std::to_string(header.size()) + " cells, found "
                                       + std::to_string(cells.size()));
        ProviderEntry e;
        e.value = cells[0];
        if (e.value.empty())
            return fail(start, "value", "empty value");
        const std::string &w = cells[1];
        const auto r = std::from_chars(w.data(), w.data() + w.size(), e.weight);
        if (w.empty() || r.ec != std::errc() || r.ptr != w.data() + w.size()
            || !std::isfinite(e.weight) || e.weight <= 0)
            return fail(start, "weight", "expected a number > 0, found '" + w + "'");
        for (std::size_t i = 2; i < cells.size(); ++i) {
            if (cells[i].empty())
                return fail(start, header[i], "empty key");
            e.keys.push_back(cells[i]);
        }
        list.entries.push_back(std::move(e));
    }
    if (header.empty())
        return fail(0, {}, "empty provider list (no header)");
    if (list.entries.empty())
        return fail(line, {}, "the list has no entries");
    m_lists[name] = std::move(list);
    return Ok{};
}

const ProviderList *ProviderCatalog::find(std::string_view name) const
{
    const auto it = m_lists.find(name);
    return it == m_lists.end() ? nullptr : &it->second;
}

std::vector<std::string> ProviderCatalog::names() const
{
    std::vector<std::string> out;
    for (const auto &[name, list] : m_lists)
        out.push_back(name);
    return out;
}

} // namespace cp
