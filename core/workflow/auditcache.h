// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The finished audit of a source, kept in the project for the next opening (issue 12, item 9):
// keyed by the source, the spec's SHA-256 and the code version, and checked against a stamp of
// everything else the audit read (the table's SHA-256 or the run's answers so far, and the
// reviews). A stale, damaged or unreadable entry is never shown: the source is audited again
// and the entry replaced. A project opened read-only (a sample folder) keeps nothing.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/audit/pairsindex.h>
#include <core/common/result.h>
#include <core/store/auditsource.h>
#include <core/store/probesetstore.h>
#include <core/store/projectrecords.h>
#include <core/store/scorerecords.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace cp {

class ProjectStore;

/// The build's audit code version. Bump AuditEngineRevision (auditcache.cpp) whenever a change
/// makes the same inputs audit to a different result.
std::string auditCodeVersion();

struct AuditCacheSlot {
    AuditCacheKey key;
    std::string stamp;  ///< what else the audit read, as text; compared on load
};

/// The slot of a source's audit with a spec (its SHA-256): a frozen table by id and SHA-256, a
/// scoring run by its status and counts of answers, either with its reviews' stamp.
Result<AuditCacheSlot> auditCacheSlot(ProjectStore &store, const AuditSource &source,
                                      const std::string &specSha256);

/// The kept result of this slot, if one is kept under this stamp and reads back whole.
std::optional<AuditResult> loadCachedAudit(ProjectStore &store, const AuditCacheSlot &slot);

/// Keeps the result under the slot (replacing what was kept). Keeping is an optimisation: a
/// read-only project, or a failure to write, leaves the audit as it is and says nothing.
void keepAudit(ProjectStore &store, const AuditCacheSlot &slot, const AuditResult &result);

/// How many of an audit's top flips (topFlips) have their families kept beside it: what a
/// report shows side by side (ReportOptions::maxPairs, 5 by default) with room to spare.
inline constexpr std::size_t KeptPairFamilies = 20;

/// Keeps the families of the result's top KeptPairFamilies flips, taken from its whole Pairs
/// index, under the slot (an entry of its own beside the audit's). As keepAudit, silent.
void keepPairExcerpt(ProjectStore &store, const AuditCacheSlot &slot, const AuditResult &result,
                     const PairsIndex &pairs);

/// The excerpt kept under this slot, if one is kept under this stamp, reads back whole and
/// has the spec's dimensions; else null.
std::shared_ptr<const PairsIndex> loadPairExcerpt(ProjectStore &store, const AuditCacheSlot &slot,
                                                  const AuditSpec &spec);

/// The SHA-256 of a scoring run's scored table (ScoredRows::sha256: the probe set's rows with
/// the run's results), kept beside its audits. What it hashes changes with the run and the
/// spec's threshold only, so an audit after any other spec change need not hash the table
/// again (a gigabyte at 1,000,000 families × 5, 1.6 s). Keyed by the run and the threshold,
/// stamped with the run's status and counts; null when none is kept under that stamp.
std::optional<std::string> keptRunTableSha(ProjectStore &store, const ScoreRunRecord &run,
                                           const ProbeSetRecord &set,
                                           std::optional<double> threshold);
/// Keeps it (as keepAudit, silent when the project is read-only).
void keepRunTableSha(ProjectStore &store, const ScoreRunRecord &run, const ProbeSetRecord &set,
                     std::optional<double> threshold, const std::string &sha256);

} // namespace cp
