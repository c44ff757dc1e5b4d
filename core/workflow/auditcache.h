// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The finished audit of a source, kept in the project for the next opening (issue 12, item 9):
// keyed by the source, the spec's SHA-256 and the code version, and checked against a stamp of
// everything else the audit read (the table's SHA-256 or the run's answers so far, and the
// reviews). A stale, damaged or unreadable entry is never shown: the source is audited again
// and the entry replaced. A project opened read-only (a sample folder) keeps nothing.

#include <core/audit/auditresult.h>
#include <core/common/result.h>
#include <core/store/auditsource.h>
#include <core/store/projectrecords.h>

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

} // namespace cp
