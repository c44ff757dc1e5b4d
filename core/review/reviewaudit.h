// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Reviews into the audit: families the reviewers' consensus judged not equivalent are excluded
// (and counted), consensus expected outcomes become y_true, and the contract's review checks
// (minimum reviewed pairs, minimum agreement) join the decision.

#include <core/audit/auditresult.h>
#include <core/audit/auditspec.h>
#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/table/table.h>

namespace cp {

class ProjectStore;

/// Audits a table read from the frozen table `tableId` of the project, applying that table's
/// reviews as the spec's "reviews" object says. Without reviews and without review checks in
/// the contract this is runAudit. subjectName names the reviewed rows in the result.
///
/// The table keeps every row (a family the reviewers excluded is audited on a copy without
/// it); it gains the column of reviewed expected outcomes when reviews set y_true. When
/// families were excluded, auditedRows (if given) receives the rows of table the audit
/// counted, in order: the result's rows (a flip's firstRow) index that list. Otherwise it is
/// left empty.
Result<AuditResult> runReviewedAudit(ProjectStore &store, std::int64_t tableId,
                                     const std::string &subjectName, Table &table,
                                     const AuditSpec &spec, const Progress &progress = {},
                                     std::vector<std::int64_t> *auditedRows = nullptr);

} // namespace cp
