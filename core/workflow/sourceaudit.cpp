// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "sourceaudit.h"

#include <core/store/projectstore.h>
#include <core/store/scorestore.h>

#include <core/probeset/canonicalcsv.h>
#include <core/score/scoringrun.h>

namespace cp {

Result<SourceAudit> auditSource(ProjectStore &store, const AuditSource &source,
                                const Progress &progress, bool record)
{
    SourceAudit out;
    out.source = source;
    std::string csv;
    if (source.kind == AuditSource::Kind::Table) {
        const std::string table = source.id > 0 ? std::to_string(source.id) : source.label;
        auto audit = auditProjectTable(store, table, progress.phase(0, 800), record, &csv);
        if (!audit)
            return audit.error();
        out.audit = std::move(*audit);
        out.source.id = out.audit.table.id;
        out.source.label = out.audit.table.name;
        if (out.audit.table.format == "jsonl") {
            auto converted = csvFromJsonLines(csv, out.audit.table.name);
            if (!converted)
                return converted.error();
            csv = std::move(*converted);
        }
    } else {
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
        auto result = auditScoreRun(store, run->id, *parsed, progress.phase(0, 800), &csv);
        if (!result)
            return result.error();
        out.audit.result = std::move(*result);
        out.audit.table.name = "run " + std::to_string(run->id) + " · " + run->modelName + " on "
                               + run->probeSetName;
        out.audit.table.sha256 = out.audit.result.tableSha256;
        out.source.label = out.audit.table.name;
    }
    auto parsed = parseAuditSpecText(out.audit.spec.json, "spec");
    if (!parsed)
        return parsed.error();
    if (!parsed->familyColumn) {
        out.pairsError = "the spec names no family column, so there are no pairs";
    } else {
        auto pairs = buildPairsIndex(std::move(csv), out.audit.table.name, *parsed,
                                     out.audit.result, progress.phase(800, 1000));
        if (!pairs)
            out.pairsError = pairs.error().toString();
        else
            out.pairs = std::move(*pairs);
    }
    progress.report(1000, 1000);
    return out;
}

} // namespace cp
