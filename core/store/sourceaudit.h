// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What the workbench audits: a frozen table of the project, or a scoring run (its probe set
// with the run's scores), each against the project's current spec; with the Pairs view's
// index built from the same bytes.

#include <core/audit/pairsindex.h>
#include <core/store/projectaudit.h>

#include <memory>
#include <string>
#include <vector>

namespace cp {

struct AuditSource {
    enum class Kind { Table, Run };
    Kind kind = Kind::Table;
    std::int64_t id = 0;
    std::string label;          ///< "shopflow" or "run 2 · toy-command on hiring-screen"
    std::string detail;         ///< a line for a tooltip: status, counts, dates

    /// "table:3" / "run:2", and back (a bare name or number means a table).
    std::string key() const;
    static AuditSource fromKey(const std::string &key);
};

/// The project's tables, then its scoring runs (every status: a stopped run is audited with
/// what it has, and says so).
Result<std::vector<AuditSource>> auditSources(ProjectStore &store);

struct SourceAudit {
    ProjectAudit audit;         ///< for a run, table.name is the source label, table.id 0
    AuditSource source;
    std::shared_ptr<const PairsIndex> pairs;  ///< null when the spec has no family column
    std::string pairsError;     ///< why there is no index, if there is none
};

/// Audits a source with the project's current spec; a table's run is recorded when record is
/// set. Progress runs 0–1000.
Result<SourceAudit> auditSource(ProjectStore &store, const AuditSource &source,
                                const Progress &progress = {}, bool record = true);

} // namespace cp
