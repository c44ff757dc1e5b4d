// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "runrows.h"

#include "scoredrows.h"

#include <core/probeset/canonicalcsv.h>
#include <core/store/projectstore.h>
#include <core/table/tablereader.h>

namespace cp::runrows {

std::vector<std::pair<std::int64_t, std::int64_t>> familyRanges(const CsvRows &rows)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    std::vector<std::string_view> cells;
    std::string scratch;
    std::string current;
    for (std::int64_t r = 0; r < rows.rowCount(); ++r) {
        const std::string_view bytes = rows.rowBytes(r);
        std::string_view family = bytes.substr(0, bytes.find(','));
        if (!family.empty() && family.front() == '"') {  // quoted: take the parsed cell
            rows.cells(r, cells, scratch);
            family = cells.empty() ? std::string_view() : cells[0];
        }
        if (r == 0 || family != current) {
            ranges.emplace_back(r, r + 1);
            current.assign(family);
        } else {
            ranges.back().second = r + 1;
        }
    }
    return ranges;
}

Status checkResultColumns(const CsvRows &rows, const std::string &source)
{
    for (const char *name : ResultColumnNames)
        for (const auto &c : rows.columns())
            if (c == name)
                return Error{ErrorCode::Schema, source, 1, c,
                             "already a column of the rows, and also a result column of a "
                             "scoring run: rename it before scoring"};
    return Ok{};
}

Result<std::string> probeSetBytes(ProjectStore &store, const ProbeSetRecord &set,
                                  const Progress &progress)
{
    auto table = store.findTable(std::to_string(set.tableId));
    if (table && table->id == set.tableId && table->sha256 == set.sha256)
        return store.tableContent(set.tableId, progress);
    return probeSetContent(store, set.id);
}

Result<std::shared_ptr<const CsvRows>> rowsOfFile(const std::string &path)
{
    auto bytes = readFileBytes(path);
    if (!bytes)
        return bytes.error();
    std::string csv;
    if (formatForPath(path) == TableFormat::JsonLines) {
        auto converted = csvFromJsonLines(*bytes, path);
        if (!converted)
            return converted.error();
        csv = std::move(*converted);
    } else {
        csv = std::move(*bytes);
    }
    auto parsed = CsvRows::parse(std::move(csv), path);
    if (!parsed)
        return parsed.error();
    return std::shared_ptr<const CsvRows>(std::move(*parsed));
}

} // namespace cp::runrows
