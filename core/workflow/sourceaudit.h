// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What the workbench audits: a frozen table of the project, or a scoring run (its probe set
// with the run's scores), each against the project's current spec, parsed once and carried
// along (audit.parsedSpec); with the Pairs view's index built from the audited table itself.

#include <core/audit/fliplisting.h>
#include <core/audit/pairsindex.h>
#include <core/store/auditsource.h>
#include <core/workflow/auditcache.h>
#include <core/workflow/projectaudit.h>

#include <memory>
#include <string>
#include <vector>

namespace cp {

struct SourceAudit {
    /// For a run, table.name is the source label, table.id 0. A flip's firstRow is a row of the
    /// table as stored (with the families reviewers excluded), as in pairs.
    ProjectAudit audit;
    AuditSource source;
    std::shared_ptr<const PairsIndex> pairs;  ///< null when the spec has no family column
    std::string pairsError;     ///< why there is no index, if there is none
    /// The result came from the audit cache and, with PairsWhen::Later, the index is not built
    /// yet (pairsError says so): indexSourcePairs() builds it.
    bool pairsPending = false;
    bool fromCache = false;
    /// The families of the top flips kept beside a cached audit (KeptPairFamilies of them, with
    /// their text): enough for a report's pairs while the whole index is pending. Null when
    /// none was kept, or once pairs is read.
    std::shared_ptr<const PairsIndex> pairExcerpt;
    /// Where the audit is kept, for what is kept beside it.
    AuditCacheSlot cacheSlot;
    /// The flip list's columns and opening order (listFlips of the result).
    std::shared_ptr<const FlipListing> flipListing;

    /// The pairs a report shows: the whole index, else the kept excerpt (null: neither).
    const PairsIndex *reportPairs() const { return pairs ? pairs.get() : pairExcerpt.get(); }

    /// The spec the audit read (the project's current one), parsed.
    const AuditSpec &spec() const { return audit.parsedSpec; }
};

/// When an audit taken from the cache gets its Pairs index: with it (the source is read, not
/// audited), or later, by indexSourcePairs() (the workbench shows the audit first).
enum class PairsWhen { WithAudit, Later };

/// Audits a source with the project's current spec; a table's run is recorded when record is
/// set. A finished audit of the same source, spec, reviews and code kept in the project is
/// taken instead of auditing again (core/workflow/auditcache.h); a new one is kept. Progress
/// runs 0–1000, from the first byte read.
Result<SourceAudit> auditSource(ProjectStore &store, const AuditSource &source,
                                const Progress &progress = {}, bool record = true,
                                PairsWhen pairs = PairsWhen::WithAudit);

/// Builds the Pairs index of an audit whose index is pending (read the source, no audit).
/// Progress 0–1000. A source that cannot be read is an error; one without pairs sets pairsError.
Status indexSourcePairs(ProjectStore &store, SourceAudit &audit, const Progress &progress = {});

/// Audits a scoring run against a spec given as text (the project's, or a file's; `where` names
/// it in errors), through the audit cache as auditSource does. Progress 0–1000.
Result<AuditResult> auditRunWithSpec(ProjectStore &store, std::int64_t runId,
                                     const std::string &specText, const std::string &where,
                                     const Progress &progress = {});

/// Whether `family` is a family of the audited rows (a review label names one): an error
/// naming the family and the source when not, or when the audit has no Pairs index.
Status checkFamilyInSource(const SourceAudit &audited, const std::string &family);

} // namespace cp
