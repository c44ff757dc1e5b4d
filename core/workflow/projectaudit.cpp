// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectaudit.h"

#include <core/audit/auditengine.h>
#include <core/audit/auditjson.h>
#include <core/review/reviewaudit.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

namespace cp {

Result<ProjectAudit> auditProjectTable(ProjectStore &store, const std::string &tableNameOrId,
                                       const Progress &progress, bool record,
                                       std::string *auditedContent)
{
    ProjectAudit out;
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
    auto content = store.tableContent(out.table.id);
    if (!content)
        return content.error();
    const TableFormat format = out.table.format == "jsonl" ? TableFormat::JsonLines : TableFormat::Csv;
    // Reading dominates: parsing text costs far more than the counting pass.
    auto table = readTable(*content, format, out.table.name, parsed->columns(),
                           progress.phase(0, 800));
    if (!table)
        return table.error();
    auto result = runReviewedAudit(store, out.table.id, "table '" + out.table.name + "'",
                                   std::move(*table), *parsed, progress.phase(800, 1000));
    if (!result)
        return result.error();
    if (auditedContent)
        *auditedContent = std::move(*content);
    out.result = std::move(result).value();
    if (record) {
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
