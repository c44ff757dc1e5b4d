// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What the workbench audits: a frozen table of the project, or a scoring run (its probe set
// with the run's scores), each against the project's current spec, parsed once and carried
// along (audit.parsedSpec); with the Pairs view's index built from the audited table itself.

#include <core/audit/pairsindex.h>
#include <core/store/auditsource.h>
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

    /// The spec the audit read (the project's current one), parsed.
    const AuditSpec &spec() const { return audit.parsedSpec; }
};

/// Audits a source with the project's current spec; a table's run is recorded when record is
/// set. Progress runs 0–1000.
Result<SourceAudit> auditSource(ProjectStore &store, const AuditSource &source,
                                const Progress &progress = {}, bool record = true);

} // namespace cp
