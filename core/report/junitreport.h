// SPDX-FileCopyrightText: 2026 The Counterpart authors
// SPDX-License-Identifier: MIT
#pragma once

// The gate's JUnit XML, so that any CI system lists the contract's checks: one <testcase> per
// contract check (a failed check is a <failure type="failed"> whose message is the value
// against the limit; an insufficient one a <failure type="insufficient"> saying so, because
// insufficient is never passed), then one per required attestation (a missing one fails with
// type="missing"). The privacy floor applies to the values shown.

#include <core/report/report.h>

#include <string>

namespace cp {

/// The document: <testsuites> holding one <testsuite name="counterpart gate" tests failures
/// errors skipped timestamp> with the decision, hashes and versions as <properties>.
std::string junitXml(const Report &report);

} // namespace cp
