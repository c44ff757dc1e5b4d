// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "replyprobeset.h"

#include <core/common/jsontext.h>
#include <core/probeset/canonicalcsv.h>
#include <core/score/scoredrows.h>
#include <core/score/scorerconfig.h>
#include <core/score/scoringrun.h>
#include <core/store/scorestore.h>
#include <core/store/projectstore.h>
#include <core/table/csvrows.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

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
    origin.specJson = jsontext::dump(nlohmann::json{{SpecKey, runId},
                                                    {"probe_set", parent.id},
                                                    {"model", found->run.modelId},
                                                    {"column", SourceReplyColumn},
                                                    {"families_kept", out.familiesKept},
                                                    {"families_left_out", out.familiesLeftOut}});
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

bool runProducesEmbeddings(ProjectStore &store, const ScoreRunRecord &run)
{
    auto model = findModel(store, std::to_string(run.modelId));
    if (!model || model->kind == "builtin")
        return false;
    auto config = parseScorerConfig(model->configJson, "model '" + model->name + "'", {});
    if (config && config->producesEmbeddings())
        return true;
    // A command scorer may answer with vectors ("embedding" in its lines): its results say.
    if (model->kind != "command")
        return false;
    auto has = runHasEmbeddings(store, run.id);
    return has && *has;
}

Result<std::optional<RunAndProbeSet>> replyEmbeddingsRun(ProjectStore &store, std::int64_t runId)
{
    auto sets = probeSets(store);
    if (!sets)
        return sets.error();
    std::vector<const ProbeSetRecord *> replySets;
    for (const ProbeSetRecord &set : *sets)
        if (const auto source = replySourceOf(set); source && source->run == runId)
            replySets.push_back(&set);
    if (replySets.empty())
        return std::optional<RunAndProbeSet>();
    auto runs = scoreRuns(store);
    if (!runs)
        return runs.error();
    const ScoreRunRecord *newest = nullptr;
    const ProbeSetRecord *newestSet = nullptr;
    for (const ScoreRunRecord &run : *runs)
        for (const ProbeSetRecord *set : replySets)
            if (run.probeSetId == set->id && run.scored > 0 && (!newest || run.id > newest->id)
                && runProducesEmbeddings(store, run)) {
                newest = &run;
                newestSet = set;
            }
    if (!newest)
        return std::optional<RunAndProbeSet>();
    return std::optional<RunAndProbeSet>(RunAndProbeSet{*newest, *newestSet});
}

namespace {

/// A row's key for matching the rows of two runs: family and variant, or the id column.
struct RowKeys {
    std::optional<std::size_t> family, variant, id;

    explicit RowKeys(const std::vector<std::string> &columns)
    {
        if (columns.size() >= 2 && columns[0] == "family" && columns[1] == "variant") {
            family = 0;
            variant = 1;
        } else {
            id = columnIndex(columns, "id");
        }
    }
    bool usable() const { return family || id; }
    std::string key(const CsvRows &rows, std::int64_t row, std::string &scratch) const
    {
        if (id)
            return std::string(rows.cell(row, *id, scratch));
        std::string k(rows.cell(row, *family, scratch));
        k += '\x1f';
        k += rows.cell(row, *variant, scratch);
        return k;
    }
};

} // namespace

Result<std::int64_t> joinReplyEmbeddings(ProjectStore &store, const RunAndProbeSet &embeddings,
                                         ScoredRun &scored, const std::string &column,
                                         const Progress &progress)
{
    const CsvRows &rows = scored.rows->sourceRows();
    const RowKeys keys(rows.columns());
    if (!keys.usable())
        return std::int64_t(0);
    // Asking for a column of the outputs brings the embeddings with them; the vectors are read
    // from the results, not from that column (a few bytes a row).
    auto embedded = loadScoredRun(store, embeddings.run.id, {{"logprob", ColumnKind::Numeric}},
                                  "scoring run " + std::to_string(embeddings.run.id), true, false,
                                  {}, progress);
    if (!embedded)
        return embedded.error();
    const CsvRows &theirRows = embedded->rows->sourceRows();
    const RowKeys theirKeys(theirRows.columns());
    if (!theirKeys.usable() || bool(theirKeys.id) != bool(keys.id))
        return std::int64_t(0);
    const RowResults &results = embedded->rows->results();
    std::unordered_map<std::string, std::int64_t> byKey;
    std::string scratch;
    byKey.reserve(std::size_t(embedded->rows->rowCount()));
    for (std::int64_t r = 0; r < embedded->rows->rowCount(); ++r) {
        const std::int64_t source = embedded->rows->sourceRow(r);
        if (!results.embedding(source).empty())
            byKey.emplace(theirKeys.key(theirRows, source, scratch), source);
    }
    CategoricalColumn out;
    const std::int64_t n = scored.rows->rowCount();
    out.reserve(std::size_t(n));
    std::int64_t matched = 0;
    std::string text;
    for (std::int64_t r = 0; r < n; ++r) {
        const auto it = byKey.find(keys.key(rows, scored.rows->sourceRow(r), scratch));
        if (it == byKey.end()) {
            out.appendMissing();
            continue;
        }
        text = results.text(EmbeddingResultColumn, it->second, scratch);
        out.append(text, r);
        ++matched;
    }
    if (matched > 0)
        scored.table.addCategorical(column, std::move(out));
    return matched;
}

} // namespace cp
