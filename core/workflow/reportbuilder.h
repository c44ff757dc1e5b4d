// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The report use cases: a report of an audited source of a project (the project's records
// for what was tested), the comparison of two audited sources, and the runs of a project over
// time. core/report computes them from data; these read the data from the store.

#include <core/common/progress.h>
#include <core/common/result.h>
#include <core/report/report.h>
#include <core/report/runcomparison.h>
#include <core/report/trend.h>

#include <vector>

namespace cp {

class ProjectStore;
struct SourceAudit;

/// Gathers a report from an audited source of a project: the project's records for what was
/// tested, the top flipped pairs from the pairs index, the limitations. The audit result is
/// copied; `audit` may be dropped afterwards.
Result<Report> buildReport(ProjectStore &store, const SourceAudit &audit,
                           const ReportOptions &options = {});

/// Makes sure a report of `audit` can show its pairs: an audit taken from the cache whose
/// kept excerpt (SourceAudit::pairExcerpt) lacks a family of the report's top options.maxPairs
/// flips gets its whole Pairs index read (indexSourcePairs). Progress 0–1000.
Status readReportPairs(ProjectStore &store, SourceAudit &audit, const ReportOptions &options,
                       const Progress &progress = {});
/// buildReport of an audit that is shared and not to be changed (the workbench's): when its
/// pairs are pending and the kept excerpt does not cover the report, a copy of it reads them
/// first (readReportPairs). Progress 0–1000 over that reading.
Result<Report> buildReportReadingPairs(ProjectStore &store, const SourceAudit &audit,
                                       const ReportOptions &options = {},
                                       const Progress &progress = {});

/// Compares two audited sources of one project under the same spec (compareAudits).
Result<RunComparison> compareRuns(const SourceAudit &baseline, const SourceAudit &candidate,
                                  const AuditSpec &spec);
/// The same, reading first the whole Pairs index of a side taken from the cache when the
/// comparison needs the families (the two sources are different tables).
Result<RunComparison> compareRuns(ProjectStore &store, SourceAudit &baseline,
                                  SourceAudit &candidate, const AuditSpec &spec);

/// The audits recorded in a project (counterpart-cli audit, the workbench), with the table
/// name standing for the model version.
Result<std::vector<TrendRun>> recordedTrendRuns(ProjectStore &store);
/// Every complete scoring run audited with the project's current spec (not recorded), with its
/// model name and version; a run that cannot be audited is an error naming it.
Result<std::vector<TrendRun>> scoringTrendRuns(ProjectStore &store, const Progress &progress = {});

} // namespace cp
