// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

#include <core/audit/auditresult.h>

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace cp {

/// The audit as the JSON document the CLI prints with --json (README "Audit JSON").
/// Keys may be added over time; none is renamed. Undefined values are null.
nlohmann::json auditToJson(const AuditResult &result);

/// A readable plain-text summary, decision first.
std::string auditSummary(const AuditResult &result, std::size_t maxFlips = 10);
/// The summary's first lines alone (what --quiet prints): "Decision: BLOCKED" and the families
/// sentence (how many were audited, how many left out and why).
std::string auditDecisionLines(const AuditResult &result);

std::string decisionKey(Decision d); ///< "APPROVED" / "BLOCKED"

} // namespace cp
