// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/store/projectstore.h>
#include <core/table/table.h>

#include <string>
#include <vector>

namespace cp {

struct ProjectAudit {
    TableRecord table;
    SpecRecord spec;
    AuditSpec parsedSpec;   ///< spec, parsed once: read this instead of parsing spec.json again
    AuditResult result;
    std::int64_t runId = 0; ///< 0 when the run was not recorded
};

/// What an audit read, for what comes after it (the Pairs view's index): the table with every
/// row, its bytes, and the rows counted when reviews excluded families (empty: every row).
struct AuditedTable {
    Table table;
    std::string content;
    std::vector<std::int64_t> reviewedRows;
};

/// Audits a frozen table of a project with the project's current spec and records the run.
/// An empty name means the newest table. Progress is reported on a 0–1000 scale. The table's
/// bytes are read and checked once, and parsed once.
Result<ProjectAudit> auditProjectTable(ProjectStore &store, const std::string &tableNameOrId,
                                       const Progress &progress = {}, bool record = true,
                                       AuditedTable *audited = nullptr);
/// (audited, when given, receives what was read; otherwise it is freed before the audit ends.)

} // namespace cp
