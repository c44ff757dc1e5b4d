// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "reportbuilder.h"

#include <core/audit/auditjson.h>
#include <core/store/probesetstore.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/workflow/sourceaudit.h>

#include <algorithm>

namespace cp {

namespace {

ComparedAudit comparedOf(const SourceAudit &a)
{
    return {a.source.label, &a.audit.result, a.pairs.get(), a.pairsError};
}

} // namespace

Result<Report> buildReport(ProjectStore &store, const SourceAudit &audit,
                           const ReportOptions &options)
{
    ReportInput in;
    in.result = &audit.audit.result;
    in.pairs = audit.reportPairs();
    in.pairsError = audit.pairsError;
    in.spec = audit.spec();  // parsed once, by the audit

    ReportTested &t = in.tested;
    auto name = store.projectName();
    if (!name)
        return name.error();
    t.projectName = *name;
    t.projectFile = store.path();
    t.sourceLabel = audit.source.label;
    t.tableSha256 = audit.audit.result.tableSha256;
    t.specId = audit.audit.spec.id;
    t.specSha256 = audit.audit.spec.sha256;
    t.specName = in.spec.name;
    t.contractVersion = in.spec.contract ? in.spec.contract->version : std::string();
    if (audit.source.kind == AuditSource::Kind::Table) {
        t.sourceKind = "table";
        t.tableImported = audit.audit.table.imported;
    } else {
        t.sourceKind = "scoring run";
        auto found = findRunAndProbeSet(store, audit.source.id);
        if (!found)
            return found.error();
        const ScoreRunRecord *run = &found->run;
        t.runId = run->id;
        t.runStatus = run->status;
        t.runStarted = run->started;
        t.runFinished = run->finished;
        const ProbeSetRecord *probeSet = &found->probeSet;
        t.probeSetId = probeSet->id;
        t.probeSetName = probeSet->name;
        t.probeSetKind = probeSet->kind;
        t.probeSetSha256 = probeSet->sha256;
        t.probeSetCreated = probeSet->created;
        t.probeSetSeed = probeSet->seed;
        auto model = findModel(store, std::to_string(run->modelId));
        if (!model)
            return model.error();
        t.modelName = model->name;
        t.modelVersion = model->version;
        t.modelKind = model->kind;
        t.modelConfigSha256 = model->configSha256;
    }
    return buildReport(in, options);
}

namespace {

/// Whether the audit holds the pairs a report with these options shows.
bool hasReportPairs(const SourceAudit &audit, const ReportOptions &options)
{
    if (!audit.pairsPending)
        return true;
    if (!audit.pairExcerpt)
        return false;
    const auto flips = topFlips(audit.audit.result.flips, options.maxPairs);
    return std::all_of(flips.begin(), flips.end(), [&](const Flip *f) {
        return audit.pairExcerpt->familyOfSourceRow(f->firstRow).has_value();
    });
}

} // namespace

Status readReportPairs(ProjectStore &store, SourceAudit &audit, const ReportOptions &options,
                       const Progress &progress)
{
    if (hasReportPairs(audit, options))
        return Ok{};
    return indexSourcePairs(store, audit, progress);
}

Result<Report> buildReportReadingPairs(ProjectStore &store, const SourceAudit &audit,
                                       const ReportOptions &options, const Progress &progress)
{
    if (hasReportPairs(audit, options))
        return buildReport(store, audit, options);
    SourceAudit copy = audit;
    if (auto s = indexSourcePairs(store, copy, progress); !s)
        return s.error();
    return buildReport(store, copy, options);
}

Result<RunComparison> compareRuns(const SourceAudit &baseline, const SourceAudit &candidate,
                                  const AuditSpec &spec)
{
    return compareAudits(comparedOf(baseline), comparedOf(candidate), spec);
}

Result<RunComparison> compareRuns(ProjectStore &store, SourceAudit &baseline,
                                  SourceAudit &candidate, const AuditSpec &spec)
{
    if (spec.familyColumn
        && baseline.audit.result.tableSha256 != candidate.audit.result.tableSha256)
        for (SourceAudit *side : {&baseline, &candidate})
            if (auto s = indexSourcePairs(store, *side); !s)
                return s.error();
    return compareRuns(baseline, candidate, spec);
}

Result<std::vector<TrendRun>> recordedTrendRuns(ProjectStore &store)
{
    auto runs = store.runs();
    if (!runs)
        return runs.error();
    auto tables = store.tables();
    if (!tables)
        return tables.error();
    std::vector<TrendRun> out;
    for (const RunRecord &r : *runs) {
        TrendRun t;
        t.id = "audit " + std::to_string(r.id);
        t.date = r.created;
        t.modelVersion = "table " + std::to_string(r.tableId);
        for (const TableRecord &table : *tables)
            if (table.id == r.tableId)
                t.modelVersion = table.name;
        t.audit = nlohmann::json::parse(r.resultJson, nullptr, false);
        if (!t.audit.is_object())
            return Error{ErrorCode::Storage, store.path(), 0, "runs",
                         "the recorded audit " + std::to_string(r.id) +
                             (t.audit.is_discarded() ? " is not valid JSON"
                                                     : " is not a JSON object")};
        out.push_back(std::move(t));
    }
    return out;
}

Result<std::vector<TrendRun>> scoringTrendRuns(ProjectStore &store, const Progress &progress)
{
    auto runs = scoreRuns(store);
    if (!runs)
        return runs.error();
    std::vector<TrendRun> out;
    std::int64_t done = 0;
    const auto total = std::int64_t(runs->size());
    for (const ScoreRunRecord &r : *runs) {
        if (progress.isCancelled())
            return Error{ErrorCode::Cancelled, store.path(), 0, {}, "cancelled"};
        if (r.status == "complete") {
            AuditSource source;
            source.kind = AuditSource::Kind::Run;
            source.id = r.id;
            auto audit = auditSource(store, source, {}, false);
            if (!audit)
                return audit.error();
            TrendRun t;
            t.id = "run " + std::to_string(r.id);
            t.date = r.finished.empty() ? r.started : r.finished;
            t.modelVersion = r.modelName + " " + r.modelVersion;
            t.audit = auditToJson(audit->audit.result);
            out.push_back(std::move(t));
        }
        progress.report(++done, total);
    }
    return out;
}

} // namespace cp
