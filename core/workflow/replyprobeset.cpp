// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "replyprobeset.h"

#include <core/probeset/canonicalcsv.h>
#include <core/score/scoredrows.h>
#include <core/score/scoringrun.h>
#include <core/store/projectstore.h>
#include <core/table/csvrows.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cp {

namespace {

constexpr const char *SpecKey = "replies_of_run";

std::optional<std::size_t> columnIndex(const std::vector<std::string> &columns,
                                       std::string_view name)
{
    const auto it = std::find(columns.begin(), columns.end(), name);
    return it == columns.end() ? std::nullopt
                               : std::optional<std::size_t>(std::size_t(it - columns.begin()));
}

bool isResultColumn(std::string_view name)
{
    return std::find(ResultColumnNames.begin(), ResultColumnNames.end(), name)
           != ResultColumnNames.end();
}

} // namespace

Result<ReplyProbeSet> freezeReplyProbeSet(ProjectStore &store, std::int64_t runId,
                                          const Progress &progress)
{
    auto found = findRunAndProbeSet(store, runId);
    if (!found)
        return found.error();
    const ProbeSetRecord &parent = found->probeSet;
    const std::string where = "scoring run " + std::to_string(runId);
    // Families with an unscored variant are left out here already (and counted).
    auto scored = scoredTable(store, runId, false);
    if (!scored)
        return scored.error();
    progress.report(300, 1000);
    auto indexed = CsvRows::index(std::move(scored->csv), where);
    if (!indexed)
        return indexed.error();
    const CsvRows &rows = **indexed;
    const auto &columns = rows.columns();
    const auto family = columnIndex(columns, parent.layout.familyColumn);
    const auto reply = columnIndex(columns, "reply");
    const auto refused = columnIndex(columns, "refused");
    if (!family || !reply || !refused)
        return Error{ErrorCode::Schema, where, 0, !family ? parent.layout.familyColumn : "reply",
                     "the scored table lacks this column"};
    if (columnIndex(columns, SourceReplyColumn))
        return Error{ErrorCode::Schema, where, 0, SourceReplyColumn,
                     "already a column of the probe set: the replies need that name"};

    std::vector<std::size_t> own;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (!isResultColumn(columns[c]))
            own.push_back(c);
    std::string csv;
    for (std::size_t c : own) {
        appendCanonicalCsvField(csv, columns[c]);
        csv += ',';
    }
    csv += SourceReplyColumn;
    csv += '\n';

    ReplyProbeSet out;
    out.sourceRun = runId;
    out.familiesLeftOut = scored->familiesExcluded;
    std::int64_t replies = 0;
    std::string scratch, familyScratch;
    const std::int64_t n = rows.rowCount();
    for (std::int64_t begin = 0; begin < n;) {
        const std::string id(rows.cell(begin, *family, familyScratch));
        std::int64_t end = begin + 1;
        while (end < n && rows.cell(end, *family, familyScratch) == id)
            ++end;
        bool whole = true;
        for (std::int64_t r = begin; r < end && whole; ++r)
            whole = rows.cell(r, *refused, scratch) != "true"
                    && !rows.cell(r, *reply, scratch).empty();
        if (whole) {
            ++out.familiesKept;
            for (std::int64_t r = begin; r < end; ++r) {
                for (std::size_t c : own) {
                    appendCanonicalCsvField(csv, rows.cell(r, c, scratch));
                    csv += ',';
                }
                appendCanonicalCsvField(csv, rows.cell(r, *reply, scratch));
                csv += '\n';
                ++replies;
            }
        } else {
            ++out.familiesLeftOut;
        }
        begin = end;
    }
    if (replies == 0)
        return Error{ErrorCode::Invalid, where, 0, "reply",
                     "no family in which every variant replied: there is nothing to score "
                     "(the model gives no reply text, or every family has a refused variant)"};
    progress.report(600, 1000);

    ProbeSetLayout layout = parent.layout;
    layout.linkedColumns.push_back(SourceReplyColumn);
    layout.linkedFollows[SourceReplyColumn] = {};   // a reply may differ, never has to
    ProbeSetOrigin origin;
    origin.kind = "derived";
    origin.name = parent.name + "-replies-run" + std::to_string(runId);
    origin.parentId = parent.id;
    origin.specJson = nlohmann::json{{SpecKey, runId},
                                     {"probe_set", parent.id},
                                     {"model", found->run.modelId},
                                     {"column", SourceReplyColumn},
                                     {"families_kept", out.familiesKept},
                                     {"families_left_out", out.familiesLeftOut}}
                              .dump();
    FreezeOptions options;
    options.source = where + " (replies)";
    options.progress = progress.phase(600, 1000);
    auto set = freezeProbeSet(store, origin, layout, csv, options);
    if (!set)
        return set.error();
    out.set = std::move(*set);
    return out;
}

std::optional<ReplySource> replySourceOf(const ProbeSetRecord &set)
{
    if (set.kind != "derived")
        return std::nullopt;
    const auto j = nlohmann::json::parse(set.specJson, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    const auto run = j.find(SpecKey);
    if (run == j.end() || !run->is_number_integer())
        return std::nullopt;
    ReplySource s;
    s.run = run->get<std::int64_t>();
    if (const auto left = j.find("families_left_out");
        left != j.end() && left->is_number_integer())
        s.familiesLeftOut = left->get<std::int64_t>();
    return s;
}

} // namespace cp
