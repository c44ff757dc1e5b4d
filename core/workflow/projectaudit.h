// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>
#include <core/common/progress.h>
#include <core/store/projectstore.h>

#include <string>

namespace cp {

struct ProjectAudit {
    TableRecord table;
    SpecRecord spec;
    AuditResult result;
    std::int64_t runId = 0; ///< 0 when the run was not recorded
};

/// Audits a frozen table of a project with the project's current spec and records the run.
/// An empty name means the newest table. Progress is reported on a 0–1000 scale.
Result<ProjectAudit> auditProjectTable(ProjectStore &store, const std::string &tableNameOrId,
                                       const Progress &progress = {}, bool record = true,
                                       std::string *auditedContent = nullptr);
/// (auditedContent, when given, receives the table's bytes as audited.)

} // namespace cp
