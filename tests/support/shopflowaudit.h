// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Test support: the ShopFlow sample audited through the core API, for model tests.

#include <core/audit/auditengine.h>

#include <QtGlobal>

#include <memory>
#include <string>

namespace cp::test {

/// Audits sample_projects/shopflow-judge/<table> with the sample's spec (fatal on error).
inline std::shared_ptr<const cp::AuditResult> shopflowAudit(const char *table = "shopflow.csv")
{
    const std::string dir = COUNTERPART_SOURCE_DIR "/sample_projects/shopflow-judge/";
    auto spec = cp::loadAuditSpec(dir + "spec.json");
    if (!spec)
        qFatal("%s", spec.error().toString().c_str());
    auto result = cp::auditTableFile(dir + table, *spec);
    if (!result)
        qFatal("%s", result.error().toString().c_str());
    return std::make_shared<const cp::AuditResult>(std::move(result).value());
}

} // namespace cp::test
