// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectaudit.h"

#include <core/audit/auditjson.h>
#include <core/common/phasetrace.h>
#include <core/review/reviewaudit.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

namespace cp {

Result<ProjectAudit> auditProjectTable(ProjectStore &store, const std::string &tableNameOrId,
                                       const Progress &progress, bool record,
                                       AuditedTable *audited)
{
    ProjectAudit out;
    trace::phase("spec");
    auto spec = store.currentSpec();
    if (!spec)
        return spec.error();
    if (!spec->has_value())
        return Error{ErrorCode::Invalid, store.path(), 0, {}, "the project has no audit spec yet"};
    out.spec = **spec;
    if (tableNameOrId.empty()) {
        auto tables = store.tables();
        if (!tables)
            return tables.error();
        if (tables->empty())
            return Error{ErrorCode::Invalid, store.path(), 0, {}, "the project has no table yet"};
        out.table = tables->back();
    } else {
        auto table = store.findTable(tableNameOrId);
        if (!table)
            return table.error();
        out.table = *table;
    }
    auto parsed = parseAuditSpecText(out.spec.json, store.path() + " (spec " + std::to_string(out.spec.id) + ")");
    if (!parsed)
        return parsed.error();
    out.parsedSpec = std::move(*parsed);
    trace::phase("store: table");
    auto content = store.tableContent(out.table.id);
    if (!content)
        return content.error();
    trace::phase("parse");
    const TableFormat format = out.table.format == "jsonl" ? TableFormat::JsonLines : TableFormat::Csv;
    // Reading dominates: parsing text costs far more than the counting pass. The store checked
    // the bytes against the table's SHA-256 as it read them: that is the audited hash, with no
    // second pass over the bytes (readTable() would hash them again).
    auto table = format == TableFormat::JsonLines
                     ? readJsonLines(*content, out.table.name, out.parsedSpec.columns(),
                                     progress.phase(0, 800))
                     : readCsv(*content, out.table.name, out.parsedSpec.columns(),
                               progress.phase(0, 800));
    if (!table)
        return table.error();
    table->sha256 = out.table.sha256;
    if (!audited)
        *content = std::string();
    trace::phase("audit");
    std::vector<std::int64_t> reviewedRows;
    auto result = runReviewedAudit(store, out.table.id, "table '" + out.table.name + "'", *table,
                                   out.parsedSpec, progress.phase(800, 1000), &reviewedRows);
    if (!result)
        return result.error();
    if (audited) {
        audited->table = std::move(*table);
        audited->content = std::move(*content);
        audited->reviewedRows = std::move(reviewedRows);
    }
    out.result = std::move(result).value();
    if (record) {
        trace::phase("store: record run");
        std::optional<std::string> decision;
        if (out.result.decision)
            decision = decisionKey(*out.result.decision);
        auto run = store.recordRun(out.table.id, out.spec.id, decision,
                                   auditToJson(out.result).dump());
        if (!run)
            return run.error();
        out.runId = run->id;
    }
    return out;
}

} // namespace cp
