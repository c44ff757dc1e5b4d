// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "sourceaudit.h"

#include "projectstore.h"
#include "scorestore.h"

#include <core/probeset/canonicalcsv.h>
#include <core/score/scoringrun.h>

namespace cp {

std::string AuditSource::key() const
{
    return (kind == Kind::Table ? "table:" : "run:") + std::to_string(id);
}

AuditSource AuditSource::fromKey(const std::string &key)
{
    AuditSource s;
    if (key.rfind("run:", 0) == 0) {
        s.kind = Kind::Run;
        s.id = std::atoll(key.c_str() + 4);
    } else if (key.rfind("table:", 0) == 0) {
        s.id = std::atoll(key.c_str() + 6);
    } else {
        s.label = key;  // a table name or id, resolved by the store
    }
    return s;
}

Result<std::vector<AuditSource>> auditSources(ProjectStore &store)
{
    std::vector<AuditSource> out;
    auto tables = store.tables();
    if (!tables)
        return tables.error();
    for (const TableRecord &t : *tables) {
        AuditSource s;
        s.id = t.id;
        s.label = t.name;
        s.detail = t.format + " · " + std::to_string(t.bytes) + " bytes · imported " + t.imported;
        out.push_back(std::move(s));
    }
    auto runs = scoreRuns(store);
    if (!runs)
        return runs.error();
    for (const ScoreRunRecord &r : *runs) {
        AuditSource s;
        s.kind = AuditSource::Kind::Run;
        s.id = r.id;
        s.label = "run " + std::to_string(r.id) + " · " + r.modelName + " on " + r.probeSetName;
        s.detail = r.status + " · " + std::to_string(r.scored) + " scored, "
                   + std::to_string(r.errors) + " errors, of " + std::to_string(r.tasks)
                   + " · model version " + r.modelVersion + " · started " + r.started;
        out.push_back(std::move(s));
    }
    return out;
}

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
