// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/store/projectstore.h>
#include <core/table/table.h>
#include <core/workflow/auditcache.h>

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
    /// The result came from the audit cache: nothing was read, table and content are empty.
    bool fromCache = false;
    /// Where the audit is kept (core/workflow/auditcache.h), for what is kept beside it.
    AuditCacheSlot cacheSlot;
};

/// Audits a frozen table of a project with the project's current spec and records the run.
/// An empty name means the newest table. Progress is reported on a 0–1000 scale. The table's
/// bytes are read and checked once, and parsed once.
/// A finished audit of the same table, spec and reviews kept in the project
/// (core/workflow/auditcache.h) is used instead of reading the table (audited->fromCache says
/// so); otherwise the result is kept for next time. Flips name rows of the table as stored.
Result<ProjectAudit> auditProjectTable(ProjectStore &store, const std::string &tableNameOrId,
                                       const Progress &progress = {}, bool record = true,
                                       AuditedTable *audited = nullptr, bool useCache = true);
/// (audited, when given, receives what was read; otherwise it is freed before the audit ends.)
/// With useCache false the table is always read and audited (and the result kept).

/// Reads a frozen table of the project (its bytes checked against its SHA-256) and parses the
/// spec's columns of it, without auditing it: what the Pairs view needs of an audit taken from
/// the cache. reviewedRows stays empty. Progress 0–1000.
Result<AuditedTable> readAuditedTable(ProjectStore &store, const TableRecord &table,
                                      const AuditSpec &spec, const Progress &progress = {});

} // namespace cp
