// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// A spec (as JSON) run over a CSV held in memory: the audit a core test reads its numbers from.

#include <core/audit/auditengine.h>
#include <core/audit/auditspec.h>
#include <core/table/tablereader.h>

#include <nlohmann/json.hpp>

#include <QtGlobal>

#include <string>

namespace cptest {

/// The audit, or the first error (a bad spec, a bad table, a failed audit).
inline cp::Result<cp::AuditResult> tryAuditCsv(const std::string &csv, const nlohmann::json &spec)
{
    auto parsed = cp::parseAuditSpec(spec, "spec");
    if (!parsed)
        return parsed.error();
    auto table = cp::readCsv(csv, "t.csv", parsed->columns());
    if (!table)
        return table.error();
    return cp::runAudit(*table, *parsed);
}

/// The audit; any error stops the test binary with its message.
inline cp::AuditResult auditCsv(const std::string &csv, const nlohmann::json &spec)
{
    auto r = tryAuditCsv(csv, spec);
    if (!r)
        qFatal("%s", r.error().toString().c_str());
    return *r;
}

} // namespace cptest
