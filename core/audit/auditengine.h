// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/table/table.h>

namespace cp {

/// Runs a complete audit of a scored table: flips and pair tests (when the spec names a family
/// column), slice rates, gaps, reference gaps, intersections, calibration, the contract's checks
/// and the decision. Cost is linear in rows: one counting pass over compact group codes fills a
/// cube from which every slice, intersection and calibration cell is a marginal, plus one pass
/// over families. Errors name the table's source, the line and the column. Progress is
/// reported on a 0–1000 scale; a cancel returns ErrorCode::Cancelled.
Result<AuditResult> runAudit(const Table &table, const AuditSpec &spec,
                             const Progress &progress = {});

/// Reads a table file (CSV or JSON Lines by extension) with the columns the spec needs and
/// audits it.
Result<AuditResult> auditTableFile(const std::string &path, const AuditSpec &spec,
                                   const Progress &progress = {});

} // namespace cp
