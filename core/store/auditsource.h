// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// What can be audited in a project: a frozen table or a scoring run, named by a key
// ("table:3", "run:2"). A store-level reference; auditing one is a use case
// (core/workflow/sourceaudit.h).

#include <core/common/result.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cp {

class ProjectStore;

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

} // namespace cp
