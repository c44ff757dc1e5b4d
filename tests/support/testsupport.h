// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// Test support shared by the Qt Test suites.

#include <QtTest>

/// Verifies that a cp::Result is ok, printing its error otherwise. Evaluates its argument once
/// (it may be a call with side effects, such as an import).
#define CP_VERIFY_OK(expr)                                                                         \
    do {                                                                                           \
        const auto &cpResult = (expr);                                                             \
        QVERIFY2(cpResult.ok(), cpResult.ok() ? "" : cpResult.error().toString().c_str());         \
    } while (false)
