// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "sourceaudit.h"

#include "auditcache.h"
#include "runaudit.h"

#include <core/common/phasetrace.h>
#include <core/common/sha256.h>
#include <core/common/utf8.h>
#include <core/probeset/canonicalcsv.h>
#include <core/review/reviewqueue.h>
#include <core/store/projectstore.h>
#include <core/store/scorestore.h>
#include <core/table/csvrows.h>

namespace cp {

namespace {

constexpr const char *NoFamily = "the spec names no family column, so there are no pairs";
constexpr const char *PairsPending = "the pairs are being read (the audit was kept from before)";

/// Builds the whole index; the families of its top flips are kept beside the audit when they
/// are not kept yet.
void indexPairs(ProjectStore &store, SourceAudit &out, const Table &table,
                std::shared_ptr<const TextRows> rows, const AuditSpec &spec,
                const Progress &progress)
{
    trace::phase("pairs index");
    auto pairs = buildPairsIndex(table, std::move(rows), spec, out.audit.result, progress);
    if (!pairs) {
        out.pairsError = pairs.error().toString();
        return;
    }
    out.pairs = std::move(*pairs);
    if (!out.pairExcerpt && !out.cacheSlot.key.source.empty())
        keepPairExcerpt(store, out.cacheSlot, out.audit.result, *out.pairs);
    out.pairExcerpt = nullptr;
}

/// The rows of a table's text for the Pairs view (a JSON Lines table in its CSV form).
Result<std::shared_ptr<const TextRows>> tableRows(std::string content, const TableRecord &table)
{
    trace::phase("row index");
    if (table.format == "jsonl") {
        auto converted = csvFromJsonLines(content, table.name);
        if (!converted)
            return converted.error();
        content = std::move(*converted);
    }
    auto rows = CsvRows::index(std::move(content), table.name);
    if (!rows)
        return rows.error();
    return std::shared_ptr<const TextRows>(std::move(*rows));
}

Result<AuditSpec> parseSpec(const SpecRecord &spec, const std::string &where)
{
    return parseAuditSpecText(spec.json, where + " (spec " + std::to_string(spec.id) + ")");
}

/// The run's scored table as its audit read it (the same families kept), for the Pairs index.
/// `spec` is the run's (runAuditSpec).
Result<ScoredRun> scoredRunOf(ProjectStore &store, const ScoreRunRecord &run,
                              const AuditSpec &spec, const Progress &progress)
{
    return loadScoredRun(store, run.id, spec.columns(), "scoring run " + std::to_string(run.id),
                         false, false, outcomeRuleOf(spec), progress);
}

} // namespace

Result<SourceAudit> auditSource(ProjectStore &store, const AuditSource &source,
                                const Progress &progress, bool record, PairsWhen when)
{
    SourceAudit out;
    out.source = source;
    if (source.kind == AuditSource::Kind::Table) {
        const std::string table = source.id > 0 ? std::to_string(source.id) : source.label;
        AuditedTable audited;
        auto audit = auditProjectTable(store, table, progress.phase(0, 800), record, &audited);
        if (!audit)
            return audit.error();
        out.audit = std::move(*audit);
        out.source.id = out.audit.table.id;
        out.source.label = out.audit.table.name;
        out.fromCache = audited.fromCache;
        out.cacheSlot = std::move(audited.cacheSlot);
        if (!out.audit.parsedSpec.familyColumn) {
            out.pairsError = NoFamily;
        } else if (audited.fromCache) {
            out.pairsPending = true;
            out.pairsError = PairsPending;
            out.pairExcerpt = loadPairExcerpt(store, out.cacheSlot, out.audit.parsedSpec);
            if (when == PairsWhen::WithAudit)
                if (auto s = indexSourcePairs(store, out, progress.phase(800, 1000)); !s)
                    return s.error();
        } else {
            auto rows = tableRows(std::move(audited.content), out.audit.table);
            if (!rows)
                out.pairsError = rows.error().toString();
            else
                indexPairs(store, out, audited.table, std::move(*rows), out.audit.parsedSpec,
                           progress.phase(800, 1000));
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
        auto parsed = parseSpec(out.audit.spec, store.path());
        if (!parsed)
            return parsed.error();
        out.audit.parsedSpec = std::move(*parsed);
        out.audit.table.name = "run " + std::to_string(run->id) + " · " + run->modelName + " on "
                               + run->probeSetName;
        out.source.label = out.audit.table.name;
        auto slot = auditCacheSlot(store, source, out.audit.spec.sha256);
        if (!slot)
            return slot.error();
        out.cacheSlot = *slot;
        if (auto cached = loadCachedAudit(store, *slot)) {
            out.audit.result = std::move(*cached);
            out.fromCache = true;
            if (!out.audit.parsedSpec.familyColumn) {
                out.pairsError = NoFamily;
            } else {
                out.pairsPending = true;
                out.pairsError = PairsPending;
                out.pairExcerpt = loadPairExcerpt(store, *slot, out.audit.parsedSpec);
                if (when == PairsWhen::WithAudit)
                    if (auto s = indexSourcePairs(store, out, progress); !s)
                        return s.error();
            }
        } else {
            auto audited = auditRun(store, run->id, out.audit.parsedSpec, progress, true);
            if (!audited)
                return audited.error();
            out.audit.result = std::move(audited->result);
            out.pairs = std::move(audited->pairs);
            out.pairsError = std::move(audited->pairsError);
            // The parsed columns go before the result is encoded to be kept: the pairs index
            // has what it needs of them, and at 1,000,000 families they are 150 MB of the
            // gate's peak.
            *audited = RunAudit{};
            keepAudit(store, *slot, out.audit.result);
            if (out.pairs)
                keepPairExcerpt(store, *slot, out.audit.result, *out.pairs);
        }
        out.audit.table.sha256 = out.audit.result.tableSha256;
    }
    out.flipListing = std::make_shared<const FlipListing>(listFlips(out.audit.result));
    trace::phase("done");
    progress.report(1000, 1000);
    return out;
}

Status indexSourcePairs(ProjectStore &store, SourceAudit &audit, const Progress &progress)
{
    if (!audit.pairsPending)
        return Ok{};
    const AuditSpec &spec = audit.audit.parsedSpec;
    if (audit.source.kind == AuditSource::Kind::Table) {
        auto table = readAuditedTable(store, audit.audit.table, spec, progress.phase(0, 800));
        if (!table)
            return table.error();
        auto rows = tableRows(std::move(table->content), audit.audit.table);
        audit.pairsError.clear();
        if (!rows)
            audit.pairsError = rows.error().toString();
        else
            indexPairs(store, audit, table->table, std::move(*rows), spec,
                       progress.phase(800, 1000));
    } else {
        auto found = findRunAndProbeSet(store, audit.source.id);
        if (!found)
            return found.error();
        // As the audit read it (replies and log-probabilities too: Pairs shows them).
        const AuditSpec runSpec = runAuditSpec(store, spec, *found);
        auto scored = scoredRunOf(store, found->run, runSpec, progress.phase(0, 800));
        if (!scored)
            return scored.error();
        audit.pairsError.clear();
        indexPairs(store, audit, scored->table, scored->rows, runSpec, progress.phase(800, 1000));
    }
    audit.pairsPending = false;
    progress.report(1000, 1000);
    return Ok{};
}

Result<AuditResult> auditRunWithSpec(ProjectStore &store, std::int64_t runId,
                                     const std::string &specText, const std::string &where,
                                     const Progress &progress)
{
    auto spec = parseAuditSpecText(specText, where);
    if (!spec)
        return spec.error();
    AuditSource source;
    source.kind = AuditSource::Kind::Run;
    source.id = runId;
    auto slot = auditCacheSlot(store, source, Sha256::hex(specText));
    if (!slot)
        return slot.error();
    if (auto cached = loadCachedAudit(store, *slot)) {
        progress.report(1000, 1000);
        return std::move(*cached);
    }
    auto result = auditScoreRun(store, runId, *spec, progress);
    if (!result)
        return result.error();
    keepAudit(store, *slot, *result);
    return result;
}

Status checkFamilyInSource(const SourceAudit &audited, const std::string &family)
{
    const std::string label = audited.audit.table.name;
    if (!audited.pairs)
        return Error{ErrorCode::Invalid, label, 0, "family",
                     audited.pairsError.empty() ? "the rows have no families"
                                                : audited.pairsError};
    const auto &column = audited.spec().familyColumn;
    const FamilyKeyIndex index(audited.pairs,
                               column ? familyKeyColumn(*audited.pairs, *column) : -1);
    if (index.find(family) < 0)
        return Error{ErrorCode::Invalid, label, 0, "family",
                     "no family " + utf8::quoted(family)
                         + " in these rows: a label names a family of the audited rows"};
    return Ok{};
}

} // namespace cp
