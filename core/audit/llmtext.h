// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Internal to the LLM audit (llmaudit.cpp, llmcontract.cpp): how its messages write numbers.

#include <core/audit/auditresult.h>

#include <cstdio>
#include <string>

namespace cp::detail {

/// Limits are compared with this much slack, so that 0.05 from a sum of doubles still passes
/// a limit of 0.05 (as the counting engine's checks do).
inline constexpr double Slack = 1e-9;

inline std::string percentText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", 100 * v);
    return buf;
}

inline std::string numberText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

inline std::string proportionText(const Proportion &p)
{
    return std::to_string(p.k) + " of " + std::to_string(p.n);
}

} // namespace cp::detail
