// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "projectaudit.h"

#include <core/common/jsontext.h>
#include <core/audit/auditjson.h>
#include <core/common/phasetrace.h>
#include <core/review/reviewaudit.h>
#include <core/workflow/auditcache.h>
#include <core/workflow/runaudit.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

namespace cp {

Result<AuditedTable> readAuditedTable(ProjectStore &store, const TableRecord &record,
                                      const AuditSpec &spec, const Progress &progress)
{
    AuditedTable out;
    trace::phase("store: table");
    auto content = store.tableContent(record.id, progress.phase(0, 300));
    if (!content)
        return content.error();
    trace::phase("parse");
    const TableFormat format = record.format == "jsonl" ? TableFormat::JsonLines : TableFormat::Csv;
    // Reading dominates: parsing text costs far more than the counting pass. The store checked
    // the bytes against the table's SHA-256 as it read them: that is the audited hash, with no
    // second pass over the bytes (readTable() would hash them again).
    auto table = format == TableFormat::JsonLines
                     ? readJsonLines(*content, record.name, spec.columns(), progress.phase(300, 1000))
                     : readCsv(*content, record.name, spec.columns(), progress.phase(300, 1000));
    if (!table)
        return table.error();
    table->sha256 = record.sha256;
    out.table = std::move(*table);
    out.content = std::move(*content);
    return out;
}

Result<ProjectAudit> auditProjectTable(ProjectStore &store, const std::string &tableNameOrId,
                                       const Progress &progress, bool record,
                                       AuditedTable *audited, bool useCache)
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

    AuditSource source;
    source.id = out.table.id;
    auto slot = auditCacheSlot(store, source, out.spec.sha256);
    if (!slot)
        return slot.error();
    std::optional<AuditResult> cached;
    if (useCache)
        cached = loadCachedAudit(store, *slot);
    if (cached) {
        out.result = std::move(*cached);
        if (audited)
            *audited = AuditedTable{{}, {}, {}, true, *slot};
        progress.report(1000, 1000);
    } else {
        auto table = readAuditedTable(store, out.table, out.parsedSpec, progress.phase(0, 800));
        if (!table)
            return table.error();
        if (!audited)
            table->content = std::string();
        trace::phase("audit");
        std::vector<std::int64_t> reviewedRows;
        auto result = runReviewedAudit(store, out.table.id, "table '" + out.table.name + "'",
                                       table->table, out.parsedSpec, progress.phase(800, 1000),
                                       &reviewedRows);
        if (!result)
            return result.error();
        // Flips name rows of the table as stored, as a run's audit does (not of the selection
        // the reviews left): the Pairs view and the report look them up there.
        mapFlipRows(*result, reviewedRows);
        if (audited) {
            *audited = std::move(*table);
            audited->reviewedRows = std::move(reviewedRows);
            audited->cacheSlot = *slot;
        }
        out.result = std::move(result).value();
        keepAudit(store, *slot, out.result);
    }
    if (record) {
        trace::phase("store: record run");
        std::optional<std::string> decision;
        if (out.result.decision)
            decision = decisionKey(*out.result.decision);
        auto run = store.recordRun(out.table.id, out.spec.id, decision,
                                   jsontext::dump(auditToJson(out.result)));
        if (!run)
            return run.error();
        out.runId = run->id;
    }
    return out;
}

} // namespace cp
