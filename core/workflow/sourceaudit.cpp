// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "sourceaudit.h"

#include "runaudit.h"

#include <core/common/phasetrace.h>
#include <core/probeset/canonicalcsv.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/csvrows.h>

namespace cp {

namespace {

void indexPairs(SourceAudit &out, const Table &table, std::shared_ptr<const TextRows> rows,
                const Progress &progress)
{
    trace::phase("pairs index");
    auto pairs = buildPairsIndex(table, std::move(rows), out.audit.parsedSpec, out.audit.result,
                                 progress);
    if (!pairs)
        out.pairsError = pairs.error().toString();
    else
        out.pairs = std::move(*pairs);
}

} // namespace

Result<SourceAudit> auditSource(ProjectStore &store, const AuditSource &source,
                                const Progress &progress, bool record)
{
    SourceAudit out;
    out.source = source;
    const char *noFamily = "the spec names no family column, so there are no pairs";
    if (source.kind == AuditSource::Kind::Table) {
        const std::string table = source.id > 0 ? std::to_string(source.id) : source.label;
        AuditedTable audited;
        auto audit = auditProjectTable(store, table, progress.phase(0, 800), record, &audited);
        if (!audit)
            return audit.error();
        out.audit = std::move(*audit);
        out.source.id = out.audit.table.id;
        out.source.label = out.audit.table.name;
        mapFlipRows(out.audit.result, audited.reviewedRows);
        if (!out.audit.parsedSpec.familyColumn) {
            out.pairsError = noFamily;
        } else {
            trace::phase("row index");
            std::string csv = std::move(audited.content);
            if (out.audit.table.format == "jsonl") {
                auto converted = csvFromJsonLines(csv, out.audit.table.name);
                if (!converted)
                    return converted.error();
                csv = std::move(*converted);
            }
            auto rows = CsvRows::index(std::move(csv), out.audit.table.name);
            if (!rows)
                out.pairsError = rows.error().toString();
            else
                indexPairs(out, audited.table, std::move(*rows), progress.phase(800, 1000));
        }
    } else {
        trace::phase("spec");
        auto run = findScoreRun(store, source.id);
        if (!run)
            return run.error();
        auto spec = store.currentSpec();
        if (!spec)
            return spec.error();
        if (!spec->has_value())
            return Error{ErrorCode::Invalid, store.path(), 0, "spec",
                         "the project has no audit spec to audit run " + std::to_string(run->id)
                             + " with (File › Set Audit Spec…, or counterpart-cli spec "
                               "--project P --set SPEC.json)"};
        out.audit.spec = **spec;
        auto parsed = parseAuditSpecText(out.audit.spec.json, store.path() + " (spec "
                                                                  + std::to_string(out.audit.spec.id)
                                                                  + ")");
        if (!parsed)
            return parsed.error();
        out.audit.parsedSpec = std::move(*parsed);
        auto audited = auditRun(store, run->id, out.audit.parsedSpec, progress, true);
        if (!audited)
            return audited.error();
        out.audit.result = std::move(audited->result);
        out.pairs = std::move(audited->pairs);
        out.pairsError = std::move(audited->pairsError);
        out.audit.table.name = "run " + std::to_string(run->id) + " · " + run->modelName + " on "
                               + run->probeSetName;
        out.audit.table.sha256 = out.audit.result.tableSha256;
        out.source.label = out.audit.table.name;
    }
    trace::phase("done");
    progress.report(1000, 1000);
    return out;
}

} // namespace cp
