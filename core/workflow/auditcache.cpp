// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#include "auditcache.h"

#include <core/audit/auditcodec.h>
#include <core/common/phasetrace.h>
#include <core/store/projectstore.h>
#include <core/store/probesetstore.h>
#include <core/store/scorestore.h>
#include <core/workflow/replyprobeset.h>
#include <core/workflow/runaudit.h>

#include <cstdio>
#include <cstring>

namespace cp {

namespace {

/// Bumped by hand whenever the same inputs would audit to a different result.
constexpr int AuditEngineRevision = 5;

/// The stamp travels inside the kept bytes, ahead of the encoded result.
std::string stampHeader(const std::string &stamp)
{
    const std::uint32_t n = std::uint32_t(stamp.size());
    std::string out(reinterpret_cast<const char *>(&n), sizeof n);
    out += stamp;
    return out;
}

std::string withStamp(const std::string &stamp, const std::string &encoded)
{
    return stampHeader(stamp) + encoded;
}

/// The stamped bytes kept under a key whose stamp is the slot's, without the stamp.
std::optional<std::string> stampedEntry(ProjectStore &store, const AuditCacheKey &key,
                                        const std::string &stamp)
{
    auto entry = store.loadAuditCache(key);
    if (!entry || !*entry)
        return std::nullopt;
    std::string &blob = (*entry)->blob;
    std::uint32_t n = 0;
    if (blob.size() < sizeof n)
        return std::nullopt;
    std::memcpy(&n, blob.data(), sizeof n);
    if (blob.size() - sizeof n < n || std::string_view(blob).substr(sizeof n, n) != stamp)
        return std::nullopt;
    blob.erase(0, sizeof n + n);
    return std::move(blob);
}

/// The excerpt's entry: the audit's key with its own code version.
AuditCacheKey excerptKey(const AuditCacheSlot &slot)
{
    AuditCacheKey key = slot.key;
    key.codeVersion += "+pairs";
    return key;
}

/// What a run's audit read besides the spec and the reviews: its status and counts, and the
/// probe set's SHA-256.
std::string runStamp(const ScoreRunRecord &run, const ProbeSetRecord &set)
{
    return "status=" + run.status + " tasks=" + std::to_string(run.tasks)
           + " scored=" + std::to_string(run.scored) + " errors=" + std::to_string(run.errors)
           + " refused=" + std::to_string(run.refused) + " finished=" + run.finished
           + " set=" + set.sha256;
}

AuditCacheSlot runTableShaSlot(const ScoreRunRecord &run, const ProbeSetRecord &set,
                               std::optional<double> threshold)
{
    AuditCacheSlot slot;
    slot.key.source = "run:" + std::to_string(run.id);
    char buf[64] = "none";
    if (threshold)
        std::snprintf(buf, sizeof buf, "%.17g", *threshold);
    slot.key.specSha256 = std::string("table sha256, threshold ") + buf;
    slot.key.codeVersion = auditCodeVersion() + "+tablesha";
    slot.stamp = runStamp(run, set);
    return slot;
}

} // namespace

std::string auditCodeVersion()
{
    return std::string(COUNTERPART_VERSION) + "+engine" + std::to_string(AuditEngineRevision)
           + "+codec" + std::to_string(AuditCodecVersion);
}

Result<AuditCacheSlot> auditCacheSlot(ProjectStore &store, const AuditSource &source,
                                      const std::string &specSha256)
{
    AuditCacheSlot slot;
    slot.key.specSha256 = specSha256;
    slot.key.codeVersion = auditCodeVersion();
    std::int64_t reviewedTable = 0;
    if (source.kind == AuditSource::Kind::Table) {
        auto table = store.findTable(std::to_string(source.id));
        if (!table)
            return table.error();
        slot.key.source = "table:" + std::to_string(table->id);
        slot.stamp = "sha256=" + table->sha256;
        reviewedTable = table->id;
    } else {
        auto found = findRunAndProbeSet(store, source.id);
        if (!found)
            return found.error();
        const ScoreRunRecord *run = &found->run;
        const ProbeSetRecord *set = &found->probeSet;
        slot.key.source = "run:" + std::to_string(run->id);
        slot.stamp = runStamp(*run, *set);
        // The embeddings of its replies, scored by another run, are part of its audit.
        if (runHasOutputs(store, *run)) {
            auto embeddings = replyEmbeddingsRun(store, run->id);
            if (!embeddings)
                return embeddings.error();
            if (*embeddings)
                slot.stamp += " embeddings=run:" + std::to_string((*embeddings)->run.id) + " "
                              + runStamp((*embeddings)->run, (*embeddings)->probeSet);
        }
        reviewedTable = set->tableId;
    }
    auto reviews = store.backend().reviewStamp(reviewedTable);
    if (!reviews)
        return reviews.error();
    slot.stamp += " reviews=" + *reviews;
    return slot;
}

std::optional<AuditResult> loadCachedAudit(ProjectStore &store, const AuditCacheSlot &slot)
{
    trace::phase("store: cached audit");
    const auto blob = stampedEntry(store, slot.key, slot.stamp);
    if (!blob)
        return std::nullopt;
    auto result = decodeAudit(*blob, store.path() + " (audit cache of " + slot.key.source + ")");
    if (!result)
        return std::nullopt;
    return std::move(*result);
}

void keepAudit(ProjectStore &store, const AuditCacheSlot &slot, const AuditResult &result)
{
    trace::phase("store: keep audit");
    // Encoded after the stamp, not copied behind it: the 1,000,000-family gate's peak memory
    // was here, with a 26 MB encoding and its copy.
    (void)store.saveAuditCache(slot.key, encodeAudit(result, stampHeader(slot.stamp)));
}

void keepPairExcerpt(ProjectStore &store, const AuditCacheSlot &slot, const AuditResult &result,
                     const PairsIndex &pairs)
{
    trace::phase("store: keep pairs");
    const auto excerpt = excerptPairs(pairs, topFlips(result.flips, KeptPairFamilies));
    (void)store.saveAuditCache(excerptKey(slot),
                               withStamp(slot.stamp, encodePairExcerpt(*excerpt)));
}

std::shared_ptr<const PairsIndex> loadPairExcerpt(ProjectStore &store, const AuditCacheSlot &slot,
                                                  const AuditSpec &spec)
{
    trace::phase("store: kept pairs");
    const auto blob = stampedEntry(store, excerptKey(slot), slot.stamp);
    if (!blob)
        return nullptr;
    auto excerpt = decodePairExcerpt(*blob, store.path() + " (pairs kept for "
                                                + slot.key.source + ")");
    if (!excerpt || (*excerpt)->protectedDims.size() != spec.protectedAttributes.size())
        return nullptr;
    return std::move(*excerpt);
}

std::optional<std::string> keptRunTableSha(ProjectStore &store, const ScoreRunRecord &run,
                                           const ProbeSetRecord &set,
                                           std::optional<double> threshold)
{
    trace::phase("store: kept table hash");
    const AuditCacheSlot slot = runTableShaSlot(run, set, threshold);
    auto sha = stampedEntry(store, slot.key, slot.stamp);
    // 64 hex digits, or nothing: a damaged entry means hashing again.
    if (!sha || sha->size() != 64
        || sha->find_first_not_of("0123456789abcdef") != std::string::npos)
        return std::nullopt;
    return sha;
}

void keepRunTableSha(ProjectStore &store, const ScoreRunRecord &run, const ProbeSetRecord &set,
                     std::optional<double> threshold, const std::string &sha256)
{
    const AuditCacheSlot slot = runTableShaSlot(run, set, threshold);
    (void)store.saveAuditCache(slot.key, withStamp(slot.stamp, sha256));
}

} // namespace cp
